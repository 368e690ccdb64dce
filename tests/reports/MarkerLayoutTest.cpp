// render::MarkerLayout: event-marker labels on a chart never overlap, keep their full text
// where there is room, shorten, then cluster, and every marker keeps a label.
#include "render/MarkerLayout.h"

#include <QtTest>
#include <set>

using sb::render::MarkerLayout;

namespace {

using Markers = std::vector<MarkerLayout::Marker>;

MarkerLayout::Options options(double width, int rows = 3) {
    MarkerLayout::Options o;
    o.left = 0;
    o.right = width;
    o.maxRows = rows;
    o.clusterWidth = [](const std::vector<std::size_t>&) { return 30.0; };
    return o;
}

/// Checks what every layout promises; a failed check says which.
QString broken(const Markers& markers, const MarkerLayout::Options& o,
               const std::vector<MarkerLayout::Label>& labels) {
    std::multiset<std::size_t> seen;
    for (const auto& l : labels) {
        if (l.markers.empty())
            return QStringLiteral("an empty label");
        for (std::size_t m : l.markers)
            seen.insert(m);
        if (l.row < 0 || l.row >= o.maxRows)
            return QStringLiteral("row %1 of %2").arg(l.row).arg(o.maxRows);
        const bool fits = l.width <= o.right - o.left;
        if (fits ? l.left < o.left - 1e-9 || l.left + l.width > o.right + 1e-9 : l.left != o.left)
            return QStringLiteral("a label outside [%1, %2]").arg(o.left).arg(o.right);
        const double expected = l.form == MarkerLayout::Form::Cluster ? 30.0
                                : l.form == MarkerLayout::Form::Full
                                    ? markers[l.markers.front()].fullWidth
                                    : markers[l.markers.front()].shortWidth;
        if (l.width != expected)
            return QStringLiteral("a label's width is not its form's");
        if ((l.form == MarkerLayout::Form::Cluster) != (l.markers.size() > 1))
            return QStringLiteral("a cluster of one, or several markers not clustered");
    }
    for (std::size_t i = 0; i < markers.size(); ++i)
        if (seen.count(i) != 1)
            return QStringLiteral("marker %1 is in %2 labels").arg(i).arg(seen.count(i));
    for (std::size_t a = 0; a < labels.size(); ++a)
        for (std::size_t b = a + 1; b < labels.size(); ++b) {
            const auto &p = labels[a], &q = labels[b];
            if (p.row == q.row && p.left < q.left + q.width + o.gap &&
                q.left < p.left + p.width + o.gap)
                return QStringLiteral("labels %1 and %2 overlap in row %3")
                    .arg(a)
                    .arg(b)
                    .arg(p.row);
        }
    return {};
}

} // namespace

class MarkerLayoutTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void labelsNeverOverlap_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("spacing");
        QTest::addColumn<double>("labelWidth");
        QTest::addColumn<int>("rows");
        QTest::newRow("one") << 1 << 0.0 << 80.0 << 3;
        QTest::newRow("far apart") << 5 << 150.0 << 80.0 << 3;
        QTest::newRow("all at one time") << 16 << 0.0 << 90.0 << 3;
        QTest::newRow("close together") << 12 << 8.0 << 70.0 << 3;
        QTest::newRow("one row") << 10 << 25.0 << 60.0 << 1;
        QTest::newRow("many") << 300 << 2.5 << 50.0 << 3;
        QTest::newRow("wider than the chart") << 3 << 10.0 << 2000.0 << 2;
    }
    void labelsNeverOverlap() {
        QFETCH(int, count);
        QFETCH(double, spacing);
        QFETCH(double, labelWidth);
        QFETCH(int, rows);
        Markers markers;
        for (int i = 0; i < count; ++i)
            markers.push_back({40 + i * spacing, labelWidth + (i % 3) * 7, 14});
        const auto o = options(800, rows);
        const auto labels = MarkerLayout::place(markers, o);
        const QString problem = broken(markers, o, labels);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(MarkerLayout::rowCount(labels) <= rows);
    }

    void spaceKeepsTheFullText() {
        // Far apart, every label is full and in the first row.
        const Markers markers{{100, 80, 14}, {300, 80, 14}, {500, 80, 14}};
        const auto labels = MarkerLayout::place(markers, options(800));
        QCOMPARE(labels.size(), std::size_t(3));
        for (const auto& l : labels) {
            QCOMPARE(l.form, MarkerLayout::Form::Full);
            QCOMPARE(l.row, 0);
        }
        QCOMPARE(MarkerLayout::rowCount(labels), 1);
        QCOMPARE(MarkerLayout::rowCount({}), 0);
    }

    void crowdedMarkersStackThenShortenThenCluster() {
        // Three at one time stack in three rows with their full text.
        Markers three{{200, 80, 14}, {200, 80, 14}, {200, 80, 14}};
        auto labels = MarkerLayout::place(three, options(800));
        QCOMPARE(labels.size(), std::size_t(3));
        std::set<int> rows;
        for (const auto& l : labels) {
            QCOMPARE(l.form, MarkerLayout::Form::Full);
            rows.insert(l.row);
        }
        QCOMPARE(rows.size(), std::size_t(3));

        // Nine close together in one row: no room for full labels, some short ones fit.
        Markers nine;
        for (int i = 0; i < 9; ++i)
            nine.push_back({100.0 + i * 20, 80, 14});
        labels = MarkerLayout::place(nine, options(800, 1));
        QVERIFY(broken(nine, options(800, 1), labels).isEmpty());
        QVERIFY(std::any_of(labels.begin(), labels.end(),
                            [](const auto& l) { return l.form == MarkerLayout::Form::Short; }));

        // Twenty at one time in two rows: clusters take what the rows cannot hold.
        Markers twenty(20, MarkerLayout::Marker{400, 80, 14});
        labels = MarkerLayout::place(twenty, options(800, 2));
        QVERIFY(broken(twenty, options(800, 2), labels).isEmpty());
        QVERIFY(labels.size() <= 4);
        QVERIFY(std::any_of(labels.begin(), labels.end(),
                            [](const auto& l) { return l.form == MarkerLayout::Form::Cluster; }));
    }

    void labelsStayInsideAtTheEdges() {
        // A marker at the right edge puts its label left of the line.
        const Markers markers{{795, 80, 14}, {2, 80, 14}};
        const auto o = options(800);
        const auto labels = MarkerLayout::place(markers, o);
        QVERIFY(broken(markers, o, labels).isEmpty());
        QCOMPARE(labels.size(), std::size_t(2));
        QCOMPARE(labels[0].markers.front(), std::size_t(1)); // in order of x
        QVERIFY(labels[1].left + labels[1].width <= 800);
    }
};

QTEST_GUILESS_MAIN(MarkerLayoutTest)
#include "MarkerLayoutTest.moc"
