#include "components/registry/ComponentRegistry.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "design/Validation.h"
#include "tools/docgen/DesignFormatDocument.h"

#include <QTest>

#include <sstream>

namespace {

const std::string kSourceDir = SCALEBOARD_SOURCE_DIR;

std::string fileText(const std::string& path) {
    std::string text, error;
    if (!sb::design::readWholeFile(path, text, error))
        qFatal("%s", error.c_str());
    return text;
}

std::string generated() {
    return sb::docgen::designFormatDocument(
        fileText(kSourceDir + "/tools/docgen/design-format.md.in"),
        sb::comp::ComponentRegistry::builtin());
}

/// The first line where two texts differ, shown side by side.
std::string firstDifference(const std::string& expected, const std::string& actual) {
    std::istringstream a(expected), b(actual);
    std::string left, right;
    for (int line = 1;; ++line) {
        bool moreLeft = static_cast<bool>(std::getline(a, left));
        bool moreRight = static_cast<bool>(std::getline(b, right));
        if (!moreLeft && !moreRight)
            return "the texts differ only in line endings";
        if (left != right || moreLeft != moreRight)
            return "line " + std::to_string(line) +
                   "\n  generated: " + (moreLeft ? left : "<end>") +
                   "\n  in docs:   " + (moreRight ? right : "<end>");
    }
}

} // namespace

class DocsCheckTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void designFormatDocIsUpToDate() {
        const std::string expected = generated();
        const std::string actual = fileText(kSourceDir + "/docs/design-format.md");
        if (expected != actual)
            QFAIL(("docs/design-format.md is stale at " + firstDifference(expected, actual) +
                   "\nRegenerate it with: ninja -C <build-dir> design-format-doc")
                      .c_str());
    }

    void everyPlaceholderIsFilled() {
        const std::string doc = generated();
        for (const char* placeholder : {"@KIND_INDEX@", "@KINDS@", "@LINK_PROPERTIES@",
                                        "@DATA_CENTRE_PROPERTIES@", "@FAULT_ACTIONS@"})
            QVERIFY2(doc.find(placeholder) == std::string::npos, placeholder);
    }

    void everyKindAndPropertyIsDocumented() {
        const std::string doc = generated();
        for (const auto* d : sb::comp::ComponentRegistry::builtin().all()) {
            QVERIFY2(doc.find("### `" + d->kind + "`") != std::string::npos, d->kind.c_str());
            for (const auto& p : d->properties)
                QVERIFY2(doc.find("| `" + p.name + "` |") != std::string::npos,
                         (d->kind + "." + p.name).c_str());
        }
    }

    void everyFaultActionIsDescribed() {
        for (const auto& action : sb::design::faultActions())
            QVERIFY2(!sb::docgen::faultActionDescription(action).empty(), action.c_str());
    }

    void everyKeyTheWriterUsesIsDocumented() {
        // A design using every top-level key; each key the writer emits must be in the doc.
        sb::design::Design d;
        d.description = "x";
        d.datacentres.push_back({{"dc"}, "us-east", "", 0, 0, 10, 10});
        d.faults.push_back({1, "dc", "fail", {{"duration_s", 1}}});
        d.regionLatencies.push_back({"us-east", "eu-west", 50});
        d.run.durationSeconds = 10;
        d.run.warmupSeconds = 1;
        d.run.seed = 1;
        d.targets.p99Ms = 1;
        d.targets.errorRate = 0.1;
        d.targets.lostWrites = 0;
        d.chaos.enabled = true;
        const nlohmann::json json = sb::design::toJson(d);
        const std::string doc = generated();
        for (auto it = json.begin(); it != json.end(); ++it) {
            QVERIFY2(doc.find("| `" + it.key() + "` |") != std::string::npos, it.key().c_str());
            if (it->is_object())
                for (auto field = it->begin(); field != it->end(); ++field)
                    QVERIFY2(doc.find("`" + it.key() + "." + field.key() + "`") !=
                                     std::string::npos ||
                                 doc.find("\"" + field.key() + "\"") != std::string::npos,
                             (it.key() + "." + field.key()).c_str());
        }
        for (const char* key : {"width", "height"})
            QVERIFY2(doc.find(std::string("`") + key + "`") != std::string::npos, key);
    }
};

QTEST_GUILESS_MAIN(DocsCheckTest)
#include "DocsCheckTest.moc"
