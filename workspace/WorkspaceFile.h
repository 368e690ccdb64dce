#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "design/Problem.h"
#include "workspace/AttemptRecord.h"
#include "workspace/ExperimentRecord.h"
#include "workspace/RunRecord.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sb::ws {

/// What a workspace file holds: the design, the history of its runs, the experiments kept
/// in it (schema 4) and the graded practice attempts (schema 5), oldest first.
struct Workspace {
    design::Design design;
    std::vector<RunRecord> runs;
    std::vector<ExperimentRecord> experiments;
    std::vector<AttemptRecord> attempts;
    /// Validation problems of the stored design; a workspace may hold an unfinished
    /// drawing, so errors here do not stop it from opening.
    design::Problems problems;
    /// What was found damaged on open, one sentence each: run, experiment and attempt rows left out
    /// (unreadable, of the wrong shape, or not matching their checksum) and a design whose text
    /// does not match its checksum. Empty for an intact file.
    std::vector<std::string> damage;
};

/// Why a workspace did not open.
enum class OpenFailure { None, CannotRead, NotAWorkspace, Damaged, NewerVersion, BadDesign };

struct OpenResult {
    std::optional<Workspace> workspace;
    OpenFailure failure = OpenFailure::None;
    std::string error; ///< a sentence naming the file and what is wrong

    bool ok() const { return workspace.has_value(); }
};

struct AppendResult {
    std::int64_t id = 0; ///< the stored row's id
    std::string error;   ///< empty on success

    bool ok() const { return error.empty(); }
};

/// The points a write passes; a probe sees each one (tests interrupt writes there).
enum class WriteStep {
    RowsWritten,       ///< every row is written, the transaction is not committed yet
    TemporaryCommitted ///< save only: the temporary file is complete and synced, not renamed
};
using WriteProbe = std::function<void(WriteStep)>;

/// The workspace file (.sbw): a SQLite database holding the design as its JSON text and
/// the run history. Opening never changes the file; saving writes a new file beside the
/// target in one transaction and renames it over the target, so a crash leaves the
/// previous file intact; appending a run is one transaction.
class WorkspaceFile {
public:
    static OpenResult open(const std::string& path, const design::DescriptorCatalog& catalog);

    /// Replaces the file with this design and these runs (runs with id 0 get new ids).
    /// Returns an empty string on success, else the reason.
    static std::string save(const std::string& path, const design::Design& design,
                            const std::vector<RunRecord>& runs, const WriteProbe& probe = {});
    /// The same, keeping these experiments and attempts too (those with id 0 get new ids).
    static std::string save(const std::string& path, const design::Design& design,
                            const std::vector<RunRecord>& runs,
                            const std::vector<ExperimentRecord>& experiments,
                            const std::vector<AttemptRecord>& attempts = {},
                            const WriteProbe& probe = {});

    /// Adds one run to an existing workspace (upgrading an older file in the same
    /// transaction).
    static AppendResult appendRun(const std::string& path, const RunRecord& run,
                                  const WriteProbe& probe = {});
    /// Adds one finished experiment to an existing workspace, as appendRun adds a run.
    /// open() lists and reads them (Workspace::experiments).
    static AppendResult appendExperiment(const std::string& path,
                                         const ExperimentRecord& experiment,
                                         const WriteProbe& probe = {});
    /// Adds one graded practice attempt to an existing workspace, as appendRun adds a run.
    /// open() lists and reads them (Workspace::attempts).
    static AppendResult appendAttempt(const std::string& path, const AttemptRecord& attempt,
                                      const WriteProbe& probe = {});

    /// The temporary file a save writes before renaming it over `path`.
    static std::string temporaryPath(const std::string& path);
};

} // namespace sb::ws
