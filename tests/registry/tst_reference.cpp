#include "registry/image/reference.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QTest>
#include <type_traits>

using gantry::registry::ErrorKind;
using gantry::registry::Reference;
using gantry::test::bytes;
using gantry::test::kindName;
using gantry::test::row;
using gantry::test::str;

namespace {

const QByteArray kDigest = QByteArray("sha256:") + QByteArray("0123456789abcdef").repeated(4);

} // namespace

class TestReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidReferences_data();
    void parsesValidReferences();
    void rejectsMalformedReferences_data();
    void rejectsMalformedReferences();
    void escapesControlBytesInMessages();
    void boundsMessagesForHugeInput();
    void parsesRepositories_data();
    void parsesRepositories();
    void validatesTags_data();
    void validatesTags();
    void validatesRepositoryPaths_data();
    void validatesRepositoryPaths();
    void validatesDigests_data();
    void validatesDigests();
    void derivesReferences();
};

void TestReference::parsesValidReferences_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("registry");
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("digest");

    const QByteArray d = kDigest;
    // Docker Hub defaults
    row("official", "alpine", "docker.io", "library/alpine", "latest", "");
    row("official tag", "alpine:3.19", "docker.io", "library/alpine", "3.19", "");
    row("library explicit", "library/alpine", "docker.io", "library/alpine", "latest", "");
    row("hub namespace", "team/app", "docker.io", "team/app", "latest", "");
    row("docker.io single", "docker.io/x", "docker.io", "library/x", "latest", "");
    row("docker.io namespace", "docker.io/team/x:1", "docker.io", "team/x", "1", "");
    row("index.docker.io", "index.docker.io/library/x", "docker.io", "library/x", "latest", "");
    row("index.docker.io single", "index.docker.io/x", "docker.io", "library/x", "latest", "");
    row("Docker.IO upper host", "Docker.IO/x", "docker.io", "library/x", "latest", "");
    // Docker compatibility: without a '/' nothing is a host, dots and ports included
    row("dotted hub name", "foo.bar", "docker.io", "library/foo.bar", "latest", "");
    row("dotted hub name, tag", "a.b:tag", "docker.io", "library/a.b", "tag", "");
    row("numeric tag", "alpine:5000", "docker.io", "library/alpine", "5000", "");
    row("localhost alone is a hub name", "localhost", "docker.io", "library/localhost", "latest", "");
    // Hosts
    row("localhost", "localhost/x", "localhost", "x", "latest", "");
    row("localhost port nested", "localhost:5000/a/b:1.2.3", "localhost:5000", "a/b", "1.2.3", "");
    row("LOCALHOST", "LOCALHOST:5000/a", "localhost:5000", "a", "latest", "");
    row("host lower-cased", "Registry.Example.COM/team/app", "registry.example.com", "team/app", "latest",
        QByteArray());
    row("ipv4 digest", QByteArray("127.0.0.1:5000/x@" + d), "127.0.0.1:5000", "x", "", d);
    row("tag and digest", QByteArray("ghcr.io/org/app:1.0@" + d), "ghcr.io", "org/app", "1.0", d);
    row("hub digest", QByteArray("alpine@" + d), "docker.io", "library/alpine", "", d);
    row("ipv6 port", "[::1]:5000/x:y", "[::1]:5000", "x", "y", "");
    row("ipv6 no port", "[::1]/x", "[::1]", "x", "latest", "");
    row("ipv6 upper", "[2001:DB8::1]:443/x", "[2001:db8::1]:443", "x", "latest", "");
    row("single-label host with port", "registry:5000/x", "registry:5000", "x", "latest", "");
    row("dashed host", "my-registry.local:65535/x", "my-registry.local:65535", "x", "latest", "");
    row("deep path, rich tag", "a.b/c/d/e:f_g.h-i", "a.b", "c/d/e", "f_g.h-i", "");
    // Path separators: one '.', one or two '_', any number of '-'
    row("separators", "h.io/a.b/c_d/e__f/g-h/i---j/k0", "h.io", "a.b/c_d/e__f/g-h/i---j/k0", "latest", "");
    row("digits", "h.io/0/1a", "h.io", "0/1a", "latest", "");
    // Tags: letters of any case, '_' first, up to 128
    row("tag upper", "x.io/a:V1.0-RC", "x.io", "a", "V1.0-RC", "");
    row("tag underscore first", "x.io/a:_x", "x.io", "a", "_x", "");
    const QByteArray tag128 = QByteArray("t").repeated(128);
    row("tag 128", QByteArray("x.io/a:" + tag128), "x.io", "a", tag128, "");
    // 255 characters of path, as Docker counts: the registry host does not count, library/ does
    const QByteArray path255 = QByteArray("a").repeated(255);
    row("path 255", QByteArray("h.io/" + path255), "h.io", path255, "latest", "");
    const QByteArray hub247 = QByteArray("a").repeated(247);
    row("hub path 255", hub247, "docker.io", QByteArray("library/" + hub247), "latest", "");
    // A port's leading zeros, which Docker allows, are kept as written
    row("port leading zeros", "localhost:005000/x", "localhost:005000", "x", "latest", "");
    row("port 65535 with zeros", "a.io:0065535/x", "a.io:0065535", "x", "latest", "");
}

void TestReference::parsesValidReferences()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, registry);
    QFETCH(QByteArray, repository);
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, digest);

    const auto parsed = Reference::parse(str(input));
    QVERIFY2(parsed.has_value(), parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(bytes(parsed->registry), registry);
    QCOMPARE(bytes(parsed->repository), repository);
    QCOMPARE(bytes(parsed->tag), tag);
    QCOMPARE(bytes(parsed->digest), digest);

    // The canonical form parses back to the same value and prints itself.
    const std::string canonical = parsed->toString();
    QCOMPARE(bytes(canonical),
        registry + '/' + repository + (tag.isEmpty() ? QByteArray() : ':' + tag)
            + (digest.isEmpty() ? QByteArray() : '@' + digest));
    const auto again = Reference::parse(canonical);
    QVERIFY(again.has_value());
    QVERIFY(*again == *parsed);
    QCOMPARE(bytes(again->toString()), bytes(canonical));
    QCOMPARE(bytes(parsed->name()), registry + '/' + repository);
}

void TestReference::rejectsMalformedReferences_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QByteArray>("hint"); // a word the message must contain

    const QByteArray hex64 = QByteArray("0123456789abcdef").repeated(4);
    const auto invalid = ErrorKind::InvalidInput;
    row("empty", "", invalid, "empty");
    row(":tag", ":tag", invalid, "no repository name");
    row("@digest only", QByteArray("@" + kDigest), invalid, "no repository name");
    row("UPPER/case", "UPPER/case", invalid, "lower-case");
    row("Alpine", "Alpine", invalid, "lower-case");
    row("upper path under host", "ghcr.io/team/App:1", invalid, "\"team/app\"");
    row("a//b", "a//b", invalid, "empty component");
    row("a/", "a/", invalid, "empty component");
    row("/a", "/a", invalid, "empty component");
    row("-a", "-a", invalid, "start and end");
    row("a-", "a-", invalid, "start and end");
    row("_a", "_a", invalid, "start and end");
    row("a..b", "a..b", invalid, "separator");
    row("a___b", "a___b", invalid, "separator");
    row("a._b", "a._b", invalid, "separator");
    row("a-.b", "a-.b", invalid, "separator");
    row("bad path char", "h.io/a+b", invalid, "\"+\"");
    row("empty tag", "a:", invalid, "nothing follows ':'");
    row("tag 129", QByteArray("a:" + QByteArray("t").repeated(129)), invalid, "at most 128");
    row("tag starts with .", "a:.tag", invalid, "must start");
    row("tag starts with -", "a:-tag", invalid, "must start");
    row("tag bad char", "a:ta+g", invalid, "\"+\"");
    row("two tags", "a:b:c", invalid, "\":\"");
    row("sha256:short", "a@sha256:short", invalid, "malformed");
    row("sha256 63", QByteArray("a@sha256:" + hex64.left(63)), invalid, "malformed");
    row("sha256 upper hex", QByteArray("a@sha256:" + hex64.toUpper()), invalid, "lower-case hex");
    row("digest no colon", "a@sha256", invalid, "malformed");
    row("digest bad algorithm", QByteArray("a@1sha:" + hex64), invalid, "malformed");
    row("digest then tag", QByteArray("a@" + kDigest + ":t"), invalid, "malformed");
    row("md5", QByteArray("a@md5:" + hex64.left(32)), ErrorKind::Unsupported, "unsupported digest algorithm");
    row("sha512", QByteArray("a@sha512:" + hex64 + hex64), ErrorKind::Unsupported, "unsupported digest algorithm");
    row("trailing @", "a@", invalid, "nothing follows '@'");
    row("double @", QByteArray("a@@" + kDigest), invalid, "malformed");
    row("inner space", "alp ine", invalid, "whitespace");
    row("leading space", " alpine", invalid, "whitespace");
    row("trailing space", "alpine ", invalid, "whitespace");
    row("non-ASCII", "alp\xc3\xafne", invalid, "non-ASCII");
    row("host:port", "localhost:5000", invalid, "no repository");
    row("dotted host:port", "registry.example.com:5000", invalid, "no repository");
    row("host:port@digest", QByteArray("registry.example.com:5000@" + kDigest), invalid, "no repository");
    row("[::1]:5000", "[::1]:5000", invalid, "no repository");
    row("[::1]", "[::1]", invalid, "no repository");
    row("host slash nothing", "localhost:5000/", invalid, "no repository");
    row("underscore host", "my_host.io/x", invalid, "host name");
    row("dash host label", "-a.io/x", invalid, "host name");
    row("empty host label", "a..io/x", invalid, "host name");
    row("port too big", "a.io:99999/x", invalid, "1 to 65535");
    row("port zero", "a.io:0/x", invalid, "1 to 65535");
    row("port empty", "a.io:/x", invalid, "1 to 65535");
    row("port letters", "a.io:http/x", invalid, "1 to 65535");
    row("ipv6 unclosed", "[::1/x", invalid, "never closes");
    row("ipv6 not hex", "[zz::1]:5000/x", invalid, "IPv6");
    row("ipv6 junk after", "[::1]x/y", invalid, "after ']'");
    row("path 256", QByteArray("h.io/" + QByteArray("a").repeated(256)), invalid, "at most 255");
    row("hub path 256", QByteArray("a").repeated(248), invalid, "at most 255");
    row("port zeros only", "a.io:000000/x", invalid, "1 to 65535");
    row("port too big with zeros", "a.io:0065536/x", invalid, "1 to 65535");
    row("image id", hex64, invalid, "image ID");
}

void TestReference::rejectsMalformedReferences()
{
    QFETCH(QByteArray, input);
    QFETCH(ErrorKind, kind);
    QFETCH(QByteArray, hint);

    const auto parsed = Reference::parse(str(input));
    QVERIFY2(!parsed.has_value(), parsed ? parsed->toString().c_str() : "");
    const QByteArray message = bytes(parsed.error().message);
    QCOMPARE(kindName(parsed.error().kind), kindName(kind));
    QVERIFY2(message.contains('"' + input + '"'), message.constData());
    QVERIFY2(message.contains(hint), message.constData());
}

void TestReference::escapesControlBytesInMessages()
{
    const auto parsed = Reference::parse(std::string_view("a\x01\"b", 4));
    QVERIFY(!parsed);
    QCOMPARE(kindName(parsed.error().kind), kindName(ErrorKind::InvalidInput));
    QVERIFY2(bytes(parsed.error().message).contains("\"a\\x01\\\"b\""), parsed.error().message.c_str());

    const auto withNul = Reference::parse(std::string_view("alpine\0x", 8));
    QVERIFY(!withNul);
    QVERIFY2(bytes(withNul.error().message).contains("\"alpine\\x00x\""), withNul.error().message.c_str());
}

void TestReference::boundsMessagesForHugeInput()
{
    // Hostile sizes must fail cleanly, without recursion, with a message of sane length.
    for (const std::string& input : { std::string(1 << 20, 'a'), std::string(1 << 20, '/'), std::string(1 << 20, ':'),
             std::string("h.io/") + std::string(1 << 20, '-') + "a" }) {
        const auto parsed = Reference::parse(input);
        QVERIFY(!parsed);
        QCOMPARE(kindName(parsed.error().kind), kindName(ErrorKind::InvalidInput));
        QVERIFY2(parsed.error().message.size() < 2000, parsed.error().message.substr(0, 200).c_str());
        QVERIFY(parsed.error().message.starts_with("\"" + input.substr(0, 100)));
    }
}

void TestReference::parsesRepositories_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("name"); // empty: must fail

    row("official", "alpine", "docker.io/library/alpine");
    row("host path", "localhost:5000/a/b", "localhost:5000/a/b");
    row("index.docker.io", "index.docker.io/team/x", "docker.io/team/x");
    row("tag", "alpine:3", "");
    row("latest", "localhost:5000/a:latest", "");
    row("digest", QByteArray("alpine@" + kDigest), "");
    row("host only", "localhost:5000", "");
    row("empty", "", "");
    row("upper", "Team/app", "");
}

void TestReference::parsesRepositories()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, name);

    const auto parsed = Reference::parseRepository(str(input));
    if (name.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(kindName(parsed.error().kind), kindName(ErrorKind::InvalidInput));
        QVERIFY2(bytes(parsed.error().message).contains('"' + input + "\" is not a valid repository name"),
            parsed.error().message.c_str());
        return;
    }
    QVERIFY2(parsed.has_value(), parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(bytes(parsed->name()), name);
    QVERIFY(parsed->tag.empty());
    QVERIFY(parsed->digest.empty());
    QCOMPARE(bytes(parsed->toString()), name);
}

void TestReference::validatesTags_data()
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<bool>("valid");
    row("latest", "latest", true);
    row("version", "2.2.4.1-stable", true);
    row("underscore", "_", true);
    row("upper", "ABC", true);
    row("128", QByteArray("a").repeated(128), true);
    row("129", QByteArray("a").repeated(129), false);
    row("empty", "", false);
    row("dot first", ".a", false);
    row("dash first", "-a", false);
    row("colon", "a:b", false);
    row("slash", "a/b", false);
    row("plus", "1.0+build", false);
}

void TestReference::validatesTags()
{
    QFETCH(QByteArray, tag);
    QFETCH(bool, valid);
    QCOMPARE(gantry::registry::isValidTag(str(tag)), valid);
}

void TestReference::validatesRepositoryPaths_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("valid");
    row("single", "app", true);
    row("nested", "team/app/fast-feedback", true);
    row("separators", "a.b_c__d-e--f", true);
    row("255", QByteArray("a").repeated(255), true);
    row("256", QByteArray("a").repeated(256), false);
    row("empty", "", false);
    row("upper", "App", false);
    row("double slash", "a//b", false);
    row("trailing slash", "a/", false);
    row("double dot", "a..b", false);
    row("triple underscore", "a___b", false);
    row("colon", "a:b", false);
}

void TestReference::validatesRepositoryPaths()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, valid);
    QCOMPARE(gantry::registry::isValidRepositoryPath(str(path)), valid);
}

void TestReference::validatesDigests_data()
{
    QTest::addColumn<QByteArray>("digest");
    QTest::addColumn<int>("result"); // 0 valid, else the ErrorKind + 1

    const QByteArray hex64 = QByteArray("0123456789abcdef").repeated(4);
    const int invalid = int(ErrorKind::InvalidInput) + 1;
    const int unsupported = int(ErrorKind::Unsupported) + 1;
    row("sha256", kDigest, 0);
    row("empty", "", invalid);
    row("no algorithm", QByteArray(":" + hex64), invalid);
    row("upper hex", QByteArray("sha256:" + hex64.toUpper()), invalid);
    row("upper algorithm", QByteArray("SHA256:" + hex64), invalid);
    row("65 hex", QByteArray("sha256:" + hex64 + "0"), invalid);
    row("non-hex", QByteArray("sha256:" + hex64.left(63) + "g"), invalid);
    row("sha512", QByteArray("sha512:" + hex64 + hex64), unsupported);
    row("blake3", QByteArray("blake3:" + hex64), unsupported);
    row("multihash-ish", QByteArray("sha256+b64u:" + hex64), unsupported);
    row("md5 too short", "md5:abc", invalid);
    row("separator last", QByteArray("sha-:" + hex64), invalid);
}

void TestReference::validatesDigests()
{
    QFETCH(QByteArray, digest);
    QFETCH(int, result);
    QCOMPARE(gantry::registry::isValidDigest(str(digest)), result == 0);
    const auto status = gantry::registry::validateDigest(str(digest));
    QCOMPARE(status.has_value(), result == 0);
    if (!status) {
        QCOMPARE(int(status.error().kind) + 1, result);
        QVERIFY2(
            status.error().message.starts_with("The digest \"" + str(digest) + '"'), status.error().message.c_str());
    }
}

void TestReference::derivesReferences()
{
    const auto pinned = Reference::parse("localhost:5000/team/app:1.2.3@" + str(kDigest));
    QVERIFY(pinned);
    QCOMPARE(bytes(pinned->manifestIdentifier()), kDigest);

    const auto retagged = pinned->withTag("1.2.3-stable");
    QCOMPARE(bytes(retagged.toString()), QByteArray("localhost:5000/team/app:1.2.3-stable"));
    QCOMPARE(bytes(retagged.manifestIdentifier()), QByteArray("1.2.3-stable"));

    const auto repinned = retagged.withDigest(str(kDigest));
    QCOMPARE(bytes(repinned.toString()), QByteArray("localhost:5000/team/app:1.2.3-stable@" + kDigest));
    QCOMPARE(bytes(repinned.manifestIdentifier()), kDigest);
    QCOMPARE(pinned->name(), repinned.name());
}

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
