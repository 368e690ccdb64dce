#include "cli/LessonCommands.h"

#include "cli/CliCommon.h"
#include "practice/LessonRun.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sb::cli {

namespace {

class LessonGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_list = app.add_subcommand("lessons", "List the guided path's lessons (the eleven "
                                               "steps of the scaling path)");
        m_list->add_flag("--json", m_json, "Print JSON");
        m_lesson = app.add_subcommand("lesson", "Run a lesson of the guided path and print its "
                                                "debrief: each goal met or missed, with evidence");
        m_lesson->add_option("id", m_id, "Lesson id or step number (lessons lists them)")
            ->required();
        m_lesson->add_option("--design", m_design,
                             "Run this design instead of the lesson's own (JSON)");
        m_lesson->add_option("--seed", m_seed, "Random seed (default: the lesson's)");
        m_lesson->add_flag("--json", m_json, "Print the debrief as JSON");
    }

    void check() override {
        if (!*m_lesson)
            return;
        if (!practice::findLesson(m_id)) {
            std::string ids;
            for (const practice::Lesson& l : practice::builtinLessons())
                ids += (ids.empty() ? "" : ", ") + l.id;
            throw BadInput{"no lesson called '" + m_id.substr(0, 200) + "' (a step 1 to " +
                           std::to_string(practice::builtinLessons().size()) + " or one of " + ids +
                           ")"};
        }
        if (m_seed)
            seedOption(*m_seed);
    }

    std::optional<int> run(const CliExtensions&) override {
        if (*m_list)
            return list();
        if (*m_lesson)
            return runLesson();
        return std::nullopt;
    }

private:
    int list() const {
        if (m_json) {
            nlohmann::json out = nlohmann::json::array();
            for (const practice::Lesson& l : practice::builtinLessons())
                out.push_back({{"id", l.id},
                               {"step", l.step},
                               {"title", l.title},
                               {"problem", l.problem.id}});
            std::printf("%s\n", out.dump(2).c_str());
            return 0;
        }
        for (const practice::Lesson& l : practice::builtinLessons())
            std::printf("%2d  %-28s %s\n", l.step, l.id.c_str(), l.title.c_str());
        return 0;
    }

    int runLesson() const {
        const practice::Lesson& lesson = *practice::findLesson(m_id);
        const design::Design candidate =
            m_design.empty() ? lesson.problem.reference : loadForRun(m_design);
        const practice::Debrief debrief = practice::runLesson(
            lesson, candidate,
            m_seed ? std::optional<std::uint64_t>(seedOption(*m_seed)) : std::nullopt);
        if (m_json)
            std::printf("%s\n", practice::toJson(debrief).dump(2).c_str());
        else
            std::printf("%s", practice::formatDebrief(debrief).c_str());
        return debrief.goalsMet() ? 0 : 1;
    }

    CLI::App* m_list = nullptr;
    CLI::App* m_lesson = nullptr;
    std::string m_id, m_design;
    std::optional<std::string> m_seed;
    bool m_json = false;
};

} // namespace

std::unique_ptr<CommandGroup> lessonCommands() {
    return std::make_unique<LessonGroup>();
}

} // namespace sb::cli
