// The Back-of-the-envelope dialog on its own, offscreen: opened from Tools, inputs and the
// candidate's own estimates typed into its fields, Compute pressed; the computed figures
// and how far off each estimate was, and a bad input named.
#include "gui/practice/EnvelopeDialog.h"
#include "app/WindowExtensions.h"
#include "components/registry/ComponentRegistry.h"
#include "gui/practice/EstimateForm.h"
#include "gui/window/MainWindow.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QtTest>

using namespace sb;

namespace {

void type(QWidget* parent, const QString& name, const QString& text) {
    auto* field = parent->findChild<QLineEdit*>(name);
    QVERIFY2(field, qPrintable(name));
    field->clear();
    QTest::keyClicks(field, text);
    QCOMPARE(field->text(), text);
}

} // namespace

class EnvelopeDialogTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { app::installWindowExtensions(); }

    void openTypeAndCompute() {
        gui::MainWindow window(comp::ComponentRegistry::builtin());
        // Tools sits before Help in the menu bar and holds the command.
        const QList<QAction*> menus = window.menuBar()->actions();
        int tools = -1;
        for (int i = 0; i < menus.size(); ++i)
            if (menus[i]->menu() && menus[i]->menu()->objectName() == QStringLiteral("menuTools"))
                tools = i;
        QVERIFY(tools >= 0);
        QVERIFY(menus[tools + 1]->menu()->actions().contains(
            window.action(QStringLiteral("actionAbout"))));
        auto* open = window.findChild<QAction*>(QStringLiteral("actionEnvelope"));
        QVERIFY(open);
        QVERIFY(!window.findChild<gui::EnvelopeDialog*>(QStringLiteral("envelopeDialog")));
        open->trigger();
        auto* dialog = window.findChild<gui::EnvelopeDialog*>(QStringLiteral("envelopeDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->height() <= 768); // it scrolls rather than outgrow a laptop's screen
        open->trigger();                  // a second time: the same dialog, not another
        QCOMPARE(window.findChildren<gui::EnvelopeDialog*>().size(), 1);
        // The figures stay hidden until the candidate has had the chance to estimate.
        QVERIFY(dialog->figuresView()->text().contains(QStringLiteral("Press Compute")));

        // 10 million users x 20 requests a day, the other inputs at their defaults: 2314.8
        // req/s on average, 6944.4 at the peak (x3), 2.19e13 bytes stored (10% writes of
        // 1000 bytes for 365 days, 3 copies), 6.94e6 B/s, and 138.9 in service at 20 ms:
        // 25 servers of 8 workers at 70%.
        type(dialog, QStringLiteral("envelopeInput_daily-users"), QStringLiteral("10000000"));
        type(dialog, QStringLiteral("envelopeInput_requests-per-user"), QStringLiteral("20"));
        type(dialog, QStringLiteral("envelopeEstimate_average_qps"), QStringLiteral("2315"));
        type(dialog, QStringLiteral("envelopeEstimate_peak_qps"), QStringLiteral("3472.2222"));
        type(dialog, QStringLiteral("envelopeEstimate_storage_bytes"), QStringLiteral("2.19e14"));
        type(dialog, QStringLiteral("envelopeEstimate_servers"), QStringLiteral("twenty"));
        QTest::mouseClick(dialog->estimates()->button(), Qt::LeftButton);

        const QString figures = dialog->figuresView()->text();
        QVERIFY2(figures.contains(QStringLiteral("<td>Average QPS</td><td align=\"right\">2315<")),
                 qPrintable(figures));
        QVERIFY(figures.contains(QStringLiteral("<td>Peak QPS</td><td align=\"right\">6944<")));
        QVERIFY(figures.contains(QStringLiteral("2.19e+13 bytes")));
        QVERIFY(figures.contains(QStringLiteral("6.944e+06 bytes")));
        QVERIFY(figures.contains(QStringLiteral("<td>Servers needed</td><td align=\"right\">25<")));
        QVERIFY(figures.contains(QStringLiteral("not measurements")));

        const auto& checks = dialog->checks();
        QCOMPARE(checks.size(), std::size_t{3});
        QCOMPARE(checks[0].quantity, std::string("average_qps"));
        QVERIFY(std::abs(checks[0].factorOff - 2315 / (1e7 * 20 / 86400)) < 1e-9);
        QVERIFY(std::abs(checks[1].factorOff - 2) < 1e-6);
        QVERIFY(std::abs(checks[2].factorOff - 10) < 1e-9);
        const QString said =
            window.findChild<QLabel*>(QStringLiteral("envelopeEstimateResult"))->text();
        QVERIFY2(said.contains(QStringLiteral("average_qps: yours 2315, computed 2315: off by a "
                                              "factor of 1.00")),
                 qPrintable(said));
        QVERIFY(said.contains(QStringLiteral("peak_qps: yours 3472.22, computed 6944: off by "
                                             "a factor of 2.00")));
        QVERIFY(said.contains(QStringLiteral("storage_bytes: yours 2.19e+14, computed 2.19e+13: "
                                             "off by a factor of 10.00")));
        QVERIFY(said.contains(QStringLiteral("Not a number of 0 or more: twenty")));
        QVERIFY(said.contains(QStringLiteral("20 ms a request on 8 workers at 70%")));

        // A skewer hot set needs fewer keys for the same hit ratio: less cache memory.
        type(dialog, QStringLiteral("envelopeEstimate_servers"), QStringLiteral("25"));
        const auto before = dialog->compute();
        QVERIFY(before);
        QCOMPARE(dialog->checks().back().factorOff, 1.0);
        type(dialog, QStringLiteral("envelopeInput_zipf"), QStringLiteral("1.5"));
        const auto skewed = dialog->compute();
        QVERIFY(skewed);
        QVERIFY(skewed->hotKeys < before->hotKeys);
        QCOMPARE(skewed->cacheBytes, static_cast<double>(skewed->hotKeys) * 1000);

        // An input out of its range is named, and nothing is computed.
        type(dialog, QStringLiteral("envelopeInput_zipf"), QStringLiteral("5"));
        QVERIFY(!dialog->compute());
        QVERIFY(dialog->checks().empty());
        const QString error = dialog->errorView()->text();
        QVERIFY2(error.contains(QStringLiteral("Skew of their popularity (0 = uniform) must be a "
                                               "number from 0 to 3, got '5'")),
                 qPrintable(error));
        QVERIFY(dialog->figuresView()->text().contains(QStringLiteral("Nothing computed")));
        QVERIFY(!dialog->setInput(QStringLiteral("colour"), QStringLiteral("1")));
        // Return in a field computes (Compute is the default button) and keeps the dialog.
        type(dialog, QStringLiteral("envelopeInput_zipf"), QStringLiteral("0.99"));
        QTest::keyClick(dialog->findChild<QLineEdit*>(QStringLiteral("envelopeInput_zipf")),
                        Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->errorView()->isHidden());
        QVERIFY(dialog->figuresView()->text().contains(QStringLiteral("Servers needed")));
        QCOMPARE(dialog->checks().size(), std::size_t{4});
    }
};

QTEST_MAIN(EnvelopeDialogTest)
#include "EnvelopeDialogTest.moc"
