// A file-path property (the clients' traffic_log) gets a file chooser beside its text in the
// inspector; other text properties do not.
#include "components/registry/ComponentRegistry.h"
#include "gui/panels/PropertyForm.h"

#include <QLineEdit>
#include <QTest>
#include <QToolButton>

class FileChooserTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aTrafficLogHasAChooser() {
        const auto* clients = sb::comp::ComponentRegistry::builtin().find("clients");
        QVERIFY(clients);
        sb::gui::PropertyForm form;
        form.setProperties(QStringLiteral("users"), clients->properties,
                           {nlohmann::json{{"traffic_log", "/var/log/nginx/access.log"}}});
        QVERIFY(form.findChild<QToolButton*>(QStringLiteral("choose:traffic_log")));
        QVERIFY(!form.findChild<QToolButton*>(QStringLiteral("choose:region")));
        auto* edit = qobject_cast<QLineEdit*>(form.editor("traffic_log"));
        QVERIFY(edit);
        QCOMPARE(edit->text(), QStringLiteral("/var/log/nginx/access.log"));
    }
};

QTEST_MAIN(FileChooserTest)
#include "FileChooserTest.moc"
