// The model's writes against a registry that lies or loses answers (a real
// registry behind the fault proxy, skopeo asking the registry itself): the
// dashboard's plans and retargets decide on digests hashed from manifests, and
// journal the outcome that is really there.
#include "model/policy/promotion.h"
#include "model/policy/recordedwrites.h"
#include "model/policy/unresolvedwrites.h"
#include "registry/image/registryclient.h"
#include "tests/model/journaltestkit.h"
#include "tests/support/lyingregistry.h"

#include <QTest>

using namespace gantry;
using namespace gantry::test;
using namespace Qt::StringLiterals;

class TestOutcomes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void plansDecideOnVerifiedDigests();
    void retargetTrustsNoHead();
    void retargetWithALostAnswerIsDone();
    void unfinishedWritesAreResolvedOnce();

private:
    model::PipelineConfig pipeline(const std::string& name) const;
    QString push(const QString& repository, const QString& tag, quint64 seed)
    {
        return m_lying.push(repository, tag, seed);
    }
    QString digestIn(const QString& reference) const { return m_lying.digestIn(reference); }

    LyingRegistry m_lying;
    std::unique_ptr<registry::RegistryClient> m_client;
    std::unique_ptr<TemporaryJournal> m_journal;
};

void TestOutcomes::initTestCase()
{
    QVERIFY2(m_lying.start(), qPrintable(m_lying.errorString()));
}

void TestOutcomes::init()
{
    QVERIFY2(m_lying.startProxy(), qPrintable(m_lying.errorString()));
    registry::ClientOptions options;
    options.tls = registry::TlsSettings();
    options.credentials = registry::CredentialSources {};
    options.retry.firstBackoff = std::chrono::milliseconds(20);
    m_client = std::make_unique<registry::RegistryClient>(std::move(options));
    m_journal = std::make_unique<TemporaryJournal>();
    QVERIFY(m_journal->isOpen());
}

void TestOutcomes::cleanup()
{
    m_client.reset();
    m_lying.stopProxy();
    m_journal.reset();
}

model::PipelineConfig TestOutcomes::pipeline(const std::string& name) const
{
    model::PipelineConfig config;
    config.name = name;
    for (const char* stageName : { "ff", "et", "prod" }) {
        model::StageConfig stage;
        stage.name = stageName;
        stage.registry = "lying";
        stage.host = m_lying.proxy().host().toStdString();
        stage.repository = name + "/" + stageName;
        config.stages.push_back(stage);
    }
    config.stages[2].floatingTags = { "prod" };
    return config;
}

void TestOutcomes::plansDecideOnVerifiedDigests()
{
    const auto config = pipeline("plans");
    const auto [wanted, other] = m_lying.pushWithStaleHead(u"plans/ff:1.0.0"_s, 1, u"plans/ff:2.0.0"_s, 2);
    QVERIFY(!wanted.isEmpty() && !other.isEmpty());

    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto facts = model::gatherPromotionFacts(*m_client, **m_journal, config, { "1.0.0", {}, {}, false }, now);
    QVERIFY2(facts, facts ? "" : facts.error().message.c_str());
    QVERIFY(facts->tagInStage[0]);
    QCOMPARE(QString::fromStdString(facts->tagInStage[0]->digest.str()), wanted);
}

void TestOutcomes::retargetTrustsNoHead()
{
    const auto config = pipeline("retarget");
    // The floating tag's HEAD claims it is at the target already: before, nothing
    // was written.
    const auto [old, wanted] = m_lying.pushWithStaleHead(u"retarget/prod:prod"_s, 4, u"retarget/prod:3.0.0"_s, 3);
    QVERIFY(!wanted.isEmpty() && !old.isEmpty());

    auto moved = model::retargetFloatingTag(*m_client, **m_journal, config, "prod", "prod", wanted.toStdString());
    QVERIFY2(moved, moved ? "" : moved.error().message.c_str());
    QCOMPARE(digestIn(u"retarget/prod:prod"_s), wanted);
    auto entries = (*m_journal)->entries();
    QVERIFY(entries);
    QCOMPARE(entries->size(), 2u);
    QCOMPARE(entries->back().outcome, std::string(model::journal::done));
    QCOMPARE(QString::fromStdString(entries->back().digestBefore), old);
}

void TestOutcomes::retargetWithALostAnswerIsDone()
{
    const auto config = pipeline("retarget-lost");
    const QString wanted = push(u"retarget-lost/prod"_s, u"3.0.0"_s, 5);
    QVERIFY(!push(u"retarget-lost/prod"_s, u"prod"_s, 6).isEmpty());
    m_lying.proxy().addRule({ .method = "PUT", .path = u"/prod/manifests/prod$"_s, .fault = Fault::DropAfterForward });

    auto moved = model::retargetFloatingTag(*m_client, **m_journal, config, "prod", "prod", wanted.toStdString());
    QVERIFY2(!m_lying.proxy().faults().isEmpty() && m_lying.proxy().faults().first().upstreamStatus == 201,
        "no PUT reached the registry");
    QVERIFY2(moved, moved ? "" : moved.error().message.c_str());
    QCOMPARE(digestIn(u"retarget-lost/prod:prod"_s), wanted);
    auto entries = (*m_journal)->entries();
    QVERIFY(entries);
    QCOMPARE(entries->back().outcome, std::string(model::journal::done));
    auto sightings = (*m_journal)->sightings(config.stages[2].reference().name());
    QVERIFY(sightings);
    QVERIFY(std::ranges::any_of(*sightings, [&](const model::TagSighting& sighting) {
        return sighting.present && sighting.digest == wanted.toStdString();
    }));
}

void TestOutcomes::unfinishedWritesAreResolvedOnce()
{
    const auto config = pipeline("unfinished");
    const QString landed = push(u"unfinished/et"_s, u"1.0.0"_s, 7);
    QVERIFY(!landed.isEmpty());
    // Two writes a killed process announced: one the registry has, one it never
    // got.
    model::JournalEntry entry;
    entry.action = std::string(model::journal::promote);
    entry.pipeline = "unfinished";
    entry.stage = "et";
    entry.repository = config.stages[1].reference().name();
    entry.tag = "1.0.0";
    entry.destination = config.stages[1].reference("1.0.0").toString();
    entry.digestAfter = landed.toStdString();
    QVERIFY(model::recordIntent(**m_journal, entry, "ci"));
    entry.tag = "2.0.0";
    entry.destination = config.stages[1].reference("2.0.0").toString();
    QVERIFY(model::recordIntent(**m_journal, entry, "ci"));

    auto resolved = model::resolveUnfinishedWrites(*m_client, **m_journal, "unfinished");
    QVERIFY2(resolved, resolved ? "" : resolved.error().message.c_str());
    QCOMPARE(resolved->size(), 2u);
    QCOMPARE((*resolved)[0].outcome, std::string(model::journal::done));
    QCOMPARE((*resolved)[0].digestAfter, landed.toStdString());
    QCOMPARE((*resolved)[1].outcome, std::string(model::journal::failed));
    auto seen = (*m_journal)->firstSeen(entry.repository, landed.toStdString());
    QVERIFY(seen && *seen);
    auto again = model::resolveUnfinishedWrites(*m_client, **m_journal, "unfinished");
    QVERIFY(again);
    QCOMPARE(again->size(), 0u);
    auto chain = (*m_journal)->verify();
    QVERIFY(chain && chain->intact);
}

QTEST_GUILESS_MAIN(TestOutcomes)
#include "tst_outcomes.moc"
