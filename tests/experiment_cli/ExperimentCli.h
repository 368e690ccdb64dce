#pragma once
// scaleboard-cli experiment run as a child process, and a small experiment to run: the
// shared part of test_experiment_cli and test_slurm.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

namespace sb::test {

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

/// Runs scaleboard-cli with `args` in `dir`; fails the test if it does not end in time.
inline CliRun runCli(const QStringList& args, const QString& dir, int timeoutMs = 120000) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral(SCALEBOARD_CLI_PATH), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        qWarning("scaleboard-cli %s did not finish", qPrintable(args.join(' ')));
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeAll(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

/// Writes design.json (the step-1 template) and exp.json (a 2 x 3 sweep: two user
/// counts crossed with a zipped pair of factors, 3 replications, targets) into `dir`: 18 runs.
inline bool writeSmallExperiment(const QString& dir) {
    const CliRun t = runCli({"templates", "step01-single-server", "-o", "design.json"}, dir);
    return t.exitCode == 0 && writeAll(dir + "/exp.json", R"({
  "format": "scaleboard-experiment", "version": 1, "design": "design.json",
  "factors": [{"path": "users.users", "range": {"from": 500, "to": 1000, "step": 500}},
              {"path": "web1.workers", "values": [2, 4, 8], "zip": "size"},
              {"path": "web1.service_ms", "values": [20, 10, 5], "zip": "size"}],
  "replications": 3, "duration_s": 20, "warmup_s": 5, "seed": 11,
  "metrics": ["p99_ms", "throughput_rps", "web1.utilization"],
  "targets": ["p99_ms<200", "error_rate<0.01"]
})");
}

/// The array range of an emitted run.sbatch (`#SBATCH --array=0-N`): its task count.
inline int arrayTasks(const QString& dir) {
    const QRegularExpression re(QStringLiteral("#SBATCH --array=0-(\\d+)"));
    const auto m = re.match(QString::fromUtf8(readAll(dir + "/run.sbatch")));
    return m.hasMatch() ? m.captured(1).toInt() + 1 : 0;
}

} // namespace sb::test
