// Tag movements seen on refresh: the observations observe() chains into the journal, and the
// sightings behind first and last seen.
#include "model/journal/journal.h"
#include "tests/model/journaltestkit.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QTest>

using namespace gantry::model;
using gantry::registry::ErrorKind;
using gantry::registry::Timestamp;
using gantry::test::at;
using gantry::test::bytes;
using gantry::test::digestOf;
using gantry::test::kindName;
using gantry::test::row;
using gantry::test::TemporaryJournal;
using gantry::test::why;

namespace {

const std::string repository = "registry.example.com:5000/shop/prod";

// Refresh number `n`, an hour apart.
Timestamp refreshTime(int n)
{
    return at("2024-05-01T00:00:00Z") + std::chrono::hours(n);
}

// "prod=a 1.0.0=b": tags and the hex digit their digest repeats.
std::map<std::string, std::string> tagsFrom(const QByteArray& text)
{
    std::map<std::string, std::string> tags;
    for (const auto& pair : text.split(' ')) {
        const auto parts = pair.split('=');
        if (parts.size() == 2)
            tags[parts[0].toStdString()] = digestOf(parts[1].at(0));
    }
    return tags;
}

// "moved prod a b", with "-" for no digest: an observation in the tables' shorthand.
QByteArray shorthand(const JournalEntry& entry)
{
    const auto letter = [](const std::string& digest) { return digest.empty() ? '-' : digest.back(); };
    return bytes(entry.action) + ' ' + bytes(entry.tag) + ' ' + letter(entry.digestBefore) + ' '
        + letter(entry.digestAfter);
}

const TagSighting* findSighting(const std::vector<TagSighting>& sightings, const std::string& tag, char digit)
{
    for (const auto& sighting : sightings) {
        if (sighting.tag == tag && sighting.digest == digestOf(digit))
            return &sighting;
    }
    return nullptr;
}

} // namespace

class TestJournalObserve : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void arrivalIsKnownBetweenRefreshes();
    void recordsMovements_data();
    void recordsMovements();
    void observationsCarryTheirContext();
    void keepsFirstAndLastSeen();
    void firstSeenLooksAcrossTags();
    void gantrysOwnWritesAreNoMovement();
    void repositoriesAreSeparate();
    void refusesIncompleteSightings();
};

void TestJournalObserve::recordsMovements_data()
{
    QTest::addColumn<QByteArrayList>("refreshes");
    QTest::addColumn<QByteArrayList>("observations");

    using L = QByteArrayList;
    row("first refresh: every tag appears", L { "prod=a 1.0.0=a 1.0.1=b" },
        L { "appeared 1.0.0 - a", "appeared 1.0.1 - b", "appeared prod - a" });
    row("nothing changed", L { "prod=a", "prod=a", "prod=a" }, L { "appeared prod - a" });
    row("moved", L { "prod=a", "prod=b" }, L { "appeared prod - a", "moved prod a b" });
    row("moved back", L { "prod=a", "prod=b", "prod=a" },
        L { "appeared prod - a", "moved prod a b", "moved prod b a" });
    row("disappeared", L { "prod=a 1.0.0=a", "1.0.0=a" },
        L { "appeared 1.0.0 - a", "appeared prod - a", "disappeared prod a -" });
    row("came back at the same digest", L { "x=a", "", "x=a" },
        L { "appeared x - a", "disappeared x a -", "appeared x - a" });
    row("came back elsewhere", L { "x=a", "", "x=c" }, L { "appeared x - a", "disappeared x a -", "appeared x - c" });
    row("empty repository", L { "", "" }, L {});
    row("several at once", L { "a=1 b=2 c=3", "a=1 b=4 d=5" },
        L { "appeared a - 1", "appeared b - 2", "appeared c - 3", "moved b 2 4", "disappeared c 3 -",
            "appeared d - 5" });
}

void TestJournalObserve::recordsMovements()
{
    QFETCH(QByteArrayList, refreshes);
    QFETCH(QByteArrayList, observations);
    TemporaryJournal journal;
    QByteArrayList seen;
    for (int n = 0; n < refreshes.size(); ++n) {
        auto recorded = journal->observe("shop", "prod", repository, tagsFrom(refreshes[n]), refreshTime(n));
        QVERIFY2(recorded, why(recorded));
        for (const auto& entry : *recorded)
            seen.append(shorthand(entry));
    }
    QCOMPARE(seen, observations);

    // What observe() returned is what the journal holds, chained.
    auto stored = journal->entries();
    QVERIFY2(stored, why(stored));
    QByteArrayList storedShorthand;
    for (const auto& entry : *stored)
        storedShorthand.append(shorthand(entry));
    QCOMPARE(storedShorthand, observations);
    auto report = journal->verify();
    QVERIFY2(report, why(report));
    QVERIFY2(report->intact, report->problem.c_str());
}

void TestJournalObserve::observationsCarryTheirContext()
{
    TemporaryJournal journal;
    auto recorded = journal->observe("shop", "prod", repository, tagsFrom("prod=a"), refreshTime(3));
    QVERIFY2(recorded, why(recorded));
    QCOMPARE(recorded->size(), 1u);
    const auto& entry = recorded->front();
    QVERIFY(entry.isObservation());
    QCOMPARE(bytes(entry.action), QByteArray("appeared"));
    QCOMPARE(bytes(entry.outcome), QByteArray("observed"));
    QCOMPARE(bytes(entry.pipeline), QByteArray("shop"));
    QCOMPARE(bytes(entry.stage), QByteArray("prod"));
    QCOMPARE(bytes(entry.repository), bytes(repository));
    QCOMPARE(bytes(entry.digestAfter), bytes(digestOf('a')));
    QCOMPARE(entry.time, refreshTime(3));
    QVERIFY(!entry.actor.empty());
    QVERIFY(!entry.host.empty());
    QVERIFY(entry.id > 0);
    QCOMPARE(entry.hash.size(), 64u);
}

void TestJournalObserve::keepsFirstAndLastSeen()
{
    TemporaryJournal journal;
    for (const auto& [n, tags] :
        { std::pair { 0, "prod=a" }, { 1, "prod=a" }, { 2, "prod=b" }, { 3, "prod=b" }, { 4, "" }, { 5, "prod=a" } }) {
        auto recorded = journal->observe("shop", "prod", repository, tagsFrom(tags), refreshTime(n));
        QVERIFY2(recorded, why(recorded));
        auto sightings = journal->sightings(repository);
        QVERIFY2(sightings, why(sightings));
        const auto* a = findSighting(*sightings, "prod", 'a');
        const auto* b = findSighting(*sightings, "prod", 'b');
        if (n == 1) {
            QVERIFY(a && a->present && !b);
            QCOMPARE(a->firstSeen, refreshTime(0));
            QCOMPARE(a->lastSeen, refreshTime(1));
        } else if (n == 2) {
            // Moved: a keeps the last refresh that really saw it there.
            QVERIFY(a && !a->present && b && b->present);
            QCOMPARE(a->lastSeen, refreshTime(1));
            QCOMPARE(b->firstSeen, refreshTime(2));
            QCOMPARE(b->lastSeen, refreshTime(2));
        } else if (n == 4) {
            QVERIFY(a && !a->present && b && !b->present);
            QCOMPARE(b->lastSeen, refreshTime(3));
        } else if (n == 5) {
            // Back at a: its first sighting stays the first.
            QVERIFY(a && a->present && b && !b->present);
            QCOMPARE(a->firstSeen, refreshTime(0));
            QCOMPARE(a->lastSeen, refreshTime(5));
            QCOMPARE(sightings->size(), 2u);
        }
    }
}

void TestJournalObserve::firstSeenLooksAcrossTags()
{
    TemporaryJournal journal;
    QVERIFY(journal->observe("shop", "prod", repository, tagsFrom("1.0.0=a"), refreshTime(0)));
    QVERIFY(journal->observe(
        "shop", "prod", repository, tagsFrom("1.0.0=a 1.0.0-stable=a prod=a 1.0.1=b"), refreshTime(1)));
    QVERIFY(journal->observe("shop", "prod", repository, tagsFrom("prod=b"), refreshTime(2)));

    auto a = journal->firstSeen(repository, digestOf('a'));
    QVERIFY2(a, why(a));
    QCOMPARE(a->value_or(Timestamp {}), refreshTime(0));
    auto b = journal->firstSeen(repository, digestOf('b'));
    QVERIFY2(b, why(b));
    QCOMPARE(b->value_or(Timestamp {}), refreshTime(1));
    auto never = journal->firstSeen(repository, digestOf('f'));
    QVERIFY2(never, why(never));
    QVERIFY(!never->has_value());
    auto elsewhere = journal->firstSeen("registry.example.com:5000/shop/test", digestOf('a'));
    QVERIFY2(elsewhere, why(elsewhere));
    QVERIFY(!elsewhere->has_value());
}

void TestJournalObserve::gantrysOwnWritesAreNoMovement()
{
    TemporaryJournal journal;
    QVERIFY(journal->observe("shop", "prod", repository, tagsFrom("prod=a 1.0.0=a"), refreshTime(0)));
    // Gantry adds a -stable tag and retargets prod, recording both sightings as it writes.
    auto stable = journal->recordSighting(repository, "1.0.0-stable", digestOf('a'), refreshTime(1));
    QVERIFY2(stable, why(stable));
    auto retarget = journal->recordSighting(repository, "prod", digestOf('b'), refreshTime(1));
    QVERIFY2(retarget, why(retarget));

    auto recorded
        = journal->observe("shop", "prod", repository, tagsFrom("prod=b 1.0.0=a 1.0.0-stable=a"), refreshTime(2));
    QVERIFY2(recorded, why(recorded));
    QVERIFY(recorded->empty());

    auto sightings = journal->sightings(repository);
    QVERIFY2(sightings, why(sightings));
    const auto* stableSighting = findSighting(*sightings, "1.0.0-stable", 'a');
    QVERIFY(stableSighting && stableSighting->present);
    QCOMPARE(stableSighting->firstSeen, refreshTime(1));
    QCOMPARE(stableSighting->lastSeen, refreshTime(2));
    const auto* oldProd = findSighting(*sightings, "prod", 'a');
    QVERIFY(oldProd && !oldProd->present);
    auto b = journal->firstSeen(repository, digestOf('b'));
    QVERIFY2(b, why(b));
    QCOMPARE(b->value_or(Timestamp {}), refreshTime(1));
}

void TestJournalObserve::repositoriesAreSeparate()
{
    TemporaryJournal journal;
    QVERIFY(journal->observe("shop", "test", "r:5000/shop/test", tagsFrom("x=a"), refreshTime(0)));
    auto other = journal->observe("shop", "prod", "r:5000/shop/prod", {}, refreshTime(1));
    QVERIFY2(other, why(other));
    QVERIFY(other->empty());
    auto sightings = journal->sightings("r:5000/shop/test");
    QVERIFY2(sightings, why(sightings));
    QCOMPARE(sightings->size(), 1u);
    QVERIFY(sightings->front().present);
    QCOMPARE(bytes(sightings->front().repository), QByteArray("r:5000/shop/test"));
}

void TestJournalObserve::refusesIncompleteSightings()
{
    TemporaryJournal journal;
    auto observed
        = journal->observe("shop", "prod", repository, { { "good", digestOf('a') }, { "bad", "" } }, refreshTime(0));
    QVERIFY(!observed);
    QCOMPARE(kindName(observed.error().kind), kindName(ErrorKind::InvalidInput));
    auto recorded = journal->recordSighting(repository, "", digestOf('a'), refreshTime(0));
    QVERIFY(!recorded);
    QCOMPARE(kindName(recorded.error().kind), kindName(ErrorKind::InvalidInput));

    // Nothing was written.
    auto entries = journal->entries();
    QVERIFY2(entries, why(entries));
    QVERIFY(entries->empty());
    auto sightings = journal->sightings(repository);
    QVERIFY2(sightings, why(sightings));
    QVERIFY(sightings->empty());
}

void TestJournalObserve::arrivalIsKnownBetweenRefreshes()
{
    TemporaryJournal journal;
    // What the first refresh finds was there before Gantry watched: when it came is unknown.
    QVERIFY(journal->observe("shop", "ff", repository, tagsFrom("1.0.0=a"), refreshTime(0)));
    const auto before = journal->arrival(repository, digestOf('a'));
    QVERIFY2(before, why(before));
    QVERIFY(*before);
    QCOMPARE((*before)->latest, refreshTime(0));
    QVERIFY(!(*before)->earliest);
    // What a later refresh finds came in between.
    QVERIFY(journal->observe("shop", "ff", repository, tagsFrom("1.0.0=a 1.0.1=b"), refreshTime(1)));
    const auto between = journal->arrival(repository, digestOf('b'));
    QVERIFY(between && *between && (*between)->earliest);
    QCOMPARE(*(*between)->earliest, refreshTime(0));
    QCOMPARE((*between)->latest, refreshTime(1));
    // Gantry's own write is exact, and a refresh after it changes nothing.
    const auto written = refreshTime(1) + std::chrono::seconds(30);
    QVERIFY(journal->recordSighting(repository, "1.0.2", digestOf('c'), written));
    QVERIFY(journal->observe("shop", "ff", repository, tagsFrom("1.0.0=a 1.0.1=b 1.0.2=c"), refreshTime(2)));
    const auto exact = journal->arrival(repository, digestOf('c'));
    QVERIFY(exact && *exact && (*exact)->earliest);
    QCOMPARE(*(*exact)->earliest, written);
    QCOMPARE((*exact)->latest, written);
    QVERIFY(!*journal->arrival(repository, digestOf('d')));
}

QTEST_GUILESS_MAIN(TestJournalObserve)
#include "tst_journalobserve.moc"
