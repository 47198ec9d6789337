#include "registry/http/httpheaders.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QTest>
#include <type_traits>

using namespace std::chrono;
using gantry::registry::AuthChallenge;
using gantry::registry::ErrorKind;
using gantry::test::bytes;
using gantry::test::kindName;
using gantry::test::row;
using gantry::test::str;

namespace {

// One line per parse: `scheme[token68]{key=value;key=value}|scheme{…}`, so tables stay readable.
QByteArray describe(const std::vector<AuthChallenge>& challenges)
{
    QByteArrayList parts;
    for (const auto& challenge : challenges) {
        QByteArray part = bytes(challenge.scheme);
        if (!challenge.token68.empty())
            part += '[' + bytes(challenge.token68) + ']';
        QByteArrayList params;
        for (const auto& [key, value] : challenge.params)
            params << bytes(key) + '=' + bytes(value);
        parts << part + '{' + params.join(';') + '}';
    }
    return parts.join('|');
}

// Wednesday 6 November 2024, 08:49:30 UTC
const system_clock::time_point kNow = sys_days(2024y / November / 6) + 8h + 49min + 30s;

} // namespace

class TestHttpHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesWwwAuthenticate_data();
    void parsesWwwAuthenticate();
    void survivesHostileWwwAuthenticate();
    void findsNextLink_data();
    void findsNextLink();
    void resolvesSameOrigin_data();
    void resolvesSameOrigin();
    void parsesRetryAfter_data();
    void parsesRetryAfter();
    void roundsRetryAfterUp();
    void computesOrigins_data();
    void computesOrigins();
};

void TestHttpHeaders::parsesWwwAuthenticate_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("expected"); // empty: garbage, no challenge at all

    row("docker hub",
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull")",
        "bearer{realm=https://auth.docker.io/token;scope=repository:library/alpine:pull;service=registry.docker.io}");
    row("push scope with comma", R"(Bearer realm="https://a/token",scope="repository:x:pull,push")",
        "bearer{realm=https://a/token;scope=repository:x:pull,push}");
    row("basic", R"(Basic realm="Registry Realm")", "basic{realm=Registry Realm}");
    row("unquoted", "basic realm=simple", "basic{realm=simple}");
    row("unquoted url and scope", "Bearer realm=https://a:8443/token,scope=repository:a/b:pull",
        "bearer{realm=https://a:8443/token;scope=repository:a/b:pull}");
    row("upper scheme and keys", R"(BEARER REALM="x",Service="y")", "bearer{realm=x;service=y}");
    row("error param", R"(Bearer realm="a", error="invalid_token", error_description="expired")",
        "bearer{error=invalid_token;error_description=expired;realm=a}");
    row("whitespace everywhere", "  Bearer \t realm = \"a\" ,  service =\tb  ", "bearer{realm=a;service=b}");
    row("trailing CRLF", "Basic realm=\"r\"\r\n", "basic{realm=r}");
    row("two challenges", R"(Basic realm="b", Bearer realm="t",service="s")",
        "basic{realm=b}|bearer{realm=t;service=s}");
    row("rfc 7235 example", R"(Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple")",
        R"(newauth{realm=apps;title=Login to "apps";type=1}|basic{realm=simple})");
    row("escapes", R"(Basic realm="a\\b\"c\d")", "basic{realm=a\\b\"cd}");
    row("quoted comma and equals", R"(Basic realm="a, b=c", charset="UTF-8")", "basic{charset=UTF-8;realm=a, b=c}");
    row("empty quoted", R"(Bearer realm="")", "bearer{realm=}");
    row("non-ASCII quoted", "Basic realm=\"r\xc3\xa9gistre\"", "basic{realm=r\xc3\xa9gistre}");
    row("duplicate keeps first", R"(Bearer realm="a", realm="b")", "bearer{realm=a}");
    row("token68", "Negotiate abc==", "negotiate[abc==]{}");
    row("token68 then challenge", R"(Negotiate a/b+c=, Basic realm="x")", "negotiate[a/b+c=]{}|basic{realm=x}");
    row("scheme only", "Negotiate", "negotiate{}");
    row("bare schemes", "Negotiate, NTLM, Basic realm=x", "negotiate{}|ntlm{}|basic{realm=x}");
    row("stray commas", ", ,Basic realm=x ,, service=y,", "basic{realm=x;service=y}");
    // Garbage: nothing at all, rather than a guessed realm
    row("empty", "", "");
    row("blank", " \t ", "");
    row("commas", ",,,", "");
    row("quoted scheme", R"("Bearer" realm="x")", "");
    row("no space after scheme", R"(Bearer"x")", "");
    row("quoted token68", R"(Bearer "x")", "");
    row("unterminated", R"(Bearer realm="https://a/token)", "");
    row("backslash at end", R"(Bearer realm="a\)", "");
    row("missing comma", R"(Bearer realm="a" service="b")", "");
    row("missing comma between challenges", R"(Basic realm="a" Bearer realm="b")", "");
    row("double equals", R"(Bearer realm=="x")", "");
    row("no name", R"(Bearer ="x")", "");
    row("leading equals", "=x", "");
    row("control byte", "Bearer realm=\"a\x01z\"", "");
    row("newline in quotes", "Bearer realm=\"a\nb\"", "");
    row("params after token68", "Negotiate abc, realm=x", "");
    row("semicolons", "Bearer realm=a; service=b", "");
    row("valid then garbage", R"(Basic realm="a", Bearer realm="b" junk)", "");
}

void TestHttpHeaders::parsesWwwAuthenticate()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, expected);
    QCOMPARE(describe(gantry::registry::parseWwwAuthenticate(str(header))), expected);
}

void TestHttpHeaders::survivesHostileWwwAuthenticate()
{
    using gantry::registry::parseWwwAuthenticate;
    QVERIFY(parseWwwAuthenticate(std::string_view("Bearer realm=\"a\0b\"", 18)).empty());
    QCOMPARE(parseWwwAuthenticate(std::string(1 << 20, 'a')).size(), std::size_t(1));
    QVERIFY(parseWwwAuthenticate(std::string(1 << 20, '"')).empty());
    QVERIFY(parseWwwAuthenticate("Bearer realm=\"" + std::string(1 << 20, '\\')).empty());
    QVERIFY(parseWwwAuthenticate(std::string(1 << 20, '=')).empty());

    std::string many;
    for (int i = 0; i < 10000; ++i)
        many += "Basic realm=\"r\", ";
    QCOMPARE(parseWwwAuthenticate(many).size(), std::size_t(10000));

    // Every prefix of a real header either parses or is rejected; none crashes.
    const std::string header
        = R"(Bearer realm="https://a/token",service="s\"x",scope="repository:a:pull", Negotiate abc==)";
    for (std::size_t length = 0; length <= header.size(); ++length)
        (void)parseWwwAuthenticate(std::string_view(header).substr(0, length));
}

void TestHttpHeaders::findsNextLink_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("target"); // empty: no next link

    row("distribution", R"(</v2/_catalog?last=b&n=1>; rel="next")", "/v2/_catalog?last=b&n=1");
    row("unquoted rel", "</v2/_catalog?last=b&n=1>; rel=next", "/v2/_catalog?last=b&n=1");
    row("absolute, no spaces", R"(<https://r/v2/_catalog?n=2&last=c>;rel="next")", "https://r/v2/_catalog?n=2&last=c");
    row("second link", R"(</a>; rel="prev", </b>; rel="next")", "/b");
    row("relation list", R"(</a>; rel="prev next")", "/a");
    row("next first in a relation list", R"(</a>; rel="next last")", "/a");
    row("next amid a relation list", "</a>; rel=\"prev  next\tlast\"", "/a");
    row("upper case rel", R"(</a>; REL="NEXT")", "/a");
    row("other params", R"(</a>; type="text/plain"; rel=next; title=x)", "/a");
    row("quoted comma in param", R"(</a>; title="x, y; rel=next", </b>; rel=next)", "/b");
    row("comma in target", "</a,b>; rel=next", "/a,b");
    row("trailing semicolon", "</a>; rel=next;", "/a");
    row("stray semicolon", "</a>;; rel=next", "/a");
    row("spaces around", "  </a>  ;  rel = \"next\"  ,  ", "/a");
    row("first next wins", "</a>; rel=next, </b>; rel=next", "/a");
    row("prev only", R"(</a>; rel="prev")", "");
    row("no params", "</a>", "");
    row("first rel counts", "</a>; rel=prev; rel=next", "");
    row("rel without value", "</a>; rel", "");
    row("nextish", "</a>; rel=nextpage", "");
    row("other param named next", "</a>; nonext=next", "");
    row("empty target", "<>; rel=next", "");
    row("space in target", "</a b>; rel=next", "");
    row("no brackets", "/a; rel=next", "");
    row("unterminated target", "</a; rel=next", "");
    row("unterminated quote", R"(</a>; rel="next)", "");
    row("missing semicolon", "</a> rel=next", "");
    row("nameless value", "</a>; =next", "");
    row("empty", "", "");
    row("garbage", "\x01\x02<<>>;;,,", "");
    row("nul in target", QByteArray("</a\0b>; rel=next", 16), "");
}

void TestHttpHeaders::findsNextLink()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, target);
    const auto found
        = gantry::registry::nextLinkTarget(std::string_view(header.constData(), std::size_t(header.size())));
    QCOMPARE(found.has_value(), !target.isEmpty());
    if (found)
        QCOMPARE(bytes(*found), target);
}

void TestHttpHeaders::resolvesSameOrigin_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("expected"); // empty: a Protocol error

    const QByteArray catalog = "https://r.io:5000/v2/_catalog?n=100";
    row("absolute path", catalog, "/v2/_catalog?last=b&n=100", "https://r.io:5000/v2/_catalog?last=b&n=100");
    row("absolute url", catalog, "https://r.io:5000/v2/_catalog?last=c", "https://r.io:5000/v2/_catalog?last=c");
    row("host case differs", catalog, "https://R.IO:5000/v2/_catalog?last=c", "https://R.IO:5000/v2/_catalog?last=c");
    row("explicit default port", "https://r.io/v2/_catalog", "https://r.io:443/v2/_catalog?last=x",
        "https://r.io:443/v2/_catalog?last=x");
    row("plain http loopback", "http://127.0.0.1:5000/v2/_catalog?n=1", "/v2/_catalog?last=a&n=1",
        "http://127.0.0.1:5000/v2/_catalog?last=a&n=1");
    row("ipv6", "http://[::1]:5000/v2/_catalog", "/v2/_catalog?last=a", "http://[::1]:5000/v2/_catalog?last=a");
    row("relative path", "https://r.io/v2/team/app/tags/list?n=10", "list?n=10&last=x",
        "https://r.io/v2/team/app/tags/list?n=10&last=x");
    row("query only", "https://r.io/v2/_catalog?n=1", "?last=x&n=1", "https://r.io/v2/_catalog?last=x&n=1");
    row("dot segments", "https://r.io/v2/a/b", "../c?last=x", "https://r.io/v2/c?last=x");
    row("fragment dropped", catalog, "/v2/_catalog?last=b#frag", "https://r.io:5000/v2/_catalog?last=b");
    row("percent encoding kept", catalog, "/v2/_catalog?last=a%2Fb", "https://r.io:5000/v2/_catalog?last=a%2Fb");
    // Leaving the origin
    row("other host", catalog, "https://evil.example/v2/_catalog?last=b", "");
    row("scheme-relative", catalog, "//evil.example/v2/_catalog", "");
    row("other port", catalog, "https://r.io:5001/v2/_catalog", "");
    row("default port is another port", catalog, "https://r.io/v2/_catalog", "");
    row("downgrade", catalog, "http://r.io:5000/v2/_catalog", "");
    row("userinfo trick", catalog, "https://r.io:5000@evil.example/v2/", "");
    row("javascript", catalog, "javascript:alert(1)", "");
    row("file", catalog, "file:///etc/passwd", "");
    row("space", catalog, "/v2/a b", "");
    row("tab", catalog, "/v2/a\tb", "");
    row("newline", catalog, "/v2/a\r\nHost: evil", "");
    row("empty target", catalog, "", "");
    row("nul", catalog, QByteArray("/v2/a\0@evil.example/", 20), "");
    row("base not a url", "not a url", "/v2/", "");
    row("base ftp", "ftp://r.io/v2/", "/v2/x", "");
    row("base relative", "/v2/_catalog", "/v2/x", "");
}

void TestHttpHeaders::resolvesSameOrigin()
{
    QFETCH(QByteArray, base);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, expected);

    const auto resolved = gantry::registry::resolveSameOrigin(str(base), str(target));
    if (expected.isEmpty()) {
        QVERIFY2(!resolved, resolved ? resolved->c_str() : "");
        QCOMPARE(kindName(resolved.error().kind), kindName(ErrorKind::Protocol));
        QVERIFY(!resolved.error().message.empty());
        return;
    }
    QVERIFY2(resolved.has_value(), resolved ? "" : resolved.error().message.c_str());
    QCOMPARE(bytes(*resolved), expected);
}

void TestHttpHeaders::parsesRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("seconds"); // -1: nullopt

    const qint64 cap = std::numeric_limits<std::int32_t>::max();
    row("seconds", "120", qint64(120));
    row("zero", "0", qint64(0));
    row("padded", " 5 ", qint64(5));
    row("leading zeros", "007", qint64(7));
    row("huge is capped", "99999999999999999999999999", cap);
    row("imf-fixdate", "Wed, 06 Nov 2024 08:49:37 GMT", qint64(7));
    row("rfc 850", "Wednesday, 06-Nov-24 08:49:37 GMT", qint64(7));
    row("asctime", "Wed Nov  6 08:49:37 2024", qint64(7));
    row("asctime two-digit day", "Sat Nov 16 08:49:30 2024", qint64(10 * 86400));
    row("date now", "Wed, 06 Nov 2024 08:49:30 GMT", qint64(0));
    row("date past", "Wed, 06 Nov 2024 08:00:00 GMT", qint64(0));
    row("next year", "Thu, 06 Nov 2025 08:49:30 GMT", qint64(365 * 86400));
    row("far future is capped", "Fri, 31 Dec 9999 23:59:59 GMT", cap);
    row("rfc 850 century ahead", "Wednesday, 01-Jan-70 00:00:00 GMT",
        qint64((sys_days(2070y / 1 / 1) - floor<seconds>(kNow)).count()));
    row("rfc 850 century behind", "Tuesday, 01-Jan-80 00:00:00 GMT", qint64(0));
    row("leap day", "Tue, 29 Feb 2028 00:00:00 GMT", qint64((sys_days(2028y / 2 / 29) - floor<seconds>(kNow)).count()));
    row("empty", "", qint64(-1));
    row("negative", "-1", qint64(-1));
    row("plus", "+5", qint64(-1));
    row("fraction", "1.5", qint64(-1));
    row("unit", "5s", qint64(-1));
    row("two numbers", "1 2", qint64(-1));
    row("words", "soon", qint64(-1));
    row("no leap day", "Sat, 29 Feb 2025 00:00:00 GMT", qint64(-1));
    row("november 31", "Sun, 31 Nov 2024 08:49:37 GMT", qint64(-1));
    row("hour 25", "Wed, 06 Nov 2024 25:00:00 GMT", qint64(-1));
    row("utc", "Wed, 06 Nov 2024 08:49:37 UTC", qint64(-1));
    row("one-digit day", "Wed, 6 Nov 2024 08:49:37 GMT", qint64(-1));
    row("bad day name", "Xyz, 06 Nov 2024 08:49:37 GMT", qint64(-1));
    row("bad month", "Wed, 06 Noe 2024 08:49:37 GMT", qint64(-1));
    row("trailing junk", "Wed, 06 Nov 2024 08:49:37 GMTx", qint64(-1));
    row("truncated", "Wed, 06 Nov 2024 08:49", qint64(-1));
    row("long day in imf", "Wednesday, 06 Nov 2024 08:49:37 GMT", qint64(-1));
}

void TestHttpHeaders::parsesRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, seconds);
    const auto parsed = gantry::registry::parseRetryAfter(str(value), kNow);
    QCOMPARE(parsed.has_value(), seconds >= 0);
    if (parsed)
        QCOMPARE(qint64(parsed->count()), seconds);
}

void TestHttpHeaders::roundsRetryAfterUp()
{
    const auto now = kNow + 500ms;
    QCOMPARE(gantry::registry::parseRetryAfter("Wed, 06 Nov 2024 08:49:37 GMT", now), std::optional(6s + 1s));
    QCOMPARE(gantry::registry::parseRetryAfter("Wed, 06 Nov 2024 08:49:30 GMT", now), std::optional(0s));
}

void TestHttpHeaders::computesOrigins_data()
{
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<QByteArray>("origin");

    row("https default", "https://Registry.Example.com/v2/", "https://registry.example.com:443");
    row("http default", "http://h/", "http://h:80");
    row("explicit port", "http://localhost:5000/v2/", "http://localhost:5000");
    row("upper scheme", "HTTPS://H:8443", "https://h:8443");
    row("ipv6", "http://[::1]:5000/x", "http://[::1]:5000");
    row("userinfo ignored", "https://user:pw@h/x", "https://h:443");
    row("query and fragment", "https://h/x?a=b#c", "https://h:443");
    row("empty", "", "");
    row("not a url", "not a url", "");
    row("relative", "/v2/x", "");
    row("no scheme", "h/x", "");
    row("ftp", "ftp://h/x", "");
    row("port too big", "https://h:99999/", "");
}

void TestHttpHeaders::computesOrigins()
{
    QFETCH(QByteArray, url);
    QFETCH(QByteArray, origin);
    QCOMPARE(bytes(gantry::registry::originOf(str(url))), origin);
}

QTEST_GUILESS_MAIN(TestHttpHeaders)
#include "tst_httpheaders.moc"
