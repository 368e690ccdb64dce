#pragma once

#include <QString>
#include <QStringList>

class QTextBlock;
class QTextDocument;

namespace sb::reports {

/// Lays a QTextDocument with a page size out for print the way a reader expects: every
/// table's first row is its header and repeats on each page the table runs onto, and a
/// heading never ends a page: it moves to the next page when what follows it (the first
/// line of a paragraph or picture, a table's first row below its header) starts there.
class PageFlow {
public:
    /// Applies both rules to `document`, whose page size is set.
    static void apply(QTextDocument& document);

    /// The page (from 0) on which the block's first line starts.
    static int pageOf(const QTextDocument& document, const QTextBlock& block);
    /// Headings that end a page, by their text: empty after apply().
    static QStringList orphanedHeadings(const QTextDocument& document);
    /// Tables with more than one row and no header row to repeat, by their first cell's
    /// text: empty after apply().
    static QStringList tablesWithoutHeader(const QTextDocument& document);
};

} // namespace sb::reports
