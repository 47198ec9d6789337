#include "base/base64.h"
#include "model/workspace/kubeconfig.h"
#include "tests/support/datarows.h"
#include "tests/support/environmentoverride.h"
#include "tests/support/errornames.h"
#include "tests/support/filebytes.h"
#include "tests/support/testpki.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using gantry::model::KubeCluster;
using gantry::model::loadKubeconfigs;
using gantry::model::MissingKubeconfig;
using gantry::model::parseKubeconfig;
using gantry::registry::base64Encode;
using gantry::registry::ErrorKind;
using gantry::test::EnvironmentOverride;
using gantry::test::kindName;
using gantry::test::row;
using gantry::test::str;
using gantry::test::why;

// Declared before the test data: moc 6.4 loses its way after raw strings that hold braces.
class TestKubeconfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsEveryContext();
    void keepsOnlyCertificateBlocks();
    void namesTheFieldOfEveryProblem_data();
    void namesTheFieldOfEveryProblem();
    void reportsTheLineOfAProblem();
    void reportsYamlSyntaxWithLine_data();
    void reportsYamlSyntaxWithLine();
    void neverRevealsCredentials_data();
    void neverRevealsCredentials();
    void mergesFilesFirstDefinitionWins();
    void skipsMissingFilesUnlessNamed();
    void readsTheDefaultPaths();
    void refusesHugeAndUnreadableFiles();
    void readsAnEmptyFile();

private:
    // A folder with certs/ca.crt and the fixture kubeconfig's text, not yet written.
    std::string fixture(const QTemporaryDir& folder) const;

    gantry::test::TestPki m_pki;
    gantry::test::IssuedCertificate m_client;
    std::string m_caPem;
    std::string m_clientPem;
};

namespace {

// Distinctive values in the users section: none may show up in any message or result.
const std::vector<std::string> secrets = { "client-key-5ecret-Zq81", "token-5ecret-Wm27", "password-5ecret-Kd90",
    "username-5ecret-Tr66", "DEADBEEF", "3735928559", "secret-folder-Xy4" };

// Two contexts on one site through the gantry extension, a third with neither user nor extension.
const char* const fixtureTemplate = R"(apiVersion: v1
kind: Config
current-context: zrh-a
clusters:
- name: zrh-a
  cluster:
    server: https://a.zrh.example.org:6443
    certificate-authority-data: @CA_DATA@
    tls-server-name: api.zrh.example.org
- name: zrh-b
  cluster:
    server: https://b.zrh.example.org:6443
    certificate-authority: certs/ca.crt
    insecure-skip-tls-verify: true
users:
- name: ops
  user:
    client-certificate-data: @CLIENT_DATA@
    client-key-data: @KEY_DATA@
- name: robot
  user:
    client-certificate: @CLIENT_FILE@
    token: token-5ecret-Wm27
    username: username-5ecret-Tr66
    password: password-5ecret-Kd90
    exec:
      command: get-token
      args: [--key, client-key-5ecret-Zq81]
    auth-provider: {name: oidc, config: {id-token: token-5ecret-Wm27}}
contexts:
- name: zrh-a
  context:
    cluster: zrh-a
    user: ops
    namespace: default
    extensions:
    - name: another-tool
      extension: {colour: blue}
    - name: gantry
      extension:
        site: zurich
        environment: prod
- name: zrh-b
  context:
    cluster: zrh-b
    user: robot
    extensions:
    - name: gantry
      extension:
        site: zurich
        environment: staging
- name: anonymous
  context:
    cluster: zrh-a
)";

// For merging: the second file's cluster "main" loses to the first's, and its CA path is
// relative to its own folder.
const char* const firstKubeconfig = R"(clusters:
- name: main
  cluster:
    server: https://first.example.org
contexts:
- name: shared
  context:
    cluster: main
- name: only-first
  context:
    cluster: main
)";

const char* const secondKubeconfig = R"(clusters:
- name: main
  cluster:
    server: https://second.example.org
- name: own
  cluster:
    server: https://own.example.org
    certificate-authority: ca.crt
contexts:
- name: shared
  context:
    cluster: main
- name: only-second
  context:
    cluster: main
- name: own
  context:
    cluster: own
)";

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    Q_ASSERT(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string readText(const QString& path)
{
    return gantry::test::fileBytes(path).toStdString();
}

std::string writeText(const QString& path, const std::string& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text.data(), static_cast<qint64>(text.size()));
    return path.toStdString();
}

// 1-based line of the first occurrence of `needle`.
int lineOf(const std::string& text, const std::string& needle)
{
    const auto at = text.find(needle);
    return at == std::string::npos ? 0 : static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
}

const KubeCluster* named(const std::vector<KubeCluster>& clusters, const std::string& name)
{
    const auto it = std::ranges::find(clusters, name, &KubeCluster::name);
    return it == clusters.end() ? nullptr : &*it;
}

std::string everyField(const KubeCluster& cluster)
{
    return cluster.name + cluster.server + cluster.tlsServerName + cluster.caPem + cluster.caFile
        + cluster.clientCertificatePem + cluster.clientCertificateFile + cluster.site + cluster.environment
        + cluster.sourceFile;
}

// A minimal kubeconfig: one context named `name` on a cluster named `cluster` at `server`.
std::string singleContext(const std::string& name, const std::string& cluster, const std::string& server)
{
    return "clusters:\n- name: " + cluster + "\n  cluster:\n    server: " + server + "\ncontexts:\n- name: " + name
        + "\n  context:\n    cluster: " + cluster + "\n";
}

} // namespace

void TestKubeconfig::initTestCase()
{
    QVERIFY2(m_pki.isValid(), qPrintable(m_pki.errorString()));
    m_client = m_pki.issue(QStringLiteral("ops"), {});
    QVERIFY2(!m_client.isNull(), qPrintable(m_pki.errorString()));
    m_caPem = readText(m_pki.caCertificatePath());
    m_clientPem = readText(m_client.certificatePath);
    QVERIFY(m_caPem.starts_with("-----BEGIN CERTIFICATE-----"));
    QVERIFY(m_clientPem.starts_with("-----BEGIN CERTIFICATE-----"));
}

std::string TestKubeconfig::fixture(const QTemporaryDir& folder) const
{
    writeText(folder.filePath(QStringLiteral("certs/ca.crt")), m_caPem);
    std::string text = replaced(fixtureTemplate, "@CA_DATA@", base64Encode(m_caPem));
    text = replaced(text, "@CLIENT_DATA@", base64Encode(m_clientPem));
    text = replaced(text, "@KEY_DATA@", base64Encode("client-key-5ecret-Zq81"));
    return replaced(text, "@CLIENT_FILE@", m_client.certificatePath.toStdString());
}

void TestKubeconfig::readsEveryContext()
{
    QTemporaryDir folder;
    const std::string path = writeText(folder.filePath(QStringLiteral("config")), fixture(folder));
    const auto clusters = loadKubeconfigs({ path }, MissingKubeconfig::Fail);
    QVERIFY2(clusters, why(clusters));
    QCOMPARE(clusters->size(), 3u);
    QCOMPARE((*clusters)[0].name, "zrh-a");

    const auto* a = named(*clusters, "zrh-a");
    QCOMPARE(a->server, "https://a.zrh.example.org:6443");
    QCOMPARE(a->tlsServerName, "api.zrh.example.org");
    QCOMPARE(a->caPem, m_caPem);
    QCOMPARE(a->caFile, "inline");
    QCOMPARE(a->clientCertificatePem, m_clientPem);
    QCOMPARE(a->clientCertificateFile, "inline");
    QCOMPARE(a->insecureSkipTlsVerify, false);
    QCOMPARE(a->site, "zurich");
    QCOMPARE(a->environment, "prod");
    QCOMPARE(a->sourceFile, path);

    // Relative CA path against the kubeconfig's folder, absolute client certificate path as is.
    const auto* b = named(*clusters, "zrh-b");
    QCOMPARE(b->caPem, m_caPem);
    QCOMPARE(b->caFile, folder.filePath(QStringLiteral("certs/ca.crt")).toStdString());
    QCOMPARE(b->clientCertificatePem, m_clientPem);
    QCOMPARE(b->clientCertificateFile, m_client.certificatePath.toStdString());
    QCOMPARE(b->insecureSkipTlsVerify, true);
    QCOMPARE(b->tlsServerName, "");
    QCOMPARE(b->site, "zurich");
    QCOMPARE(b->environment, "staging");

    const auto* anonymous = named(*clusters, "anonymous");
    QCOMPARE(anonymous->server, a->server);
    QCOMPARE(anonymous->clientCertificatePem, "");
    QCOMPARE(anonymous->clientCertificateFile, "");
    QCOMPARE(anonymous->site, "");
}

void TestKubeconfig::keepsOnlyCertificateBlocks()
{
    QTemporaryDir folder;
    // Some tools write the key into the certificate's file: the key must not come along.
    const std::string combined = readText(m_client.keyPath) + "comment\n" + m_clientPem;
    writeText(folder.filePath(QStringLiteral("client.pem")), combined);
    std::string text = replaced(fixture(folder), m_client.certificatePath.toStdString(), "client.pem");
    const std::string chain = readText(m_client.chainPath) + m_caPem;
    text = replaced(text, base64Encode(m_caPem), base64Encode(readText(m_client.keyPath) + chain));
    const auto clusters = parseKubeconfig(text, folder.filePath(QStringLiteral("config")).toStdString());
    QVERIFY2(clusters, why(clusters));
    QVERIFY(combined.find("PRIVATE KEY") != std::string::npos);
    for (const auto& cluster : *clusters)
        QVERIFY(everyField(cluster).find("PRIVATE KEY") == std::string::npos);
    QCOMPARE(named(*clusters, "zrh-b")->clientCertificatePem, m_clientPem);
    QCOMPARE(named(*clusters, "zrh-a")->caPem, chain);
}

void TestKubeconfig::namesTheFieldOfEveryProblem_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QByteArray>("expected");

    row("unknown cluster", "cluster: zrh-b\n", "cluster: nowhere\n",
        R"(contexts[1].context.cluster: no cluster named "nowhere" (clusters: zrh-a, zrh-b))");
    row("unknown user", "user: robot", "user: nobody", R"(contexts[1].context.user: no user named "nobody")");
    row("context without cluster", "    cluster: zrh-b\n", "", "contexts[1].context.cluster: is missing");
    row("context without body", "- name: anonymous\n  context:\n    cluster: zrh-a\n", "- name: anonymous\n",
        "contexts[2].context.cluster: is missing");
    row("server a list", "server: https://a.zrh.example.org:6443", "server: [https://a, https://b]",
        "clusters[0].cluster.server: must be a single value, not a list");
    row("used cluster without server", "    server: https://b.zrh.example.org:6443\n", "",
        "clusters[1].cluster.server: is missing");
    row("contexts a map", "contexts:\n", "contexts: {zrh-a: {}}\nformer-contexts:\n",
        "contexts: must be a list, not a map");
    row("users a map", "users:\n", "users: {}\nformer-users:\n", "users: must be a list, not a map");
    row("cluster body a list", "  cluster:\n    server: https://b", "  cluster: []\n  former:\n    server: https://b",
        "clusters[1].cluster: must be a map, not a list");
    row("bad base64 CA", "certificate-authority-data: ", "certificate-authority-data: not*base64",
        R"(clusters[0].cluster.certificate-authority-data: the CA of cluster "zrh-a" is not valid base64)");
    row("bad base64 client certificate", "client-certificate-data: ", "client-certificate-data: x*",
        "users[0].user.client-certificate-data: is not valid base64");
    row("CA data not PEM", "certificate-authority-data: ", "certificate-authority-data: aGVsbG8K\n    former: ",
        R"(clusters[0].cluster.certificate-authority-data: the CA of cluster "zrh-a" holds no PEM certificate)");
    row("missing CA file", "certs/ca.crt", "certs/none.crt", "clusters[1].cluster.certificate-authority: no file at /");
    row("missing client certificate file", "client-certificate: /", "client-certificate: /nowhere",
        "users[1].user.client-certificate: no file there");
    row("insecure not a boolean", "insecure-skip-tls-verify: true", "insecure-skip-tls-verify: sometimes",
        "clusters[1].cluster.insecure-skip-tls-verify: must be true or false");
    row("duplicate context", "- name: anonymous", "- name: zrh-a", "contexts[2].name: is also the name of contexts[0]");
    row("duplicate user", "- name: robot", "- name: ops", "users[1].name: is also the name of users[0]");
    row("nameless cluster", "- name: zrh-b\n  cluster:", "- cluster:", "clusters[1].name: is missing");
    row("extension typo", "environment: staging", "enviroment: staging",
        "contexts[1].context.extensions[0].extension.enviroment: unknown key (known here: environment, site)");
    row("extension not a map", "extension:\n        site: zurich\n        environment: staging", "extension: zurich",
        "contexts[1].context.extensions[0].extension: must be a map, not a single value");
    row("not a kubeconfig", "kind: Config", "kind: Deployment", R"(kind: "Deployment" is not a kubeconfig)");
    row("top level a list", "apiVersion: v1\n", "- apiVersion: v1\n- ", "the top level: must be a map, not a list");
}

void TestKubeconfig::namesTheFieldOfEveryProblem()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QByteArray, expected);
    QTemporaryDir folder;
    const std::string path = folder.filePath(QStringLiteral("config")).toStdString();
    const auto clusters = parseKubeconfig(replaced(fixture(folder), str(from), str(to)), path);
    QVERIFY(!clusters);
    QCOMPARE(kindName(clusters.error().kind), kindName(ErrorKind::InvalidInput));
    QVERIFY2(clusters.error().message.starts_with(path + " is not a valid kubeconfig:\n  line "), why(clusters));
    QVERIFY2(clusters.error().message.find(str(expected)) != std::string::npos, why(clusters));
}

void TestKubeconfig::reportsTheLineOfAProblem()
{
    QTemporaryDir folder;
    const std::string text = replaced(fixture(folder), "cluster: zrh-b\n    user:", "cluster: nowhere\n    user:");
    const auto clusters = parseKubeconfig(text, "config");
    QVERIFY(!clusters);
    const std::string expected = "\n  line " + std::to_string(lineOf(text, "cluster: nowhere")) + ": contexts[1]";
    QVERIFY2(clusters.error().message.find(expected) != std::string::npos, why(clusters));
    QCOMPARE(lineOf(text, "cluster: nowhere"), 45);
}

void TestKubeconfig::reportsYamlSyntaxWithLine_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("expected");

    row("indentation", "kind: Config\nusers:\n- name: u\n  user:\n    client-key-data: abc\n   token: x\n",
        "config is not valid YAML at line 6, column 4: end of map not found");
    row("tab", "kind: Config\nclusters:\n- name: a\n\tcluster: {}\n", "at line 4, column 1: illegal tab");
    row("block entry in a flow", "kind: Config\ncontexts: [\n- name: a\n", "at line 3, column 1: illegal block entry");
    row("list item out of line", "kind: Config\nclusters:\n  - name: a\n   - name: b\n", "at line 4, column 4: ");
    row("unclosed flow", "kind: Config\nclusters: [a, b\ncontexts: []\n", "at line 3, column 9: ");
}

void TestKubeconfig::reportsYamlSyntaxWithLine()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, expected);
    const auto clusters = parseKubeconfig(str(yaml), "config");
    QVERIFY(!clusters);
    QCOMPARE(kindName(clusters.error().kind), kindName(ErrorKind::InvalidInput));
    QVERIFY2(clusters.error().message.starts_with("config is not valid YAML at line "), why(clusters));
    QVERIFY2(clusters.error().message.find(str(expected)) != std::string::npos, why(clusters));
}

void TestKubeconfig::neverRevealsCredentials_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("valid");

    row("valid file", "", "", true);
    row("syntax error after a key",
        "    client-key-data: ", "    client-key-data: client-key-5ecret-Zq81\n   x: ", false);
    row("syntax error in a token", "token: token-5ecret-Wm27", "token: \"token-5ecret-Wm27\\UDEADBEEF\"", false);
    row("unknown escape in a password", "password: password-5ecret-Kd90", "password: \"\\password-5ecret-Kd90\"",
        false);
    row("unclosed flow in exec", "args: [--key, client-key-5ecret-Zq81]", "args: [--key, client-key-5ecret-Zq81",
        false);
    row("certificate data a secret",
        "client-certificate-data: ", "client-certificate-data: token-5ecret-Wm27\n    x: ", false);
    row("certificate data not PEM",
        "client-certificate-data: ", "client-certificate-data: dG9rZW4tNWVjcmV0LVdtMjc=\n    x: ", false);
    row("certificate data a map", "client-certificate-data: ",
        "client-certificate-data: {password-5ecret-Kd90: token-5ecret-Wm27}\n    x: ", false);
    row("user a list of secrets", "  user:\n    client-certificate-data:",
        "  user: [token-5ecret-Wm27, password-5ecret-Kd90]\n  x:\n    client-certificate-data:", false);
    row("user name a list", "- name: robot", "- name: [token-5ecret-Wm27]", false);
    row("duplicate user", "- name: robot", "- name: ops", false);
    row("missing certificate file", "client-certificate: /", "client-certificate: /secret-folder-Xy4/", false);
    row("insecure flag a secret", "insecure-skip-tls-verify: true", "insecure-skip-tls-verify: token-5ecret-Wm27",
        false);
}

void TestKubeconfig::neverRevealsCredentials()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(bool, valid);
    QTemporaryDir folder;
    std::string text = fixture(folder);
    if (!from.isEmpty())
        text = replaced(text, str(from), str(to));
    const std::string path = writeText(folder.filePath(QStringLiteral("config")), text);
    const auto clusters = loadKubeconfigs({ path });
    QCOMPARE(bool(clusters), valid);
    const std::string shown = clusters
        ? everyField((*clusters)[0]) + everyField((*clusters)[1]) + everyField((*clusters)[2])
        : clusters.error().message;
    QVERIFY(!shown.empty());
    for (const auto& secret : secrets)
        QVERIFY2(shown.find(secret) == std::string::npos, qPrintable(QString::fromStdString(secret + " in " + shown)));
}

void TestKubeconfig::mergesFilesFirstDefinitionWins()
{
    QTemporaryDir folder;
    const std::string first = writeText(folder.filePath(QStringLiteral("first.yaml")), firstKubeconfig);
    const std::string second = writeText(folder.filePath(QStringLiteral("team/second.yaml")), secondKubeconfig);
    writeText(folder.filePath(QStringLiteral("team/ca.crt")), m_caPem);

    const auto merged = loadKubeconfigs({ first, second });
    QVERIFY2(merged, why(merged));
    QCOMPARE(merged->size(), 4u);
    QCOMPARE(named(*merged, "shared")->server, "https://first.example.org");
    QCOMPARE(named(*merged, "shared")->sourceFile, first);
    QCOMPARE(named(*merged, "only-second")->server, "https://first.example.org");
    QCOMPARE(named(*merged, "only-second")->sourceFile, second);
    QCOMPARE(named(*merged, "own")->caFile, folder.filePath(QStringLiteral("team/ca.crt")).toStdString());
    QCOMPARE(named(*merged, "own")->caPem, m_caPem);

    const auto reversed = loadKubeconfigs({ second, first });
    QVERIFY2(reversed, why(reversed));
    QCOMPARE(named(*reversed, "shared")->server, "https://second.example.org");
    QCOMPARE(named(*reversed, "only-first")->server, "https://second.example.org");
    QCOMPARE((*reversed)[0].name, "shared");
}

void TestKubeconfig::skipsMissingFilesUnlessNamed()
{
    QTemporaryDir folder;
    const std::string missing = folder.filePath(QStringLiteral("missing.yaml")).toStdString();
    const std::string present
        = writeText(folder.filePath(QStringLiteral("present.yaml")), singleContext("c", "c", "https://c.example.org"));
    const auto skipped = loadKubeconfigs({ missing, present, missing + "/below" });
    QVERIFY2(skipped, why(skipped));
    QCOMPARE(skipped->size(), 1u);

    const auto named = loadKubeconfigs({ missing }, MissingKubeconfig::Fail);
    QVERIFY(!named);
    QCOMPARE(kindName(named.error().kind), kindName(ErrorKind::Io));
    QCOMPARE(named.error().message, "no kubeconfig at " + missing);
}

void TestKubeconfig::readsTheDefaultPaths()
{
    QTemporaryDir home;
    const EnvironmentOverride homeVariable("HOME", home.path().toUtf8());
    {
        const EnvironmentOverride list("KUBECONFIG", "/a.yaml::/b.yaml:/a.yaml:");
        QCOMPARE(gantry::model::defaultKubeconfigPaths(), (std::vector<std::string> { "/a.yaml", "/b.yaml" }));
    }
    const EnvironmentOverride unset("KUBECONFIG", QByteArray());
    const std::string config = home.filePath(QStringLiteral(".kube/config")).toStdString();
    QCOMPARE(gantry::model::defaultKubeconfigPaths(), std::vector<std::string> { config });

    const auto none = loadKubeconfigs(gantry::model::defaultKubeconfigPaths());
    QVERIFY2(none, why(none));
    QCOMPARE(none->size(), 0u);
    writeText(QString::fromStdString(config), singleContext("home", "home", "https://home.example.org"));
    const auto found = loadKubeconfigs(gantry::model::defaultKubeconfigPaths());
    QVERIFY2(found, why(found));
    QCOMPARE(found->size(), 1u);
    QCOMPARE(found->front().sourceFile, config);
}

void TestKubeconfig::refusesHugeAndUnreadableFiles()
{
    QTemporaryDir folder;
    const std::string huge
        = writeText(folder.filePath(QStringLiteral("huge.yaml")), std::string(16 * 1024 * 1024 + 1, '#'));
    const auto tooLarge = loadKubeconfigs({ huge });
    QVERIFY(!tooLarge);
    QCOMPARE(kindName(tooLarge.error().kind), kindName(ErrorKind::TooLarge));
    QVERIFY2(tooLarge.error().message.find("larger than 16 MiB") != std::string::npos, why(tooLarge));

    const auto directory = loadKubeconfigs({ folder.path().toStdString() });
    QVERIFY(!directory);
    QCOMPARE(kindName(directory.error().kind), kindName(ErrorKind::Io));
}

void TestKubeconfig::readsAnEmptyFile()
{
    const auto empty = parseKubeconfig("", "config");
    QVERIFY2(empty, why(empty));
    QCOMPARE(empty->size(), 0u);
    const auto comments = parseKubeconfig("# nothing yet\napiVersion: v1\nkind: Config\nclusters: null\n", "config");
    QVERIFY2(comments, why(comments));
    QCOMPARE(comments->size(), 0u);
}

QTEST_APPLESS_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
