// The first-start import: registries from Docker's config.json and containers' auth.json (keys only,
// never a credential), clusters from kubeconfig, and the workspace file it saves, read back.
#include "model/workspace/workspaceimport.h"
#include "model/workspace/workspaceloader.h"
#include "model/workspace/workspacewriter.h"
#include "tests/support/environmentoverride.h"
#include "tests/support/errornames.h"
#include "tests/support/testpki.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

using gantry::model::ImportSources;
using gantry::model::importWorkspace;
using gantry::model::loadWorkspace;
using gantry::model::saveWorkspace;
using gantry::model::workspaceToJson;
using gantry::test::EnvironmentOverride;
using gantry::test::TestPki;
using gantry::test::why;

class TestWorkspaceImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void findsRegistryHostsAndClusters();
    void savesNoCredential();
    void roundTripsTheExampleWorkspace();
    void reportsAnUnreadableFileAndKeepsTheRest();
    void refusesAPathItCannotWrite();

private:
    QString path(const QString& relative) const { return m_home.filePath(relative); }
    void write(const QString& relative, const QByteArray& content);

    QTemporaryDir m_home;
    TestPki m_pki;
    std::vector<std::unique_ptr<EnvironmentOverride>> m_environment;
};

namespace {

// Every secret the files below hold, as written and as the base64 `auth` field carries it.
const QList<QByteArray> secrets { "S3cret-docker", "S3cret-podman", "IdTok-4f1e9a", "Tok-kube-77c1" };

std::set<std::string> hostsOf(const gantry::model::Workspace& workspace)
{
    std::set<std::string> hosts;
    for (const auto& registry : workspace.registries) {
        if (registry.name != registry.host)
            return {};
        hosts.insert(registry.host);
    }
    return hosts;
}

} // namespace

void TestWorkspaceImport::write(const QString& relative, const QByteArray& content)
{
    QVERIFY(QDir().mkpath(QFileInfo(path(relative)).absolutePath()));
    QFile file(path(relative));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(content) == content.size());
}

void TestWorkspaceImport::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY2(m_pki.isValid(), qPrintable(m_pki.errorString()));
    const auto set = [this](const char* name, const QString& value) {
        m_environment.push_back(std::make_unique<EnvironmentOverride>(name, value.toUtf8()));
    };
    set("HOME", m_home.path());
    set("DOCKER_CONFIG", path(QStringLiteral("docker")));
    set("XDG_CONFIG_HOME", path(QStringLiteral("config")));
    set("XDG_RUNTIME_DIR", path(QStringLiteral("run")));
    set("KUBECONFIG", path(QStringLiteral("kube/config")) + QLatin1Char(':') + path(QStringLiteral("kube/missing")));
    m_environment.push_back(std::make_unique<EnvironmentOverride>("REGISTRY_AUTH_FILE", QByteArray()));

    const QByteArray dockerAuth = QByteArray("alice:S3cret-docker").toBase64();
    write(QStringLiteral("docker/config.json"), R"({"auths": {"registry.example.org": {"auth": ")" + dockerAuth + R"("},
                      "https://index.docker.io/v1/": {"username": "alice", "password": "S3cret-docker"},
                      "ghcr.io/team": {"identitytoken": "IdTok-4f1e9a"}},
            "credHelpers": {"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
            "credsStore": "desktop"})");
    write(QStringLiteral("config/containers/auth.json"),
        R"({"auths": {"quay.io": {"auth": ")" + QByteArray("bob:S3cret-podman").toBase64()
            + R"("}, "registry.example.org": {"auth": ")" + dockerAuth + R"("}}})");
    QFile ca(m_pki.caCertificatePath());
    QVERIFY(ca.open(QIODevice::ReadOnly));
    const QByteArray caPem = ca.readAll();
    write(QStringLiteral("kube/ca.crt"), caPem);
    write(QStringLiteral("kube/config"),
        "apiVersion: v1\nkind: Config\nclusters:\n"
        "- name: geneva\n  cluster:\n    server: https://api.geneva.example.org:6443\n"
        "    certificate-authority: ca.crt\n"
        "- name: zurich\n  cluster:\n    server: https://api.zurich.example.org:6443\n"
        "    certificate-authority-data: "
            + caPem.toBase64()
            + "\nusers:\n- name: robot\n  user:\n    token: Tok-kube-77c1\ncontexts:\n"
              "- name: prod-geneva\n  context:\n    cluster: geneva\n    user: robot\n"
              "    extensions:\n    - name: gantry\n      extension:\n        site: geneva\n"
              "        environment: production\n"
              "- name: prod-zurich\n  context:\n    cluster: zurich\n    user: robot\n");
}

void TestWorkspaceImport::findsRegistryHostsAndClusters()
{
    const auto found = importWorkspace();
    QVERIFY2(found.problems.empty(), found.problems.empty() ? "" : found.problems.front().c_str());
    const std::set<std::string> expected { "registry.example.org", "docker.io", "ghcr.io",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "quay.io" };
    QVERIFY(hostsOf(found.workspace) == expected);
    QCOMPARE(found.workspace.registries.size(), expected.size()); // registry.example.org once
    QCOMPARE(found.workspace.clusters.size(), 2u);
    const auto& geneva = found.workspace.clusters[0];
    QCOMPARE(geneva.name, "prod-geneva");
    QCOMPARE(geneva.server, "https://api.geneva.example.org:6443");
    QCOMPARE(geneva.site, "geneva");
    QCOMPARE(geneva.environment, "production");
    QCOMPARE(QString::fromStdString(geneva.caFile), path(QStringLiteral("kube/ca.crt")));
    const auto& zurich = found.workspace.clusters[1];
    QCOMPARE(zurich.name, "prod-zurich");
    QCOMPARE(zurich.site, "");
    QCOMPARE(zurich.caFile, ""); // inline data: no file to name
    QVERIFY(found.workspace.pipelines.empty());
}

void TestWorkspaceImport::savesNoCredential()
{
    const auto found = importWorkspace();
    const QString file = path(QStringLiteral("saved/nested/workspace.json"));
    const auto saved = saveWorkspace(found.workspace, file.toStdString());
    QVERIFY2(saved, saved ? "" : saved.error().message.c_str());
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray text = written.readAll();
    QVERIFY(text.contains("quay.io"));
    QVERIFY(text.contains("https://api.geneva.example.org:6443"));
    for (const QByteArray& secret : secrets) {
        QVERIFY2(!text.contains(secret), secret.constData());
        QVERIFY2(!text.contains(secret.toBase64()), secret.constData());
    }
    QVERIFY(!text.contains(QByteArray("alice:S3cret-docker").toBase64()));
    QVERIFY(!text.contains("alice"));
    QVERIFY(!text.contains("auth\""));
    QVERIFY(!text.contains("ecr-login"));

    const auto loaded = loadWorkspace(file.toStdString());
    QVERIFY2(loaded, why(loaded));
    QVERIFY(workspaceToJson(*loaded) == workspaceToJson(found.workspace));
    QVERIFY(hostsOf(*loaded) == hostsOf(found.workspace));
    QCOMPARE(loaded->clusters[0].caFile, found.workspace.clusters[0].caFile);
}

void TestWorkspaceImport::roundTripsTheExampleWorkspace()
{
    const auto example = loadWorkspace(GANTRY_SOURCE_DIR "/resources/workspaces/example.json");
    QVERIFY2(example, why(example));
    const QString file = path(QStringLiteral("roundtrip.json"));
    const auto saved = saveWorkspace(*example, file.toStdString());
    QVERIFY2(saved, saved ? "" : saved.error().message.c_str());
    const auto loaded = loadWorkspace(file.toStdString());
    QVERIFY2(loaded, why(loaded));
    QVERIFY(workspaceToJson(*loaded) == workspaceToJson(*example));
    // The writer is checked against the loader, not only against itself: spot checks on what was read.
    QCOMPARE(loaded->pipelines.size(), example->pipelines.size());
    const auto* webapp = loaded->pipeline("webapp");
    QVERIFY(webapp);
    const auto* original = example->pipeline("webapp");
    for (std::size_t i = 0; i < webapp->stages.size(); ++i) {
        const auto& stage = webapp->stages[i];
        QCOMPARE(stage.name, original->stages[i].name);
        QCOMPARE(stage.host, original->stages[i].host);
        QCOMPARE(stage.minimumSoak.count(), original->stages[i].minimumSoak.count());
        QCOMPARE(stage.freezes.size(), original->stages[i].freezes.size());
        QCOMPARE(stage.isProtected, original->stages[i].isProtected);
        QCOMPARE(stage.writesStableTags, original->stages[i].writesStableTags);
        QVERIFY(stage.floatingTags == original->stages[i].floatingTags);
        QCOMPARE(stage.retentionPolicy, original->stages[i].retentionPolicy);
    }
    QCOMPARE(webapp->stages.back().freezes.size(), 2u);
    QCOMPARE(loaded->retentionPolicies.size(), example->retentionPolicies.size());
    QCOMPARE(loaded->clusters.size(), example->clusters.size());
    QCOMPARE(loaded->certificateThresholds.criticalDays, example->certificateThresholds.criticalDays);
}

void TestWorkspaceImport::reportsAnUnreadableFileAndKeepsTheRest()
{
    ImportSources sources = ImportSources::fromEnvironment();
    write(QStringLiteral("broken/config.json"), "{\"auths\": [1, 2");
    sources.credentials.files.insert(sources.credentials.files.begin(),
        { path(QStringLiteral("broken/config.json")).toStdString(),
            gantry::registry::CredentialFileFormat::DockerConfig });
    const auto found = importWorkspace(sources);
    QCOMPARE(found.problems.size(), 1u);
    QVERIFY2(found.problems.front().find("broken/config.json") != std::string::npos, found.problems.front().c_str());
    QCOMPARE(found.workspace.registries.size(), 5u);
    QCOMPARE(found.workspace.clusters.size(), 2u);
}

void TestWorkspaceImport::refusesAPathItCannotWrite()
{
    write(QStringLiteral("a-file"), "x");
    const auto saved = saveWorkspace({}, path(QStringLiteral("a-file/workspace.json")).toStdString());
    QVERIFY(!saved);
    QVERIFY2(saved.error().message.find("a-file/workspace.json") != std::string::npos, saved.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestWorkspaceImport)
#include "tst_workspaceimport.moc"
