#include "registry/auth/credentialkeys.h"
#include "registry/auth/credentialstore.h"
#include "tests/support/environmentoverride.h"
#include "tests/support/errornames.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace gantry::registry;
using gantry::test::EnvironmentOverride;
using gantry::test::kindName;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(gantry::registry::CredentialFileFormat)
Q_DECLARE_METATYPE(gantry::registry::ErrorKind)

namespace {

constexpr auto Docker = CredentialFileFormat::DockerConfig;
constexpr auto Containers = CredentialFileFormat::ContainersAuth;

// Answers by server URL, records what it was asked, and leaks "helper-secret" when it fails, so
// that tests can check that such output never reaches an error message.
constexpr char helperScript[] = R"(#!/bin/sh
[ "$1" = get ] || { echo "unexpected action: $1" >&2; exit 2; }
read -r server || true
printf '%s\n' "$server" >> "$(dirname "$0")/asked.log"
answer() { printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}\n' "$server" "$1" "$2"; }
case "$server" in
    found.example|registry.example:5000) answer helper-user helper-secret ;;
    https://index.docker.io/v1/) answer docker-hub-user helper-secret ;;
    docker.io) answer podman-hub-user helper-secret ;;
    token.example) answer '<token>' helper-identity-token ;;
    colon.example) answer helper-user 'pass:with:colons' ;;
    empty.example) answer '' '' ;;
    trailing.example) answer helper-user helper-secret; echo "some chatter" ;;
    failing.example) echo "helper-secret on stdout"; echo "helper-secret on stderr" >&2; exit 1 ;;
    crashing.example) echo "helper-secret"; kill -SEGV $$ ;;
    slow.example) exec sleep 30 ;;
    garbage.example) echo "helper-secret is not JSON" ;;
    wrongtype.example) echo '{"Username": 1, "Secret": "helper-secret"}' ;;
    *) echo "credentials not found in native keychain"; exit 1 ;;
esac
)";

// A second helper, to tell which of credHelpers and credsStore was used.
constexpr char otherHelperScript[] = R"(#!/bin/sh
read -r server || true
case "$server" in
    *none.example) echo "credentials not found in native keychain"; exit 1 ;;
    *) printf '{"ServerURL":"%s","Username":"other-user","Secret":"other-secret"}\n' "$server" ;;
esac
)";

bool writeFile(const QString& path, const QByteArray& contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

QByteArray basicAuth(const QByteArray& userAndPassword)
{
    return userAndPassword.toBase64();
}

// A config whose only entry is `key` → `entryJson`.
QByteArray authsConfig(const QByteArray& key, const QByteArray& entryJson)
{
    return "{\"auths\": {\"" + key + "\": " + entryJson + "}}";
}

QByteArray authEntry(const QByteArray& userAndPassword)
{
    return "{\"auth\": \"" + basicAuth(userAndPassword) + "\"}";
}

bool mentions(const std::string& message, const QByteArray& text)
{
    return message.find(text.toStdString()) != std::string::npos;
}

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_helperDir;
    std::optional<EnvironmentOverride> m_path;

    QString askedLogPath() const { return m_helperDir.filePath(QStringLiteral("asked.log")); }

    QStringList askedServers() const
    {
        QFile log(askedLogPath());
        if (!log.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(log.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    // Writes `text` as a file of `format` in a fresh directory and looks `host` up there only.
    Result<std::optional<Credential>> lookupIn(const QByteArray& text, CredentialFileFormat format, const QString& host,
        const QString& repository = {}, QString* writtenPath = nullptr)
    {
        auto dir = std::make_unique<QTemporaryDir>();
        const QString path = dir->filePath(QStringLiteral("config.json"));
        if (!writeFile(path, text))
            return fail(ErrorKind::Io, "test could not write its config");
        if (writtenPath)
            *writtenPath = path;
        QFile::remove(askedLogPath());
        CredentialSources sources;
        sources.files = { { path.toStdString(), format } };
        sources.helperTimeout = 2s;
        return CredentialStore(sources).lookup(host.toStdString(), repository.toStdString());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_helperDir.isValid());
        const auto install = [this](const QString& name, const char* script) {
            const QString path = m_helperDir.filePath(name);
            return writeFile(path, script)
                && QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        };
        QVERIFY(install(QStringLiteral("docker-credential-gantrytest"), helperScript));
        QVERIFY(install(QStringLiteral("docker-credential-gantryother"), otherHelperScript));
        m_path.emplace("PATH", QFile::encodeName(m_helperDir.path()) + ':' + qgetenv("PATH"));
    }

    void cleanupTestCase() { m_path.reset(); }

    void normaliseKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("host") << QStringLiteral("registry.example") << QStringLiteral("registry.example");
        QTest::newRow("upper-case host") << QStringLiteral("Registry.Example") << QStringLiteral("registry.example");
        QTest::newRow("port") << QStringLiteral("registry.example:5000") << QStringLiteral("registry.example:5000");
        QTest::newRow("https") << QStringLiteral("https://registry.example") << QStringLiteral("registry.example");
        QTest::newRow("http, port, path")
            << QStringLiteral("http://registry.example:5000/v1/") << QStringLiteral("registry.example:5000");
        QTest::newRow("docker hub key") << QStringLiteral("https://index.docker.io/v1/") << QStringLiteral("docker.io");
        QTest::newRow("docker hub alias") << QStringLiteral("registry-1.docker.io") << QStringLiteral("docker.io");
        QTest::newRow("namespace") << QStringLiteral("registry.example/team/")
                                   << QStringLiteral("registry.example/team");
        QTest::newRow("hub namespace") << QStringLiteral("index.docker.io/team") << QStringLiteral("docker.io/team");
    }
    void normaliseKeys()
    {
        QFETCH(QString, key);
        QFETCH(QString, normalised);
        QCOMPARE(QString::fromStdString(normaliseCredentialKey(key.toStdString())), normalised);
    }

    void authsKeyMatching_data()
    {
        QTest::addColumn<CredentialFileFormat>("format");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<bool>("matches");
        const auto row = [](const char* name, CredentialFileFormat format, const char* key, const char* host,
                             const char* repository, bool matches) {
            QTest::newRow(name) << format << QByteArray(key) << QString::fromLatin1(host)
                                << QString::fromLatin1(repository) << matches;
        };
        row("exact host", Docker, "registry.example", "registry.example", "app", true);
        row("host in other case", Docker, "registry.example", "Registry.EXAMPLE", "app", true);
        row("host and port", Docker, "registry.example:5000", "registry.example:5000", "app", true);
        row("port in key only", Docker, "registry.example:5000", "registry.example", "app", false);
        row("port in host only", Docker, "registry.example", "registry.example:5000", "app", false);
        row("longer host", Docker, "registry.example.com", "registry.example", "app", false);
        row("other host", Docker, "other.example", "registry.example", "app", false);
        row("https key", Docker, "https://registry.example", "registry.example", "app", true);
        row("http key with port and path", Docker, "http://registry.example:5000/v1/", "registry.example:5000", "app",
            true);
        row("URL key with path names the host", Containers, "https://registry.example/team", "registry.example",
            "other/app", true);
        row("hub key for docker.io", Docker, "https://index.docker.io/v1/", "docker.io", "library/alpine", true);
        row("hub key for index.docker.io", Docker, "https://index.docker.io/v1/", "index.docker.io", "x/y", true);
        row("hub key for registry-1", Docker, "https://index.docker.io/v1/", "registry-1.docker.io", "x/y", true);
        row("hub key in auth.json", Containers, "https://index.docker.io/v1/", "docker.io", "x/y", true);
        row("docker.io key for index.docker.io", Containers, "docker.io", "index.docker.io", "x/y", true);
        row("index.docker.io key for docker.io", Docker, "index.docker.io", "docker.io", "x/y", true);
        row("hub key is not another host", Docker, "https://index.docker.io/v1/", "quay.io", "x/y", false);
        row("namespace key", Containers, "registry.example/team", "registry.example", "team/app", true);
        row("namespace key in config.json", Docker, "registry.example/team", "registry.example", "team/app", true);
        row("namespace key, other namespace", Containers, "registry.example/team", "registry.example", "other/app",
            false);
        row("namespace key, no repository", Containers, "registry.example/team", "registry.example", "", false);
        row("namespace is a path prefix, not a string prefix", Containers, "registry.example/te", "registry.example",
            "team/app", false);
        row("repository key", Containers, "registry.example/team/app", "registry.example", "team/app", true);
        row("hub namespace", Containers, "docker.io/team", "index.docker.io", "team/app", true);
    }
    void authsKeyMatching()
    {
        QFETCH(CredentialFileFormat, format);
        QFETCH(QByteArray, key);
        QFETCH(QString, host);
        QFETCH(QString, repository);
        QFETCH(bool, matches);
        const auto found = lookupIn(authsConfig(key, authEntry("matched:secret")), format, host, repository);
        QVERIFY2(found.has_value(), found ? "" : found.error().message.c_str());
        QCOMPARE(found->has_value(), matches);
        if (matches) {
            QCOMPARE((*found)->username, std::string("matched"));
            QCOMPARE((*found)->password, std::string("secret"));
        }
    }

    void dockerHubKeyEachToolWrites_data()
    {
        QTest::addColumn<CredentialFileFormat>("format");
        QTest::addColumn<QString>("expectedUser");
        QTest::newRow("docker login writes the URL") << Docker << QStringLiteral("url-user");
        QTest::newRow("podman login writes docker.io") << Containers << QStringLiteral("name-user");
    }
    void dockerHubKeyEachToolWrites()
    {
        QFETCH(CredentialFileFormat, format);
        QFETCH(QString, expectedUser);
        // Both keys name Docker Hub; each format prefers the one its own tool writes.
        const QByteArray config = "{\"auths\": {\"docker.io\": " + authEntry("name-user:x")
            + ", \"https://index.docker.io/v1/\": " + authEntry("url-user:x") + "}}";
        const auto found = lookupIn(config, format, QStringLiteral("registry-1.docker.io"), QStringLiteral("a/b"));
        QVERIFY(found.has_value() && found->has_value());
        QCOMPARE(QString::fromStdString((*found)->username), expectedUser);
    }

    void mostSpecificKeyWins_data()
    {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("expectedUser");
        QTest::newRow("below the repository key") << QStringLiteral("team/app/nightly") << QStringLiteral("app-user");
        QTest::newRow("repository key") << QStringLiteral("team/app") << QStringLiteral("app-user");
        QTest::newRow("sibling with common prefix")
            << QStringLiteral("team/application") << QStringLiteral("team-user");
        QTest::newRow("namespace key") << QStringLiteral("team/other") << QStringLiteral("team-user");
        QTest::newRow("other namespace") << QStringLiteral("other/app") << QStringLiteral("host-user");
        QTest::newRow("no repository") << QString() << QStringLiteral("host-user");
    }
    void mostSpecificKeyWins()
    {
        QFETCH(QString, repository);
        QFETCH(QString, expectedUser);
        // The host entry is written as a URL and comes first in the file, so neither order nor
        // exactness can make the namespaced keys win by accident.
        const QByteArray config = "{\"auths\": {"
                                  "\"https://registry.example\": "
            + authEntry("host-user:x") + ", \"registry.example/team\": " + authEntry("team-user:x")
            + ", \"registry.example/team/app\": " + authEntry("app-user:x") + "}}";
        for (const CredentialFileFormat format : { Containers, Docker }) {
            const auto found = lookupIn(config, format, QStringLiteral("registry.example"), repository);
            QVERIFY(found.has_value());
            QVERIFY(found->has_value());
            QCOMPARE(QString::fromStdString((*found)->username), expectedUser);
        }
    }

    void authEntries_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("identityToken");
        QTest::newRow("auth") << authEntry("alice:s3cret") << QStringLiteral("alice") << QStringLiteral("s3cret")
                              << QString();
        QTest::newRow("password with colons")
            << authEntry("alice:pa:ss:word:") << QStringLiteral("alice") << QStringLiteral("pa:ss:word:") << QString();
        QTest::newRow("empty password") << authEntry("alice:") << QStringLiteral("alice") << QString() << QString();
        QTest::newRow("NULs trimmed as Docker does")
            << authEntry(QByteArray("alice:s3cret\0\0", 14)) << QStringLiteral("alice") << QStringLiteral("s3cret")
            << QString();
        QTest::newRow("unpadded auth") << QByteArray(
            "{\"auth\": \"" + basicAuth("alice:s3cre").replace('=', "") + "\"}")
                                       << QStringLiteral("alice") << QStringLiteral("s3cre") << QString();
        QTest::newRow("username and password fields")
            << QByteArray("{\"username\": \"bob\", \"password\": \"hunter2\"}") << QStringLiteral("bob")
            << QStringLiteral("hunter2") << QString();
        QTest::newRow("auth beats username and password") << QByteArray(
            "{\"username\": \"bob\", \"password\": \"hunter2\", \"auth\": \"" + basicAuth("alice:s3cret") + "\"}")
                                                          << QStringLiteral("alice") << QStringLiteral("s3cret")
                                                          << QString();
        QTest::newRow("identity token") << QByteArray("{\"identitytoken\": \"refresh-token\"}") << QString()
                                        << QString() << QStringLiteral("refresh-token");
        QTest::newRow("identity token with auth")
            << QByteArray("{\"auth\": \"" + basicAuth("alice:") + "\", \"identitytoken\": \"refresh-token\"}")
            << QStringLiteral("alice") << QString() << QStringLiteral("refresh-token");
        QTest::newRow("field names in other case, as Go reads them")
            << QByteArray("{\"Auth\": \"" + basicAuth("alice:s3cret") + "\", \"IdentityToken\": \"t\"}")
            << QStringLiteral("alice") << QStringLiteral("s3cret") << QStringLiteral("t");
        QTest::newRow("other fields ignored")
            << QByteArray("{\"email\": \"a@b.c\", \"auth\": \"" + basicAuth("alice:s3cret") + "\"}")
            << QStringLiteral("alice") << QStringLiteral("s3cret") << QString();
    }
    void authEntries()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, username);
        QFETCH(QString, password);
        QFETCH(QString, identityToken);
        QString path;
        const auto found
            = lookupIn(authsConfig("registry.example", entry), Docker, QStringLiteral("registry.example"), {}, &path);
        QVERIFY2(found.has_value(), found ? "" : found.error().message.c_str());
        QVERIFY(found->has_value());
        const Credential& credential = **found;
        QCOMPARE(QString::fromStdString(credential.username), username);
        QCOMPARE(QString::fromStdString(credential.password), password);
        QCOMPARE(QString::fromStdString(credential.identityToken), identityToken);
        QCOMPARE(QString::fromStdString(credential.origin), path);
    }

    void emptyEntriesAreNoCredential()
    {
        // `{}` is what `docker login` leaves in auths when a credsStore holds the secret; a
        // more specific empty entry must not hide the host entry either.
        const auto alone = lookupIn(authsConfig("registry.example", "{}"), Docker, QStringLiteral("registry.example"));
        QVERIFY(alone.has_value());
        QVERIFY(!alone->has_value());
        const QByteArray config
            = "{\"auths\": {\"registry.example/team\": {}, \"registry.example\": " + authEntry("host-user:x") + "}}";
        const auto shadowed
            = lookupIn(config, Containers, QStringLiteral("registry.example"), QStringLiteral("team/a"));
        QVERIFY(shadowed.has_value());
        QVERIFY(shadowed->has_value());
        QCOMPARE((*shadowed)->username, std::string("host-user"));
    }

    void badAuthEntries_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("not base64") << QByteArray("{\"auth\": \"!!c2VjcmV0LXZhbHVl\"}") << QByteArray("c2VjcmV0");
        QTest::newRow("no colon") << authEntry("justasecretvalue") << QByteArray("justasecretvalue");
        QTest::newRow("no colon, base64 not quoted")
            << authEntry("justasecretvalue") << basicAuth("justasecretvalue").left(12);
        QTest::newRow("empty user name") << authEntry(":s3cretpassword") << QByteArray("s3cretpassword");
    }
    void badAuthEntries()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QByteArray, secret);
        QString path;
        const auto found
            = lookupIn(authsConfig("registry.example", entry), Docker, QStringLiteral("registry.example"), {}, &path);
        QVERIFY(!found.has_value());
        const std::string& message = found.error().message;
        QCOMPARE(kindName(found.error().kind), kindName(ErrorKind::InvalidInput));
        QVERIFY2(mentions(message, QFile::encodeName(path)), message.c_str());
        QVERIFY2(mentions(message, "registry.example"), message.c_str());
        QVERIFY2(mentions(message, "auth"), message.c_str());
        QVERIFY2(!mentions(message, secret), message.c_str());
    }

    void malformedFiles_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("ends in a string") << QByteArray("{\"auths\": {\"h\": {\"auth\": \"c2VjcmV0LXRva2Vu")
                                          << QByteArray("not valid JSON") << QByteArray("c2VjcmV0");
        QTest::newRow("trailing comma") << QByteArray("{\"auths\": {\"h\": {\"auth\": \"c2VjcmV0\"},}}")
                                        << QByteArray("line 1") << QByteArray("c2VjcmV0");
        QTest::newRow("unquoted secret on line 3")
            << QByteArray("{\n  \"auths\": {\n    \"h\": {\"auth\": c2VjcmV0}\n  }\n}") << QByteArray("line 3")
            << QByteArray("c2VjcmV0");
        QTest::newRow("control character in secret")
            << QByteArray("{\"auths\": {\"h\": {\"password\": \"hunter2\x01\"}}}") << QByteArray("not valid JSON")
            << QByteArray("hunter2");
        QTest::newRow("two documents") << QByteArray("{} {}") << QByteArray("not valid JSON") << QByteArray("{}");
        QTest::newRow("array") << QByteArray("[]") << QByteArray("top level") << QByteArray("[]");
        QTest::newRow("auths is a list") << QByteArray("{\"auths\": [\"c2VjcmV0\"]}") << QByteArray("\"auths\"")
                                         << QByteArray("c2VjcmV0");
        QTest::newRow("entry is a string") << QByteArray("{\"auths\": {\"h\": \"c2VjcmV0\"}}")
                                           << QByteArray("\"auths\".\"h\" must be an object") << QByteArray("c2VjcmV0");
        QTest::newRow("auth is a number") << QByteArray("{\"auths\": {\"h\": {\"auth\": 123456789}}}")
                                          << QByteArray("\"auth\" must be a string") << QByteArray("123456789");
        QTest::newRow("password is an object")
            << QByteArray("{\"auths\": {\"h\": {\"password\": {\"v\": \"hunter2\"}}}}")
            << QByteArray("\"password\" must be a string") << QByteArray("hunter2");
        QTest::newRow("credHelpers value") << QByteArray("{\"credHelpers\": {\"h\": [\"pass\"]}}")
                                           << QByteArray("\"credHelpers\".\"h\"") << QByteArray("[");
        QTest::newRow("credsStore type") << QByteArray("{\"credsStore\": true}") << QByteArray("credsStore")
                                         << QByteArray("true");
    }
    void malformedFiles()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, secret);
        for (const CredentialFileFormat format : { Docker, Containers }) {
            QString path;
            const auto found = lookupIn(text, format, QStringLiteral("elsewhere.example"), {}, &path);
            QVERIFY(!found.has_value());
            const std::string& message = found.error().message;
            QCOMPARE(kindName(found.error().kind), kindName(ErrorKind::InvalidInput));
            QVERIFY2(mentions(message, QFile::encodeName(path)), message.c_str());
            QVERIFY2(mentions(message, expected), message.c_str());
            QVERIFY2(!mentions(message, secret), message.c_str());
        }
    }

    void missingEmptyAndUnreadableFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CredentialSources sources;
        sources.files = { { dir.filePath(QStringLiteral("absent/config.json")).toStdString(), Docker },
            { dir.filePath(QStringLiteral("absent.json")).toStdString(), Containers } };
        const auto none = CredentialStore(sources).lookup("registry.example");
        QVERIFY(none.has_value());
        QVERIFY(!none->has_value());

        const auto empty = lookupIn("  \n", Docker, QStringLiteral("registry.example"));
        QVERIFY(empty.has_value());
        QVERIFY(!empty->has_value());

        // A directory where the file should be cannot be read: that is an error, not "no file".
        const QString directory = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(QDir().mkpath(directory));
        sources.files = { { directory.toStdString(), Docker } };
        const auto unreadable = CredentialStore(sources).lookup("registry.example");
        QVERIFY(!unreadable.has_value());
        QCOMPARE(kindName(unreadable.error().kind), kindName(ErrorKind::Io));
        QVERIFY(mentions(unreadable.error().message, QFile::encodeName(directory)));
    }

    void helperAnswers_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("identityToken");
        QTest::newRow("found") << QStringLiteral("found.example") << true << QStringLiteral("helper-user")
                               << QStringLiteral("helper-secret") << QString();
        QTest::newRow("identity token") << QStringLiteral("token.example") << true << QString() << QString()
                                        << QStringLiteral("helper-identity-token");
        QTest::newRow("secret with colons") << QStringLiteral("colon.example") << true << QStringLiteral("helper-user")
                                            << QStringLiteral("pass:with:colons") << QString();
        QTest::newRow("output after the JSON")
            << QStringLiteral("trailing.example") << true << QStringLiteral("helper-user")
            << QStringLiteral("helper-secret") << QString();
        QTest::newRow("not found") << QStringLiteral("unknown.example") << false << QString() << QString() << QString();
        QTest::newRow("empty answer") << QStringLiteral("empty.example") << false << QString() << QString()
                                      << QString();
    }
    void helperAnswers()
    {
        QFETCH(QString, host);
        QFETCH(bool, found);
        QFETCH(QString, username);
        QFETCH(QString, password);
        QFETCH(QString, identityToken);
        const auto result = lookupIn("{\"credsStore\": \"gantrytest\"}", Docker, host);
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
        QCOMPARE(askedServers(), QStringList { host }); // proves the helper really ran
        QCOMPARE(result->has_value(), found);
        if (!found)
            return;
        QCOMPARE(QString::fromStdString((*result)->username), username);
        QCOMPARE(QString::fromStdString((*result)->password), password);
        QCOMPARE(QString::fromStdString((*result)->identityToken), identityToken);
        QCOMPARE((*result)->origin, std::string("docker-credential-gantrytest"));
    }

    void helperErrors_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("host");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray store = "{\"credsStore\": \"gantrytest\"}";
        QTest::newRow("fails") << store << QStringLiteral("failing.example") << ErrorKind::Io
                               << QByteArray("exit code 1");
        QTest::newRow("crashes") << store << QStringLiteral("crashing.example") << ErrorKind::Io
                                 << QByteArray("crashed");
        QTest::newRow("times out") << store << QStringLiteral("slow.example") << ErrorKind::Timeout
                                   << QByteArray("within 300 ms");
        QTest::newRow("not JSON") << store << QStringLiteral("garbage.example") << ErrorKind::Protocol
                                  << QByteArray("docker-credential-gantrytest");
        QTest::newRow("wrong JSON type") << store << QStringLiteral("wrongtype.example") << ErrorKind::Protocol
                                         << QByteArray("docker-credential-gantrytest");
        QTest::newRow("missing helper") << QByteArray("{\"credsStore\": \"gantrymissing\"}")
                                        << QStringLiteral("found.example") << ErrorKind::Io
                                        << QByteArray("docker-credential-gantrymissing");
        QTest::newRow("missing helper from credHelpers")
            << QByteArray("{\"credHelpers\": {\"found.example\": \"gantrymissing\"}}")
            << QStringLiteral("found.example") << ErrorKind::Io << QByteArray("credHelpers");
        QTest::newRow("helper name with a path")
            << QByteArray("{\"credsStore\": \"../bin/gantrytest\"}") << QStringLiteral("found.example")
            << ErrorKind::InvalidInput << QByteArray("../bin/gantrytest");
    }
    void helperErrors()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, host);
        QFETCH(ErrorKind, kind);
        QFETCH(QByteArray, expected);
        auto dir = QTemporaryDir();
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(writeFile(path, config));
        CredentialSources sources;
        sources.files = { { path.toStdString(), Docker } };
        sources.helperTimeout = 300ms;
        QElapsedTimer timer;
        timer.start();
        const auto result = CredentialStore(sources).lookup(host.toStdString());
        QVERIFY2(timer.elapsed() < 10'000, "a helper outlived its timeout");
        QVERIFY(!result.has_value());
        const std::string& message = result.error().message;
        QCOMPARE(kindName(result.error().kind), kindName(kind));
        QVERIFY2(mentions(message, expected), message.c_str());
        QVERIFY2(mentions(message, QFile::encodeName(path)), message.c_str());
        QVERIFY2(mentions(message, "docker-credential-"), message.c_str());
        QVERIFY2(!mentions(message, "helper-secret"), message.c_str());
    }

    void helperIsAskedForTheServerItsToolStored_data()
    {
        QTest::addColumn<CredentialFileFormat>("format");
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("asked");
        QTest::addColumn<QString>("username");
        const QString hubUrl = QStringLiteral("https://index.docker.io/v1/");
        const QByteArray store = "{\"credsStore\": \"gantrytest\"}";
        QTest::newRow("docker, docker.io")
            << Docker << store << QStringLiteral("docker.io") << hubUrl << QStringLiteral("docker-hub-user");
        QTest::newRow("docker, registry-1.docker.io")
            << Docker << store << QStringLiteral("registry-1.docker.io") << hubUrl << QStringLiteral("docker-hub-user");
        QTest::newRow("docker, credHelpers by URL")
            << Docker << QByteArray("{\"credHelpers\": {\"https://index.docker.io/v1/\": \"gantrytest\"}}")
            << QStringLiteral("index.docker.io") << hubUrl << QStringLiteral("docker-hub-user");
        QTest::newRow("docker, credHelpers by name")
            << Docker << QByteArray("{\"credHelpers\": {\"docker.io\": \"gantrytest\"}}") << QStringLiteral("docker.io")
            << hubUrl << QStringLiteral("docker-hub-user");
        QTest::newRow("docker, host and port")
            << Docker << QByteArray("{\"credHelpers\": {\"registry.example:5000\": \"gantrytest\"}}")
            << QStringLiteral("registry.example:5000") << QStringLiteral("registry.example:5000")
            << QStringLiteral("helper-user");
        QTest::newRow("containers, docker.io")
            << Containers << QByteArray("{\"credHelpers\": {\"docker.io\": \"gantrytest\"}}")
            << QStringLiteral("index.docker.io") << QStringLiteral("docker.io") << QStringLiteral("podman-hub-user");
    }
    void helperIsAskedForTheServerItsToolStored()
    {
        QFETCH(CredentialFileFormat, format);
        QFETCH(QByteArray, config);
        QFETCH(QString, host);
        QFETCH(QString, asked);
        QFETCH(QString, username);
        const auto result = lookupIn(config, format, host, QStringLiteral("team/app"));
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
        QCOMPARE(askedServers(), QStringList { asked });
        QVERIFY(result->has_value());
        QCOMPARE(QString::fromStdString((*result)->username), username);
    }

    void precedence_data()
    {
        QTest::addColumn<CredentialFileFormat>("format");
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("expectedUser"); // empty: no credential
        const QByteArray auths = "\"auths\": {\"found.example\": " + authEntry("auths-user:x")
            + ", \"none.example\": " + authEntry("auths-user:x") + "}";
        QTest::newRow("credHelpers beat credsStore and auths")
            << Docker
            << QByteArray("{\"credHelpers\": {\"found.example\": \"gantrytest\"}, \"credsStore\": \"gantryother\", "
                   + auths + "}")
            << QStringLiteral("found.example") << QStringLiteral("helper-user");
        QTest::newRow("credsStore beats auths")
            << Docker << QByteArray("{\"credsStore\": \"gantryother\", " + auths + "}")
            << QStringLiteral("found.example") << QStringLiteral("other-user");
        QTest::newRow("credsStore for a host without a credHelpers entry")
            << Docker
            << QByteArray("{\"credHelpers\": {\"elsewhere.example\": \"gantrytest\"}, \"credsStore\": "
                          "\"gantryother\", "
                   + auths + "}")
            << QStringLiteral("found.example") << QStringLiteral("other-user");
        QTest::newRow("credsStore without the host: no fallback to auths, as Docker")
            << Docker << QByteArray("{\"credsStore\": \"gantryother\", " + auths + "}")
            << QStringLiteral("none.example") << QString();
        QTest::newRow("credHelpers without the host: no fallback to auths")
            << Docker << QByteArray("{\"credHelpers\": {\"none.example\": \"gantrytest\"}, " + auths + "}")
            << QStringLiteral("none.example") << QString();
        QTest::newRow("empty credHelpers entry opts out of credsStore")
            << Docker
            << QByteArray(
                   "{\"credHelpers\": {\"found.example\": \"\"}, \"credsStore\": \"gantryother\", " + auths + "}")
            << QStringLiteral("found.example") << QStringLiteral("auths-user");
        QTest::newRow("auths alone") << Docker << QByteArray("{" + auths + "}") << QStringLiteral("found.example")
                                     << QStringLiteral("auths-user");
        QTest::newRow("auth.json credHelpers")
            << Containers << QByteArray("{\"credHelpers\": {\"found.example\": \"gantrytest\"}, " + auths + "}")
            << QStringLiteral("found.example") << QStringLiteral("helper-user");
        QTest::newRow("auth.json has no credsStore, as containers/image")
            << Containers << QByteArray("{\"credsStore\": \"gantryother\", " + auths + "}")
            << QStringLiteral("found.example") << QStringLiteral("auths-user");
    }
    void precedence()
    {
        QFETCH(CredentialFileFormat, format);
        QFETCH(QByteArray, config);
        QFETCH(QString, host);
        QFETCH(QString, expectedUser);
        const auto result = lookupIn(config, format, host);
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
        QCOMPARE(result->has_value(), !expectedUser.isEmpty());
        if (result->has_value())
            QCOMPARE(QString::fromStdString((*result)->username), expectedUser);
    }

    void firstFileWithACredentialWins()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto file = [&dir](const char* name) { return dir.filePath(QString::fromLatin1(name)); };
        // first: a helper that has nothing for none.example; second: auths for both hosts; third: broken.
        QVERIFY(writeFile(file("first.json"),
            "{\"credsStore\": \"gantryother\", \"auths\": {\"none.example\": " + authEntry("ignored:x") + "}}"));
        QVERIFY(writeFile(file("second.json"),
            "{\"auths\": {\"none.example\": " + authEntry("second-user:x")
                + ", \"found.example\": " + authEntry("second-user:x") + "}}"));
        QVERIFY(writeFile(file("broken.json"), "{\"auths\": "));
        CredentialSources sources;
        sources.files = { { file("first.json").toStdString(), Docker },
            { file("second.json").toStdString(), Containers }, { file("broken.json").toStdString(), Docker } };
        const CredentialStore store(sources);

        const auto fromFirst = store.lookup("found.example");
        QVERIFY(fromFirst.has_value() && fromFirst->has_value());
        QCOMPARE((*fromFirst)->username, std::string("other-user"));

        // The helper's "not found" ends the first file (Docker) but not the search across files.
        const auto fromSecond = store.lookup("none.example");
        QVERIFY(fromSecond.has_value() && fromSecond->has_value());
        QCOMPARE((*fromSecond)->username, std::string("second-user"));
        QCOMPARE((*fromSecond)->origin, file("second.json").toStdString());

        // Nothing before the broken file has a credential: its error is reported.
        const auto broken = store.lookup("alsonone.example");
        QVERIFY(!broken.has_value());
        QVERIFY(mentions(broken.error().message, QFile::encodeName(file("broken.json"))));

        // A broken file first is an error even when a later file has the credential.
        std::ranges::rotate(sources.files, sources.files.end() - 1);
        const auto brokenFirst = CredentialStore(sources).lookup("found.example");
        QVERIFY(!brokenFirst.has_value());
        QCOMPARE(kindName(brokenFirst.error().kind), kindName(ErrorKind::InvalidInput));
    }

    void helperFor()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString first = dir.filePath(QStringLiteral("first.json"));
        const QString second = dir.filePath(QStringLiteral("second.json"));
        QVERIFY(writeFile(first, "{\"credHelpers\": {\"registry.example\": \"pass\", \"optout.example\": \"\"}}"));
        QVERIFY(writeFile(second, "{\"credsStore\": \"secretservice\"}"));
        CredentialSources sources;
        sources.files = { { first.toStdString(), Containers }, { second.toStdString(), Docker } };
        const CredentialStore store(sources);
        QCOMPARE(store.helperFor("registry.example"), std::optional<std::string>("pass"));
        QCOMPARE(store.helperFor("optout.example"), std::optional<std::string>("secretservice"));
        QCOMPARE(store.helperFor("docker.io"), std::optional<std::string>("secretservice"));
        sources.files.pop_back();
        QCOMPARE(CredentialStore(sources).helperFor("docker.io"), std::nullopt);
    }

    void fromEnvironment()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray root = QFile::encodeName(dir.path());
        {
            const EnvironmentOverride home("HOME", root + "/home");
            const EnvironmentOverride dockerConfig("DOCKER_CONFIG", root + "/docker");
            const EnvironmentOverride authFile("REGISTRY_AUTH_FILE", root + "/explicit.json");
            const EnvironmentOverride runtimeDir("XDG_RUNTIME_DIR", root + "/run");
            const EnvironmentOverride configHome("XDG_CONFIG_HOME", root + "/config");
            const CredentialSources sources = CredentialSources::fromEnvironment();
            QCOMPARE(sources.files.size(), 4u);
            QCOMPARE(sources.files[0].path, (root + "/explicit.json").toStdString());
            QVERIFY(sources.files[0].format == Containers);
            QCOMPARE(sources.files[1].path, (root + "/docker/config.json").toStdString());
            QVERIFY(sources.files[1].format == Docker);
            QCOMPARE(sources.files[2].path, (root + "/run/containers/auth.json").toStdString());
            QCOMPARE(sources.files[3].path, (root + "/config/containers/auth.json").toStdString());
            QCOMPARE(sources.helperTimeout, std::chrono::milliseconds(10'000));

            // The explicit file wins over Docker's config for the same host; Docker's config still
            // answers for hosts the explicit file does not know.
            QVERIFY(writeFile(QFile::decodeName(root + "/docker/config.json"),
                "{\"auths\": {\"https://registry.example\": " + authEntry("docker-user:x")
                    + ", \"other.example\": " + authEntry("docker-user:x") + "}}"));
            QVERIFY(writeFile(QFile::decodeName(root + "/explicit.json"),
                authsConfig("registry.example", authEntry("explicit-user:x"))));
            const CredentialStore store; // default sources: the environment as it is now
            const auto explicitWins = store.lookup("registry.example", "team/app");
            QVERIFY(explicitWins.has_value() && explicitWins->has_value());
            QCOMPARE((*explicitWins)->username, std::string("explicit-user"));
            const auto docker = store.lookup("other.example");
            QVERIFY(docker.has_value() && docker->has_value());
            QCOMPARE((*docker)->username, std::string("docker-user"));
        }
        {
            const EnvironmentOverride home("HOME", root + "/home");
            const EnvironmentOverride dockerConfig("DOCKER_CONFIG", {});
            const EnvironmentOverride authFile("REGISTRY_AUTH_FILE", {});
            const EnvironmentOverride runtimeDir("XDG_RUNTIME_DIR", {});
            const EnvironmentOverride configHome("XDG_CONFIG_HOME", {});
            const CredentialSources sources = CredentialSources::fromEnvironment();
            QCOMPARE(sources.files.size(), 3u);
            QCOMPARE(sources.files[0].path, (root + "/home/.docker/config.json").toStdString());
            QVERIFY(sources.files[0].format == Docker);
            QCOMPARE(sources.files[1].path, "/run/containers/" + std::to_string(getuid()) + "/auth.json");
            QCOMPARE(sources.files[2].path, (root + "/home/.config/containers/auth.json").toStdString());
            QVERIFY(sources.files[2].format == Containers);
        }
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
