// The Slurm path end to end on a real single-node cluster started here: MUNGE with its own
// key and socket, slurmctld and slurmd on loopback with a generated slurm.conf (free
// ports, state, spool and logs in a temporary folder), the emitted job array submitted
// with sbatch and waited on, then `experiment collect`, whose JSON must equal the local
// run's byte for byte. Every daemon started is stopped at the end, pass or fail.
#include "../experiment_cli/ExperimentCli.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/vfs.h>
#include <unistd.h>

using namespace sb::test;

namespace {

/// A TCP port nobody listens on now (the kernel's pick for a bind to port 0).
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 0;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        ::close(fd);
    return port;
}

QString shortHostName() {
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return QString::fromLocal8Bit(name).section('.', 0, 0);
}

/// The user the daemons run as: whoever runs the test (root in CI).
QString userName() {
    const passwd* pw = ::getpwuid(::getuid());
    return pw ? QString::fromLocal8Bit(pw->pw_name) : QStringLiteral("root");
}

/// Whether a cgroup filesystem (v2, or v1's tmpfs of hierarchies) is mounted at
/// /sys/fs/cgroup: slurmd of Slurm 22.05 (Debian 12) will not start without one.
bool cgroupsMounted() {
    struct statfs fs {};
    if (::statfs("/sys/fs/cgroup", &fs) != 0)
        return false;
    constexpr long kCgroup2 = 0x63677270, kTmpfs = 0x01021994;
    return fs.f_type == kCgroup2 || fs.f_type == kTmpfs;
}

QString findTool(const QString& name) {
    return QStandardPaths::findExecutable(name, {"/usr/sbin", "/usr/bin", "/sbin", "/bin"});
}

QString tail(const QString& path) {
    return QString::fromUtf8(readAll(path).right(700));
}

} // namespace

class SlurmTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_munged, m_slurmctld, m_slurmd, m_sbatch, m_squeue;
    QProcessEnvironment m_env;
    std::unique_ptr<QProcess> m_ctld, m_node;
    bool m_mungeStarted = false;

    QString path(const QString& p) const { return m_dir.path() + "/" + p; }

    /// Runs a Slurm client with the test's slurm.conf.
    CliRun client(const QString& program, const QStringList& args, const QString& dir,
                  int timeoutMs) {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.setWorkingDirectory(dir);
        p.start(program, args);
        CliRun r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    std::unique_ptr<QProcess> daemon(const QString& program) {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(m_env);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->setStandardOutputFile(path("log/" + QFileInfo(program).fileName() + ".out"));
        p->start(program, {"-D", "-f", path("slurm.conf")});
        return p;
    }

    static void stop(std::unique_ptr<QProcess>& p) {
        if (!p)
            return;
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(15000)) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
        p.reset();
    }

private Q_SLOTS:
    void initTestCase() {
        m_munged = findTool("munged");
        m_slurmctld = findTool("slurmctld");
        m_slurmd = findTool("slurmd");
        m_sbatch = findTool("sbatch");
        m_squeue = findTool("squeue");
        QStringList missing;
        const QStringList names{"munged", "slurmctld", "slurmd", "sbatch", "squeue"};
        const QStringList found{m_munged, m_slurmctld, m_slurmd, m_sbatch, m_squeue};
        for (int i = 0; i < names.size(); ++i)
            if (found[i].isEmpty())
                missing << names[i];
        if (!missing.isEmpty())
            QSKIP(qPrintable("Slurm is not installed here (missing " + missing.join(", ") +
                             "): Debian packages munge, slurmctld, slurmd and slurm-client; "
                             "scripts/setup.sh installs them"));
        if (!cgroupsMounted())
            QSKIP("no cgroup filesystem is mounted at /sys/fs/cgroup (a chroot or a bare "
                  "container?): slurmd of Slurm 22.05 fails to start without one (\"Unable to "
                  "initialize cgroup plugin\"), so no single-node cluster can run here");
        QVERIFY(m_dir.isValid());
    }

    void anEmittedArrayRunBySlurmCollectsToTheLocalRun() {
        const QString work = path("work");
        QVERIFY(QDir().mkpath(work));
        QVERIFY(writeSmallExperiment(work));
        QCOMPARE(
            runCli({"experiment", "exp.json", "--json", "local.json", "--jobs", "2", "--quiet"},
                   work)
                .exitCode,
            0);
        const CliRun emit = runCli(
            {"experiment", "exp.json", "--emit", "slurm", "array", "--runs-per-task", "4"}, work);
        QCOMPARE(emit.exitCode, 0);
        QCOMPARE(arrayTasks(work + "/array"), 5);

        // MUNGE: a fresh key, its own socket; it returns once the daemon is ready.
        for (const char* sub : {"munge", "state", "spool", "log"})
            QVERIFY(QDir().mkpath(path(sub)));
        QFile::setPermissions(path("munge"), QFile::ReadOwner | QFile::WriteOwner |
                                                 QFile::ExeOwner | QFile::ExeGroup |
                                                 QFile::ExeOther);
        QByteArray key(1024, '\0');
        for (char& c : key)
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        QVERIFY(writeAll(path("munge/munge.key"), key));
        QFile::setPermissions(path("munge/munge.key"), QFile::ReadOwner | QFile::WriteOwner);
        const QString socket = path("munge/munge.socket");
        QProcess munged;
        // The credentials' origin is loopback: a fresh machine's host name may not resolve,
        // and an origin of 0.0.0.0 is one the controller cannot look up.
        munged.start(m_munged,
                     {"--force", "--origin", "127.0.0.1", "-S", socket, "--key-file",
                      path("munge/munge.key"), "--log-file", path("log/munged.log"), "--pid-file",
                      path("munge/munged.pid"), "--seed-file", path("munge/seed")});
        QVERIFY(munged.waitForFinished(30000));
        QVERIFY2(munged.exitCode() == 0,
                 qPrintable(munged.readAllStandardError() + tail(path("log/munged.log"))));
        m_mungeStarted = true;

        // slurm.conf: this host as controller and only node, on loopback and free ports.
        const QString host = shortHostName();
        const int ctldPort = freePort(), nodePort = freePort();
        QVERIFY(ctldPort > 0 && nodePort > 0 && ctldPort != nodePort);
        const QString conf =
            QString("ClusterName=sbtest\n"
                    "SlurmctldHost=%1(127.0.0.1)\n"
                    "SlurmctldPort=%2\nSlurmdPort=%3\n"
                    "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=%4\n"
                    "SlurmUser=%5\nSlurmdUser=%5\n"
                    "StateSaveLocation=%6/state\nSlurmdSpoolDir=%6/spool\n"
                    "SlurmctldPidFile=%6/slurmctld.pid\nSlurmdPidFile=%6/slurmd.pid\n"
                    "SlurmctldLogFile=%6/log/slurmctld.log\nSlurmdLogFile=%6/log/slurmd.log\n"
                    "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
                    "JobAcctGatherType=jobacct_gather/none\n"
                    "AccountingStorageType=accounting_storage/none\n"
                    "SchedulerType=sched/builtin\nSelectType=select/cons_tres\n"
                    "SelectTypeParameters=CR_Core\nMpiDefault=none\nSwitchType=switch/none\n"
                    "ReturnToService=2\nSlurmctldTimeout=30\nSlurmdTimeout=30\n"
                    "NodeName=%1 NodeAddr=127.0.0.1 CPUs=%7 State=UNKNOWN\n"
                    "PartitionName=test Nodes=%1 Default=YES MaxTime=INFINITE State=UP\n")
                .arg(host)
                .arg(ctldPort)
                .arg(nodePort)
                .arg(socket, userName(), m_dir.path())
                .arg(QThread::idealThreadCount());
        QVERIFY(writeAll(path("slurm.conf"), conf.toUtf8()));
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert("SLURM_CONF", path("slurm.conf"));

        m_ctld = daemon(m_slurmctld);
        m_node = daemon(m_slurmd);
        QVERIFY2(m_ctld->waitForStarted(10000) && m_node->waitForStarted(10000),
                 "slurmctld or slurmd did not start");

        // sbatch retries until the controller answers; --wait returns when every array task
        // has ended, with the highest task exit code.
        const CliRun submit =
            client(m_sbatch, {"--wait", "--parsable", "run.sbatch"}, work + "/array", 170000);
        QVERIFY2(submit.exitCode == 0,
                 qPrintable("sbatch --wait: exit " + QString::number(submit.exitCode) + "\n" +
                            submit.err.right(300) + "\nslurmd: " + tail(path("log/slurmd.log")) +
                            "\ntask 0: " + tail(work + "/array/logs/task-0.out") +
                            "\nslurmctld: " + tail(path("log/slurmctld.log"))));
        const QString job = QString::fromUtf8(submit.out).trimmed().section(';', 0, 0);
        QVERIFY(!job.isEmpty());
        const CliRun queue = client(m_squeue, {"-h", "-j", job}, work, 30000);
        QCOMPARE(queue.exitCode, 0);
        QCOMPARE(queue.out.trimmed(), QByteArray()); // the array has left the queue
        for (int t = 0; t < 5; ++t)
            QVERIFY2(QFile::exists(work + "/array/results/task-" + QString::number(t) + ".json"),
                     qPrintable("task " + QString::number(t) + " wrote no result"));

        const CliRun collect =
            runCli({"experiment", "collect", "array", "--json", "collected.json", "--quiet"}, work);
        QVERIFY2(collect.exitCode == 0, collect.err.constData());
        QCOMPARE(readAll(work + "/collected.json"), readAll(work + "/local.json"));
    }

    void cleanupTestCase() {
        stop(m_node);
        stop(m_ctld);
        if (m_mungeStarted) {
            QProcess stopMunge;
            stopMunge.start(m_munged, {"-s", "-S", path("munge/munge.socket")});
            stopMunge.waitForFinished(30000);
        }
    }
};

QTEST_GUILESS_MAIN(SlurmTest)
#include "SlurmTest.moc"
