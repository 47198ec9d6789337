#pragma once

// What the gantryctl end-to-end tests (tst_ctl*.cpp) share: distinctive credentials, the check
// that no run shows them, and the access-log helpers.

#include "tests/support/ctlsandbox.h"
#include "tests/support/testregistry.h"

#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>
#include <algorithm>

namespace gantry::test::ctl {

// Distinctive, so that finding them in any output is proof of a leak and nothing else.
inline const QString basicUser = QStringLiteral("e2e-user");
inline const QString basicPassword = QStringLiteral("Pw-basic-7f3a9c1e");
inline const QString tokenUser = QStringLiteral("e2e-token-user");
inline const QString tokenPassword = QStringLiteral("Pw-token-4d8b2e6a");
inline const QString wrongPassword = QStringLiteral("Pw-wrong-0b5e7d13");

inline QByteArray basicAuthField(const QString& user, const QString& password)
{
    return (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

/// Why $GANTRYCTL cannot be run, or empty when it can.
inline QString gantryctlProblem()
{
    const QString program = qEnvironmentVariable("GANTRYCTL");
    if (program.isEmpty())
        return QStringLiteral("GANTRYCTL is not set: run this test through CTest");
    if (!QFileInfo(program).isExecutable())
        return program + QStringLiteral(" is not an executable");
    return {};
}

/// Fails the test when a secret of the ones above is in the run's output.
inline void verifyNoSecret(const CtlRun& run)
{
    const QByteArray output = run.out + run.err;
    for (const QByteArray& secret : { basicPassword.toUtf8(), tokenPassword.toUtf8(), wrongPassword.toUtf8(),
             basicAuthField(basicUser, basicPassword), basicAuthField(basicUser, wrongPassword),
             basicAuthField(tokenUser, tokenPassword) }) {
        if (output.contains(secret))
            QFAIL(qPrintable(QStringLiteral("a secret is in the output of ") + run.describe()));
    }
}

/// Runs gantryctl in `sandbox`: whatever the test, no run ever shows a secret.
inline CtlRun runChecked(const Sandbox& sandbox, const QStringList& arguments)
{
    CtlRun result = sandbox.run(arguments);
    verifyNoSecret(result);
    return result;
}

/// `host/path:tag` in `registry`.
inline QString at(const TestRegistry& registry, const QString& pathAndTag)
{
    return registry.host() + QLatin1Char('/') + pathAndTag;
}

inline int countRequests(const QList<AccessLogEntry>& log, const QString& method, const QString& pathPart = {})
{
    return static_cast<int>(std::count_if(log.begin(), log.end(),
        [&](const AccessLogEntry& entry) { return entry.method == method && entry.path.contains(pathPart); }));
}

inline QString describeLog(const QList<AccessLogEntry>& log)
{
    QStringList lines;
    for (const auto& entry : log)
        lines << QStringLiteral("%1 %2 %3").arg(entry.method, entry.path).arg(entry.status);
    return lines.join(QLatin1Char('\n'));
}

/// Answers the test's token registry with its credentials and records who asked, as
/// docker-credential-helpers do (`get`, the server on stdin, JSON on stdout).
inline QByteArray credentialHelperScript(const QString& host, const QString& user, const QString& password)
{
    return QStringLiteral(R"(#!/bin/sh
[ "$1" = get ] || { echo "unexpected action: $1" >&2; exit 2; }
read -r server || true
printf '%s\n' "$server" >> "$(dirname "$0")/asked.log"
if [ "$server" = "%1" ]; then
    printf '{"ServerURL":"%s","Username":"%2","Secret":"%3"}\n' "$server"
else
    echo "credentials not found in native keychain"
    exit 1
fi
)")
        .arg(host, user, password)
        .toUtf8();
}

} // namespace gantry::test::ctl
