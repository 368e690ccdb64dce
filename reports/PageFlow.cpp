#include "reports/PageFlow.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <cmath>
#include <vector>

namespace sb::reports {

namespace {

double lineTop(const QTextDocument& document, const QTextBlock& block) {
    const QRectF rect = document.documentLayout()->blockBoundingRect(block);
    const QTextLayout* layout = block.layout();
    return rect.top() + (layout && layout->lineCount() > 0 ? layout->lineAt(0).y() : 0);
}

/// What a heading must share its page with: the block after it or, when that opens a
/// table, the table's first row below its header.
QTextBlock followerOf(const QTextBlock& heading) {
    QTextBlock next = heading.next();
    while (next.isValid() && next.text().trimmed().isEmpty() && !QTextCursor(next).currentTable() &&
           !next.text().contains(QChar::ObjectReplacementCharacter))
        next = next.next();
    if (!next.isValid())
        return next;
    if (QTextTable* table = QTextCursor(next).currentTable()) {
        const int row = std::min(table->format().headerRowCount(), table->rows() - 1);
        if (row >= 0 && table->cellAt(row, 0).isValid())
            return table->cellAt(row, 0).firstCursorPosition().block();
    }
    return next;
}

std::vector<QTextTable*> tablesIn(QTextFrame* frame) {
    std::vector<QTextTable*> out;
    for (QTextFrame* child : frame->childFrames()) {
        if (auto* table = qobject_cast<QTextTable*>(child))
            out.push_back(table);
        for (QTextTable* inner : tablesIn(child))
            out.push_back(inner);
    }
    return out;
}

bool orphaned(const QTextDocument& document, const QTextBlock& heading) {
    const QTextBlock follower = followerOf(heading);
    return follower.isValid() &&
           PageFlow::pageOf(document, follower) > PageFlow::pageOf(document, heading);
}

} // namespace

int PageFlow::pageOf(const QTextDocument& document, const QTextBlock& block) {
    const double height = document.pageSize().height();
    return height > 0 ? int(std::floor(lineTop(document, block) / height)) : 0;
}

void PageFlow::apply(QTextDocument& document) {
    for (QTextTable* table : tablesIn(document.rootFrame())) {
        if (table->rows() < 2 || table->format().headerRowCount() > 0)
            continue;
        QTextTableFormat format = table->format();
        format.setHeaderRowCount(1);
        table->setFormat(format);
    }
    // Top to bottom: moving one heading moves everything after it, so each later heading
    // is checked against the layout that move made. A heading followed by another is
    // moved with it, the later one first.
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0 || !orphaned(document, block))
            continue;
        QTextBlock first = block;
        for (QTextBlock before = block.previous();
             before.isValid() && before.blockFormat().headingLevel() > 0 &&
             pageOf(document, before) == pageOf(document, block);
             before = before.previous())
            first = before;
        QTextBlockFormat format;
        format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor(first).mergeBlockFormat(format);
        // Laid out again from there: without marking it dirty, Qt 6.4's incremental layout
        // loses the pictures further on.
        document.markContentsDirty(first.position(), document.characterCount() - first.position());
        document.pageCount();
    }
}

QStringList PageFlow::orphanedHeadings(const QTextDocument& document) {
    QStringList out;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
        if (block.blockFormat().headingLevel() > 0 && orphaned(document, block))
            out << block.text();
    return out;
}

QStringList PageFlow::tablesWithoutHeader(const QTextDocument& document) {
    QStringList out;
    for (QTextTable* table : tablesIn(document.rootFrame()))
        if (table->rows() > 1 && table->format().headerRowCount() < 1)
            out << table->cellAt(0, 0).firstCursorPosition().block().text();
    return out;
}

} // namespace sb::reports
