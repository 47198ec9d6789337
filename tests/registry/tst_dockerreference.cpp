// Docker's grammar, by Docker's own tests: the valid and invalid cases of distribution/reference
// (reference_test.go and normalize_test.go, github.com/distribution/reference at 0965666), one row per
// case, run through Reference::parse and Reference::parseRepository.
//
// Reference::parse is Docker's ParseNormalizedNamed (what `docker pull` parses), so the rows of
// reference_test.go, written for the unnormalised Parse, carry their normalised parts: no domain means
// docker.io, a single Docker Hub component gets library/, and a first component without '.' or ':'
// that is not localhost is part of the path (Parse reads `foo/foo_bar.com` with the domain `foo`,
// ParseNormalizedNamed as docker.io/foo/foo_bar.com). Where Gantry differs from Docker on purpose,
// the row names the difference, and the difference is listed in registry/image/reference.h.
#include "registry/image/reference.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QFile>
#include <QTest>

using gantry::registry::ErrorKind;
using gantry::registry::Reference;
using gantry::test::bytes;
using gantry::test::kindName;
using gantry::test::str;

namespace {

const QByteArray ff64 = QByteArray("f").repeated(64);
const QByteArray digestFF = "sha256:" + ff64;
const QByteArray digestDbcc = "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
const QByteArray digestE669 = "sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582";
const QByteArray digest86e0 = "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
const QByteArray imageId = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";

constexpr int accepted = -1; // the "kind" of a row Gantry accepts

// "Parse: test:5000/repo", shortened when Docker's input is long.
QByteArray rowName(const char* table, const QByteArray& input)
{
    const QByteArray shown
        = input.size() <= 48 ? input : input.left(40) + "…(" + QByteArray::number(input.size()) + " characters)";
    return QByteArray(table) + ": " + shown;
}

void addRow(const char* table, const QByteArray& input, const char* docker, int kind, const char* registry,
    const char* repository, const QByteArray& tag, const QByteArray& digest, const char* difference)
{
    QTest::newRow(rowName(table, input).constData())
        << input << QByteArray(docker) << kind << QByteArray(registry) << QByteArray(repository) << tag << digest
        << QByteArray(difference);
}

// Docker accepts it, and so does Gantry, with these parts. `tag` and `digest` are Docker's: with
// neither, Gantry's tag is `latest`.
void same(const char* table, const QByteArray& input, const char* registry, const char* repository,
    const QByteArray& tag = {}, const QByteArray& digest = {})
{
    addRow(table, input, "ok", accepted, registry, repository, tag, digest, "");
}

// Docker refuses it with `dockerError`, and so does Gantry, as `kind`.
void refused(
    const char* table, const QByteArray& input, const char* dockerError, ErrorKind kind = ErrorKind::InvalidInput)
{
    addRow(table, input, dockerError, int(kind), "", "", {}, {}, "");
}

// Docker accepts it; Gantry refuses it for the reason reference.h lists as `difference`.
void gantryRefuses(const char* table, const QByteArray& input, const char* difference)
{
    addRow(table, input, "ok", int(ErrorKind::InvalidInput), "", "", {}, {}, difference);
}

// Docker accepts it, and so does Gantry, reading other parts for the reason reference.h lists.
void gantryReads(const char* table, const QByteArray& input, const char* difference, const char* registry,
    const char* repository, const QByteArray& tag, const QByteArray& digest = {})
{
    addRow(table, input, "ok", accepted, registry, repository, tag, digest, difference);
}

void addColumns()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("docker"); // "ok", or the error Docker's test expects
    QTest::addColumn<int>("kind"); // accepted, or Gantry's ErrorKind
    QTest::addColumn<QByteArray>("registry");
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("digest");
    QTest::addColumn<QByteArray>("difference"); // empty: Gantry does what Docker does
}

const QByteArray& referenceHeader()
{
    static const QByteArray text = [] {
        QFile file(QStringLiteral(GANTRY_SOURCE_DIR "/registry/image/reference.h"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return text;
}

} // namespace

class TestDockerReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesLikeDocker_data();
    void parsesLikeDocker();
    void namesLikeDocker_data();
    void namesLikeDocker();
    void validatesComponentsLikeDocker();
};

void TestDockerReference::parsesLikeDocker_data()
{
    addColumns();

    // reference_test.go, TestReferenceParse (Parse, read here as ParseNormalizedNamed: see the top)
    const char* t = "Parse";
    same(t, "test_com", "docker.io", "library/test_com");
    same(t, "test.com:tag", "docker.io", "library/test.com", "tag");
    gantryRefuses(t, "test.com:5000", "host:port without a path");
    same(t, "test.com/repo:tag", "test.com", "repo", "tag");
    same(t, "test:5000/repo", "test:5000", "repo");
    same(t, "test:5000/repo:tag", "test:5000", "repo", "tag");
    same(t, "test:5000/repo@" + digestFF, "test:5000", "repo", {}, digestFF);
    same(t, "test:5000/repo:tag@" + digestFF, "test:5000", "repo", "tag", digestFF);
    // (Docker lists test:5000/repo twice.)
    refused(t, "", "ErrNameEmpty");
    refused(t, ":justtag", "ErrReferenceInvalidFormat");
    refused(t, "@" + digestFF, "ErrReferenceInvalidFormat");
    refused(t, "repo@sha256:" + QByteArray("f").repeated(34), "ErrDigestInvalidLength");
    refused(t, "validname@invaliddigest:" + ff64, "ErrDigestUnsupported", ErrorKind::Unsupported);
    refused(t, "validname@sha512:" + ff64 + ff64, "ErrDigestUnsupported", ErrorKind::Unsupported);
    refused(t, "Uppercase:tag", "ErrNameContainsUppercase");
    refused(t, "test:5000/Uppercase/lowercase:tag", "ErrNameContainsUppercase");
    same(t, "lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase");
    refused(t, "domain/" + QByteArray("a").repeated(256) + ":tag", "ErrNameTooLong");
    // 255 characters of path: Docker counts the path alone, not the registry host.
    const QByteArray path255 = QByteArray("a/").repeated(127) + "a";
    same(t, path255 + ":tag-puts-this-over-max", "docker.io", path255.constData(), "tag-puts-this-over-max");
    refused(t, "aa/asdf$$^/aa", "ErrReferenceInvalidFormat");
    same(t, "sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "bar/baz/quux");
    same(t, "sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag");
    same(t, "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app",
        "test.example.com");
    same(t, "xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com");
    same(t, "xn--7o8h.com/myimage:xn--7o8h.com@" + digestFF, "xn--7o8h.com", "myimage", "xn--7o8h.com", digestFF);
    gantryRefuses(t, "foo_bar.com:8080", "host:port without a path");
    same(t, "foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080");
    same(t, "192.168.1.1", "docker.io", "library/192.168.1.1");
    same(t, "192.168.1.1:tag", "docker.io", "library/192.168.1.1", "tag");
    gantryRefuses(t, "192.168.1.1:5000", "host:port without a path");
    same(t, "192.168.1.1/repo", "192.168.1.1", "repo");
    same(t, "192.168.1.1:5000/repo", "192.168.1.1:5000", "repo");
    same(t, "192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050");
    refused(t, "[2001:db8::1]", "ErrReferenceInvalidFormat");
    refused(t, "[2001:db8::1]:5000", "ErrReferenceInvalidFormat");
    refused(t, "[2001:db8::1]:tag", "ErrReferenceInvalidFormat");
    same(t, "[2001:db8::1]/repo", "[2001:db8::1]", "repo");
    same(t, "[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag");
    same(t, "[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "repo");
    same(t, "[2001:db8::1]:5000/repo:tag", "[2001:db8::1]:5000", "repo", "tag");
    same(t, "[2001:db8::1]:5000/repo@" + digestFF, "[2001:db8::1]:5000", "repo", {}, digestFF);
    same(t, "[2001:db8::1]:5000/repo:tag@" + digestFF, "[2001:db8::1]:5000", "repo", "tag", digestFF);
    same(t, "[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo");
    same(t, "[::1]:5000/repo", "[::1]:5000", "repo");
    refused(t, "[fe80::1%eth0]:5000/repo", "ErrReferenceInvalidFormat");
    refused(t, "[fe80::1%@invalidzone]:5000/repo", "ErrReferenceInvalidFormat");
    const QByteArray a255 = QByteArray("a").repeated(255);
    same(t, "example.com/" + a255 + ":tag", "example.com", a255.constData(), "tag");

    // reference_test.go, TestSerialization (its valid values)
    t = "Serialization";
    same(t, "example.com:8000/named", "example.com:8000", "named");
    same(t, "example.com:8000/named:tagged", "example.com:8000", "named", "tagged");
    const QByteArray digest1234 = "sha256:1234567890098765432112345667890098765432112345667890098765432112";
    same(t, "other.com/named@" + digest1234, "other.com", "named", {}, digest1234);

    // normalize_test.go, TestValidateReferenceName
    t = "ValidateReferenceName";
    same(t, "docker/docker", "docker.io", "docker/docker");
    same(t, "library/debian", "docker.io", "library/debian");
    same(t, "debian", "docker.io", "library/debian");
    same(t, "localhost/library/debian", "localhost", "library/debian");
    same(t, "localhost/debian", "localhost", "debian");
    gantryRefuses(t, "LOCALDOMAIN/library/debian", "upper-case host");
    gantryRefuses(t, "LOCALDOMAIN/debian", "upper-case host");
    same(t, "docker.io/docker/docker", "docker.io", "docker/docker");
    same(t, "docker.io/library/debian", "docker.io", "library/debian");
    same(t, "docker.io/debian", "docker.io", "library/debian");
    same(t, "index.docker.io/docker/docker", "docker.io", "docker/docker");
    same(t, "index.docker.io/library/debian", "docker.io", "library/debian");
    same(t, "index.docker.io/debian", "docker.io", "library/debian");
    same(t, "127.0.0.1:5000/docker/docker", "127.0.0.1:5000", "docker/docker");
    same(t, "127.0.0.1:5000/library/debian", "127.0.0.1:5000", "library/debian");
    same(t, "127.0.0.1:5000/debian", "127.0.0.1:5000", "debian");
    same(t, "192.168.0.1", "docker.io", "library/192.168.0.1");
    gantryRefuses(t, "192.168.0.1:80", "host:port without a path");
    same(t, "192.168.0.1:8/debian", "192.168.0.1:8", "debian");
    same(t, "192.168.0.2:25000/debian", "192.168.0.2:25000", "debian");
    const char* song = "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev";
    same(t, song, "docker.io", (QByteArray("library/") + song).constData());
    same(t, "[fc00::1]:5000/docker", "[fc00::1]:5000", "docker");
    same(t, "[fc00::1]:5000/docker/docker", "[fc00::1]:5000", "docker/docker");
    same(t, "[fc00:1:2:3:4:5:6:7]:5000/library/debian", "[fc00:1:2:3:4:5:6:7]:5000", "library/debian");
    same(t, "docker.io/" + imageId, "docker.io", ("library/" + imageId).constData());
    gantryRefuses(t, "Docker/docker", "upper-case host");
    gantryRefuses(t, "DOCKER/docker", "upper-case host");
    refused(t, "https://github.com/docker/docker", "invalid");
    refused(t, "docker/Docker", "invalid");
    refused(t, "-docker", "invalid");
    refused(t, "-docker/docker", "invalid");
    refused(t, "-docker.io/docker/docker", "invalid");
    refused(t, "docker///docker", "invalid");
    refused(t, "docker.io/docker/Docker", "invalid");
    refused(t, "docker.io/docker///docker", "invalid");
    refused(t, "[fc00::1]", "invalid");
    refused(t, "[fc00::1]:5000", "invalid");
    refused(t, "fc00::1:5000/debian", "invalid");
    refused(t, "[fe80::1%eth0]:5000/debian", "invalid");
    refused(t, "[2001:db8:3:4::192.0.2.33]:5000/debian", "invalid");
    refused(t, imageId, "invalid");

    // normalize_test.go, TestValidateRemoteName (the cases not already above)
    t = "ValidateRemoteName";
    same(t, "docker-rules/docker", "docker.io", "docker-rules/docker");
    same(t, "docker---rules/docker", "docker.io", "docker---rules/docker");
    same(t, "doc/docker", "docker.io", "doc/docker");
    same(t, "d/docker", "docker.io", "d/docker");
    same(t, "jess/t", "docker.io", "jess/t");
    same(t, "dock__er/docker", "docker.io", "dock__er/docker");
    refused(t, "docker-/docker", "invalid");
    refused(t, "-docker-/docker", "invalid");
    refused(t, "____/____", "invalid");
    refused(t, "_docker/_docker", "invalid");
    refused(t, "dock..er/docker", "invalid");
    refused(t, "dock_.er/docker", "invalid");
    refused(t, "dock-.er/docker", "invalid");
    refused(t, "docker/", "invalid");
    refused(t,
        "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_"
        "its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_"
        "not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker",
        "invalid");

    // normalize_test.go, TestParseRepositoryInfo: the familiar, full and ambiguous names of each case
    t = "ParseRepositoryInfo";
    same(t, "localhost/fooo", "localhost", "fooo");
    same(t, "localhost/fooo/bar", "localhost", "fooo/bar");
    gantryRefuses(t, "LOCALDOMAIN/fooo", "upper-case host");
    gantryRefuses(t, "LOCALDOMAIN/fooo/bar", "upper-case host");
    for (const char* name : { "fooo/bar", "docker.io/fooo/bar", "index.docker.io/fooo/bar" })
        same(t, name, "docker.io", "fooo/bar");
    for (const char* name : { "ubuntu", "docker.io/library/ubuntu", "library/ubuntu" })
        same(t, name, "docker.io", "library/ubuntu");
    for (const char* name : { "nonlibrary/ubuntu", "docker.io/nonlibrary/ubuntu" })
        same(t, name, "docker.io", "nonlibrary/ubuntu");
    for (const char* name : { "other/library", "docker.io/other/library" })
        same(t, name, "docker.io", "other/library");
    same(t, "127.0.0.1:8000/private/moonbase", "127.0.0.1:8000", "private/moonbase");
    same(t, "127.0.0.1:8000/privatebase", "127.0.0.1:8000", "privatebase");
    same(t, "example.com/private/moonbase", "example.com", "private/moonbase");
    same(t, "example.com/privatebase", "example.com", "privatebase");
    same(t, "example.com:8000/private/moonbase", "example.com:8000", "private/moonbase");
    same(t, "example.com:8000/privatebasee", "example.com:8000", "privatebasee");
    for (const char* name :
        { "ubuntu-12.04-base", "docker.io/library/ubuntu-12.04-base", "index.docker.io/library/ubuntu-12.04-base" })
        same(t, name, "docker.io", "library/ubuntu-12.04-base");
    for (const char* name : { "foo", "docker.io/library/foo", "docker.io/foo" })
        same(t, name, "docker.io", "library/foo");
    for (const char* name : { "library/foo/bar", "docker.io/library/foo/bar" })
        same(t, name, "docker.io", "library/foo/bar");
    for (const char* name : { "store/foo/bar", "docker.io/store/foo/bar" })
        same(t, name, "docker.io", "store/foo/bar");
    gantryRefuses(t, "Foo/bar", "upper-case host");
    gantryRefuses(t, "FOO/bar", "upper-case host");

    // normalize_test.go, TestParseReferenceWithTagAndDigest and TestInvalidReferenceComponents
    t = "ParseReferenceWithTagAndDigest";
    same(t, "busybox:latest@" + digest86e0, "docker.io", "library/busybox", "latest", digest86e0);
    t = "InvalidReferenceComponents";
    refused(t, "-foo", "invalid");

    // normalize_test.go, TestParseAnyReference
    t = "ParseAnyReference";
    same(t, "redis", "docker.io", "library/redis");
    same(t, "redis:latest", "docker.io", "library/redis", "latest");
    same(t, "docker.io/library/redis:latest", "docker.io", "library/redis", "latest");
    same(t, "redis@" + digestDbcc, "docker.io", "library/redis", {}, digestDbcc);
    same(t, "docker.io/library/redis@" + digestDbcc, "docker.io", "library/redis", {}, digestDbcc);
    same(t, "dmcgowan/myapp", "docker.io", "dmcgowan/myapp");
    same(t, "dmcgowan/myapp:latest", "docker.io", "dmcgowan/myapp", "latest");
    same(t, "docker.io/mcgowan/myapp:latest", "docker.io", "mcgowan/myapp", "latest");
    same(t, "dmcgowan/myapp@" + digestDbcc, "docker.io", "dmcgowan/myapp", {}, digestDbcc);
    same(t, "docker.io/dmcgowan/myapp@" + digestDbcc, "docker.io", "dmcgowan/myapp", {}, digestDbcc);
    gantryRefuses(t, digestDbcc.mid(7), "no digest-only references");
    // ParseAnyReference reads a digest alone; ParseNormalizedNamed, like Gantry, a name and a tag.
    gantryReads(t, digestDbcc, "no digest-only references", "docker.io", "library/sha256", digestDbcc.mid(7));
    const QByteArray hex63 = digestDbcc.mid(7, 63);
    same(t, hex63, "docker.io", ("library/" + hex63).constData());
    same(t, "dbcc1", "docker.io", "library/dbcc1");

    // normalize_test.go, TestParseDockerRef (Docker's expected output is the canonical form)
    t = "ParseDockerRef";
    for (const char* name : { "busybox", "library/busybox", "docker.io/busybox", "docker.io/library/busybox" })
        same(t, name, "docker.io", "library/busybox");
    for (const char* name :
        { "busybox:latest", "docker.io/busybox:latest", "library/busybox:latest", "docker.io/library/busybox:latest" })
        same(t, name, "docker.io", "library/busybox", "latest");
    same(t, "busybox@" + digestE669, "docker.io", "library/busybox", {}, digestE669);
    same(t, "gcr.io/library/busybox", "gcr.io", "library/busybox");
    gantryReads(t, "gcr.io/library/busybox:latest@" + digestE669, "pinned form keeps its tag", "gcr.io",
        "library/busybox", "latest", digestE669);
}

void TestDockerReference::parsesLikeDocker()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, docker);
    QFETCH(int, kind);
    QFETCH(QByteArray, registry);
    QFETCH(QByteArray, repository);
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, digest);
    QFETCH(QByteArray, difference);

    if (difference.isEmpty())
        QCOMPARE(kind == accepted, docker == "ok"); // the table itself: no silent difference
    else
        QVERIFY2(referenceHeader().contains("[" + difference + "]"), "reference.h does not list the difference");

    const auto parsed = Reference::parse(str(input));
    const auto name = Reference::parseRepository(str(input));
    if (kind != accepted) {
        QVERIFY2(!parsed, parsed ? parsed->toString().c_str() : "");
        QCOMPARE(kindName(parsed.error().kind), kindName(ErrorKind(kind)));
        QVERIFY(!name);
        return;
    }
    QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(bytes(parsed->registry), registry);
    QCOMPARE(bytes(parsed->repository), repository);
    const bool isName = tag.isEmpty() && digest.isEmpty();
    QCOMPARE(bytes(parsed->tag), isName ? QByteArray("latest") : tag);
    QCOMPARE(bytes(parsed->digest), digest);
    const auto again = Reference::parse(parsed->toString());
    QVERIFY(again && *again == *parsed);

    // Docker's names (neither tag nor digest) are repository names too.
    QCOMPARE(name.has_value(), isName);
    if (name)
        QCOMPARE(bytes(name->name()), registry + '/' + repository);
}

void TestDockerReference::namesLikeDocker_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("name"); // empty: refused, as Docker refuses it

    // reference_test.go, TestWithNameFailure
    for (const QByteArray& input : { QByteArray(), QByteArray(":justtag"), "@" + digestFF,
             "validname@invaliddigest:" + ff64, QByteArray("example.com/repo:tag"),
             "example.com/" + QByteArray("a").repeated(256), QByteArray("aa/asdf$$^/aa") })
        QTest::newRow(rowName("WithNameFailure", input).constData()) << input << QByteArray();
    // reference_test.go, TestDomainAndPath; normalize_test.go, TestNormalizedSplitHostname
    const auto named = [](const char* table, const char* input, const char* name) {
        QTest::newRow(rowName(table, input).constData()) << QByteArray(input) << QByteArray(name);
    };
    named("DomainAndPath", "test.com/foo", "test.com/foo");
    named("DomainAndPath", "test_com/foo", "docker.io/test_com/foo");
    named("DomainAndPath", "test:8080/foo", "test:8080/foo");
    named("DomainAndPath", "test.com:8080/foo", "test.com:8080/foo");
    named("DomainAndPath", "test-com:8080/foo", "test-com:8080/foo");
    named("DomainAndPath", "xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo");
    const char* t = "NormalizedSplitHostname";
    named(t, "docker/migrator", "docker.io/docker/migrator");
    named(t, "foo", "docker.io/library/foo");
    named(t, "xn--n3h.com/foo", "xn--n3h.com/foo");
    named(t, "docker.io/foo", "docker.io/library/foo");
    named(t, "docker.io/library/foo", "docker.io/library/foo");
    named(t, "docker.io/library/foo/bar", "docker.io/library/foo/bar");
}

void TestDockerReference::namesLikeDocker()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, name);
    const auto parsed = Reference::parseRepository(str(input));
    if (name.isEmpty()) {
        QVERIFY2(!parsed, parsed ? parsed->name().c_str() : "");
        return;
    }
    QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(bytes(parsed->name()), name);
}

void TestDockerReference::validatesComponentsLikeDocker()
{
    // normalize_test.go, TestInvalidReferenceComponents
    QVERIFY(!gantry::registry::isValidTag("-foo"));
    QVERIFY(!gantry::registry::isValidDigest("foo"));
    // reference_test.go, TestWithTag: tags of any case
    for (const char* tag : { "tag", "tag2", "tag4", "TAG5", "latest" })
        QVERIFY2(gantry::registry::isValidTag(tag), tag);
}

QTEST_GUILESS_MAIN(TestDockerReference)
#include "tst_dockerreference.moc"
