#pragma once

// gantryctl run as a user or a CI job runs it: the real binary ($GANTRYCTL) in a process of its
// own, with a HOME, Docker config and containers auth files of its own (never the machine's).

#include "tests/support/testregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

namespace gantry::test {

inline constexpr int gantryctlTimeoutMs = 30000;

// What one gantryctl run left behind.
struct CtlRun
{
    QStringList arguments;
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("gantryctl %1 → %2\n--- stdout:\n%3--- stderr:\n%4")
            .arg(arguments.join(QLatin1Char(' ')),
                finished ? QString::number(exitCode) : QStringLiteral("did not finish"), QString::fromUtf8(out),
                QString::fromUtf8(err));
    }
    QString errText() const { return QString::fromUtf8(err); }
    QString outText() const { return QString::fromUtf8(out); }
    QStringList outLines() const { return outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    // One complete line: text, then exactly one newline, at the end.
    bool errIsOneLine() const { return err.count('\n') == 1 && err.endsWith('\n') && err.size() > 1; }
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

// A HOME of its own for gantryctl: every place it reads credentials or CAs from points in here.
class Sandbox
{
public:
    Sandbox()
    {
        QDir root(m_home.path());
        root.mkpath(QStringLiteral(".docker"));
        root.mkpath(QStringLiteral("bin"));
        root.mkpath(QStringLiteral("run"));
        root.mkpath(QStringLiteral(".config"));
    }

    bool isValid() const { return m_home.isValid(); }
    QString path(const QString& relative) const { return m_home.filePath(relative); }

    QProcessEnvironment environment() const
    {
        // Built from nothing, so that no proxy, DOCKER_* or auth variable of the machine leaks in.
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("PATH"),
            path(QStringLiteral("bin")) + QLatin1Char(':')
                + qEnvironmentVariable("PATH", QStringLiteral("/usr/bin:/bin")));
        environment.insert(QStringLiteral("HOME"), m_home.path());
        environment.insert(QStringLiteral("DOCKER_CONFIG"), path(QStringLiteral(".docker")));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("run")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral(".config")));
        environment.insert(QStringLiteral("REGISTRY_AUTH_FILE"), path(QStringLiteral("auth.json")));
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        return environment;
    }

    bool writeFile(const QString& relative, const QByteArray& contents) const
    {
        const QString file = path(relative);
        if (!QDir().mkpath(QFileInfo(file).absolutePath()))
            return false;
        QFile out(file);
        return out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(contents) == contents.size();
    }

    bool writeJson(const QString& relative, const QJsonObject& object) const
    {
        return writeFile(relative, QJsonDocument(object).toJson());
    }

    // $DOCKER_CONFIG/config.json
    bool writeDockerConfig(const QJsonObject& config) const
    {
        return writeJson(QStringLiteral(".docker/config.json"), config);
    }

    // The registry's CA where Docker looks for it: $HOME/.docker/certs.d/<host:port>/ca.crt.
    bool installCa(const TestRegistry& registry) const
    {
        return registry.installCaCertificate(path(QStringLiteral(".docker/certs.d")));
    }

    // An executable `docker-credential-<name>` in a folder on PATH.
    bool addCredentialHelper(const QString& name, const QByteArray& script) const
    {
        const QString relative = QStringLiteral("bin/docker-credential-") + name;
        return writeFile(relative, script)
            && QFile::setPermissions(
                path(relative), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    // Runs $GANTRYCTL, or `program` when given (a copy of it somewhere else).
    CtlRun run(const QStringList& arguments, const QString& program = {}) const
    {
        CtlRun result;
        result.arguments = arguments;
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(m_home.path());
        process.start(program.isEmpty() ? qEnvironmentVariable("GANTRYCTL") : program, arguments);
        process.closeWriteChannel();
        result.finished = process.waitForFinished(gantryctlTimeoutMs) && process.exitStatus() == QProcess::NormalExit;
        if (!result.finished) {
            process.kill();
            process.waitForFinished();
        }
        result.exitCode = process.exitCode();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

private:
    QTemporaryDir m_home;
};

} // namespace gantry::test
