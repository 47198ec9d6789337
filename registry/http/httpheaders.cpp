#include "registry/http/httpheaders.h"

#include "registry/http/httpdate.h"

#include <algorithm>
#include <array>
#include <curl/curl.h>
#include <limits>
#include <memory>

// Hand-written scanners: these headers come from servers we do not trust, so every loop only
// moves forward, nothing recurses, and anything unexpected ends the parse.

namespace gantry::registry {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// CR and LF are tolerated as whitespace: a caller may hand us a raw header line.
bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool isTokenChar(char c)
{
    return isAlpha(c) || isDigit(c) || std::string_view("!#$%&'*+-.^_`|~").contains(c);
}
bool isToken68Char(char c)
{
    return isAlpha(c) || isDigit(c) || std::string_view("-._~+/").contains(c);
}
bool isVisible(char c)
{
    return c > 0x20 && c < 0x7f;
}
// Lenient unquoted value: registries in the wild send `scope=repository:a:pull` unquoted.
bool isUnquotedValueChar(char c)
{
    return isVisible(c) && c != ',' && c != '"' && c != ';' && c != '\\';
}

std::string toLower(std::string_view text)
{
    std::string lower(text);
    std::ranges::transform(
        lower, lower.begin(), [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; });
    return lower;
}

class Scanner
{
public:
    explicit Scanner(std::string_view text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text[m_pos]; }
    bool next(char c) const { return !atEnd() && peek() == c; }
    std::size_t position() const { return m_pos; }
    void rewind(std::size_t position) { m_pos = position; }

    bool consume(char c)
    {
        if (!next(c))
            return false;
        ++m_pos;
        return true;
    }

    template<typename Predicate> std::string_view take(Predicate predicate)
    {
        const auto start = m_pos;
        while (!atEnd() && predicate(peek()))
            ++m_pos;
        return m_text.substr(start, m_pos - start);
    }

    void skipWhitespace() { take(isWhitespace); }
    void skipWhitespaceAndCommas()
    {
        take([](char c) { return isWhitespace(c) || c == ','; });
    }
    /// At a list separator or the end: where one element of a comma list may stop.
    bool atElementEnd()
    {
        skipWhitespace();
        return atEnd() || next(',');
    }

    /// RFC 9110 quoted-string, unescaped; nullopt when unterminated or holding a control byte.
    std::optional<std::string> quotedString()
    {
        if (!consume('"'))
            return std::nullopt;
        std::string value;
        while (!atEnd()) {
            char c = m_text[m_pos++];
            if (c == '"')
                return value;
            if (c == '\\') {
                if (atEnd())
                    return std::nullopt;
                c = m_text[m_pos++];
            }
            const auto byte = static_cast<unsigned char>(c);
            if (byte != '\t' && (byte < 0x20 || byte == 0x7f))
                return std::nullopt;
            value += c;
        }
        return std::nullopt;
    }

    /// A quoted string or a lenient unquoted value; nullopt when neither is there.
    std::optional<std::string> value()
    {
        if (next('"'))
            return quotedString();
        const auto token = take(isUnquotedValueChar);
        return token.empty() ? std::nullopt : std::optional<std::string>(token);
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// `name = value`, kept under its lower-case name; a repeated name keeps its first value.
bool parseAuthParam(Scanner& scanner, AuthChallenge& challenge)
{
    const auto name = scanner.take(isTokenChar);
    scanner.skipWhitespace();
    if (name.empty() || !scanner.consume('='))
        return false;
    scanner.skipWhitespace();
    auto value = scanner.value();
    if (!value)
        return false;
    challenge.params.emplace(toLower(name), std::move(*value));
    return true;
}

bool parseToken68(Scanner& scanner, AuthChallenge& challenge)
{
    const auto start = scanner.position();
    const auto body = scanner.take(isToken68Char);
    const auto padding = scanner.take([](char c) { return c == '='; });
    if (!body.empty() && scanner.atElementEnd()) {
        challenge.token68 = std::string(body) + std::string(padding);
        return true;
    }
    scanner.rewind(start);
    return false;
}

// One challenge after its scheme: token68 or params, up to the next challenge or the end.
bool parseChallengeBody(Scanner& scanner, AuthChallenge& challenge)
{
    const auto afterScheme = scanner.position();
    scanner.skipWhitespace();
    if (!scanner.atEnd() && !scanner.next(',')) {
        if (scanner.position() == afterScheme) // `Bearer"x"`: the scheme needs a space after it
            return false;
        if (!parseToken68(scanner, challenge) && !parseAuthParam(scanner, challenge))
            return false;
    }
    for (;;) {
        if (!scanner.atElementEnd())
            return false;
        scanner.skipWhitespaceAndCommas();
        if (scanner.atEnd())
            return true;
        const auto start = scanner.position();
        const auto name = scanner.take(isTokenChar);
        scanner.skipWhitespace();
        const bool isParam = !name.empty() && scanner.next('=');
        scanner.rewind(start);
        if (!isParam)
            return true; // the next challenge's scheme
        if (!challenge.token68.empty() || !parseAuthParam(scanner, challenge))
            return false;
    }
}

constexpr std::int64_t kMaxRetryAfterSeconds = std::numeric_limits<std::int32_t>::max();

struct UrlDeleter
{
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::optional<std::string> urlPart(CURLU* url, CURLUPart part, unsigned flags = 0)
{
    char* text = nullptr;
    if (curl_url_get(url, part, &text, flags) != CURLUE_OK || !text)
        return std::nullopt;
    std::string copy(text);
    curl_free(text);
    return copy;
}

// curl reads C strings, so an embedded NUL would silently cut the URL short; and curl quietly
// percent-encodes spaces in relative URLs. A URL from a header has neither: refuse both.
bool setUrl(CURLU* url, std::string_view text)
{
    return std::ranges::all_of(text, isVisible)
        && curl_url_set(url, CURLUPART_URL, std::string(text).c_str(), 0) == CURLUE_OK;
}

std::string originOfHandle(CURLU* url)
{
    const auto scheme = urlPart(url, CURLUPART_SCHEME);
    const auto host = urlPart(url, CURLUPART_HOST);
    const auto port = urlPart(url, CURLUPART_PORT, CURLU_DEFAULT_PORT);
    if (!scheme || !host || !port || host->empty())
        return {};
    const auto lowerScheme = toLower(*scheme);
    if (lowerScheme != "http" && lowerScheme != "https")
        return {};
    return lowerScheme + "://" + toLower(*host) + ':' + *port;
}

std::string shortened(std::string_view text)
{
    constexpr std::size_t maxLength = 300;
    std::string out = "\"";
    for (char c : text.substr(0, maxLength))
        out += isVisible(c) || c == ' ' ? c : '?';
    return out + (text.size() > maxLength ? "…\"" : "\"");
}

} // namespace

std::vector<AuthChallenge> parseWwwAuthenticate(std::string_view value)
{
    std::vector<AuthChallenge> challenges;
    Scanner scanner(value);
    scanner.skipWhitespaceAndCommas();
    while (!scanner.atEnd()) {
        const auto scheme = scanner.take(isTokenChar);
        if (scheme.empty())
            return {};
        AuthChallenge challenge { toLower(scheme), {}, {} };
        if (!parseChallengeBody(scanner, challenge))
            return {};
        challenges.push_back(std::move(challenge));
    }
    return challenges;
}

std::optional<std::string> nextLinkTarget(std::string_view linkHeader)
{
    Scanner scanner(linkHeader);
    for (;;) {
        scanner.skipWhitespaceAndCommas();
        if (scanner.atEnd() || !scanner.consume('<'))
            return std::nullopt;
        const auto target = scanner.take([](char c) { return c != '>'; });
        if (!scanner.consume('>'))
            return std::nullopt;
        bool sawRel = false;
        bool isNext = false;
        while (!scanner.atElementEnd()) {
            if (!scanner.consume(';'))
                return std::nullopt;
            scanner.skipWhitespace();
            const auto name = scanner.take(isTokenChar);
            scanner.skipWhitespace();
            if (name.empty()) { // a stray ';' is harmless, a nameless "=value" is not
                if (scanner.atElementEnd() || scanner.next(';'))
                    continue;
                return std::nullopt;
            }
            std::optional<std::string> value = std::string();
            if (scanner.consume('=')) {
                scanner.skipWhitespace();
                value = scanner.value();
            }
            if (!value)
                return std::nullopt;
            // RFC 8288 §3.3: only the first rel counts; its value is a space-separated list.
            if (toLower(name) == "rel" && !sawRel) {
                sawRel = true;
                Scanner relations(*value);
                // Every relation is taken, also after "next": the scanner must move on to end the loop.
                for (relations.skipWhitespace(); !relations.atEnd(); relations.skipWhitespace()) {
                    const auto relation = relations.take([](char c) { return !isWhitespace(c); });
                    isNext = isNext || toLower(relation) == "next";
                }
            }
        }
        if (isNext) {
            if (target.empty() || !std::ranges::all_of(target, isVisible) || target.contains('<'))
                return std::nullopt;
            return std::string(target);
        }
    }
}

Result<std::string> resolveSameOrigin(std::string_view baseUrl, std::string_view target)
{
    const UrlHandle base(curl_url());
    const UrlHandle resolved(curl_url());
    if (!base || !resolved)
        return fail(ErrorKind::Io, "Could not allocate a URL parser.");
    const auto baseOrigin = setUrl(base.get(), baseUrl) ? originOfHandle(base.get()) : std::string();
    if (baseOrigin.empty())
        return fail(ErrorKind::Protocol, "The URL " + shortened(baseUrl) + " is not an absolute http or https URL.");
    // RFC 3986 makes "" the base itself; curl 7.88 resolves it to the base's folder instead.
    // Neither is a next page, so refuse it rather than depend on a curl version.
    if (target.empty())
        return fail(ErrorKind::Protocol, "The server gave an empty link target for " + shortened(baseUrl) + ".");
    // Setting a URL on a handle that holds one resolves it as relative (RFC 3986, as for redirects).
    if (!setUrl(resolved.get(), baseUrl) || !setUrl(resolved.get(), target))
        return fail(ErrorKind::Protocol,
            "The link " + shortened(target) + " from " + shortened(baseUrl) + " is not a valid URL.");
    curl_url_set(resolved.get(), CURLUPART_FRAGMENT, nullptr, 0);
    const auto targetOrigin = originOfHandle(resolved.get());
    if (targetOrigin != baseOrigin)
        return fail(ErrorKind::Protocol,
            "The link " + shortened(target) + " points to another host ("
                + (targetOrigin.empty() ? std::string("not http or https") : targetOrigin) + ", expected " + baseOrigin
                + "); pagination must stay on the registry.");
    auto url = urlPart(resolved.get(), CURLUPART_URL);
    if (!url)
        return fail(ErrorKind::Protocol,
            "The link " + shortened(target) + " could not be resolved against " + shortened(baseUrl) + ".");
    // What is followed is the text, so its origin is checked again: curl writes a host with
    // percent-escapes back decoded, which can read as another host.
    if (originOf(*url) != baseOrigin)
        return fail(ErrorKind::Protocol,
            "The link " + shortened(target) + " from " + shortened(baseUrl)
                + " does not resolve to a URL on the same host; pagination must stay on the registry.");
    return *url;
}

std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now)
{
    while (!value.empty() && isWhitespace(value.front()))
        value.remove_prefix(1);
    while (!value.empty() && isWhitespace(value.back()))
        value.remove_suffix(1);
    if (value.empty())
        return std::nullopt;
    if (std::ranges::all_of(value, isDigit)) {
        std::int64_t total = 0;
        for (char c : value)
            total = std::min(total * 10 + (c - '0'), kMaxRetryAfterSeconds);
        return std::chrono::seconds(total);
    }
    const auto date = parseHttpDate(value, now);
    if (!date)
        return std::nullopt;
    // Whole seconds throughout: system_clock counts nanoseconds and overflows past 2262, and
    // `date - floor(now)` is exactly the wait rounded up, since the date has no fraction.
    const auto wait = *date - std::chrono::floor<std::chrono::seconds>(now);
    return std::chrono::seconds(std::clamp<std::int64_t>(wait.count(), 0, kMaxRetryAfterSeconds));
}

std::string originOf(std::string_view url)
{
    const UrlHandle handle(curl_url());
    if (!handle || !setUrl(handle.get(), url))
        return {};
    return originOfHandle(handle.get());
}

} // namespace gantry::registry
