#include "registry/tls/probetarget.h"

#include "registry/tls/hostlookup.h"

#include <algorithm>
#include <charconv>

namespace gantry::registry {

namespace {

constexpr std::string_view httpsScheme = "https://";

bool startsWithHttps(std::string_view url)
{
    return url.size() >= httpsScheme.size()
        && std::ranges::equal(url.substr(0, httpsScheme.size()), httpsScheme,
            [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a) == b; });
}

bool isHostName(std::string_view host)
{
    return !host.empty() && std::ranges::all_of(host, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
            || c == '_';
    });
}

std::optional<int> parsePort(std::string_view text)
{
    int port = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535)
        return std::nullopt;
    return port;
}

} // namespace

Result<ProbeTarget> probeTargetForUrl(std::string_view url)
{
    const auto invalid = [&](std::string_view why) {
        return fail(ErrorKind::InvalidInput, "\"" + std::string(url) + "\" " + std::string(why));
    };
    if (!startsWithHttps(url))
        return invalid("is not an https:// URL");
    const std::string_view rest = url.substr(httpsScheme.size());
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    // Quoting such a URL back would print the password, so this message names none of it.
    if (authority.find('@') != std::string_view::npos)
        return fail(ErrorKind::InvalidInput, "the server URL carries credentials; give it without them");
    ProbeTarget target;
    std::string_view portText;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            return invalid("has an IPv6 address without its closing ']'");
        target.host = authority.substr(1, close - 1);
        if (target.host.find(':') == std::string::npos || !isIpAddress(target.host))
            return invalid("has no IPv6 address between its brackets");
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && !after.starts_with(':'))
            return invalid("has something after its IPv6 address that is not a port");
        portText = after.empty() ? after : after.substr(1);
    } else {
        const auto colon = authority.find(':');
        target.host = authority.substr(0, colon);
        if (!isHostName(target.host))
            return invalid("has no valid host name (an IPv6 address goes in brackets)");
        portText = colon == std::string_view::npos ? std::string_view() : authority.substr(colon + 1);
    }
    if (!portText.empty() || authority.ends_with(':')) {
        const auto port = parsePort(portText);
        if (!port)
            return invalid("has a port that is not a number from 1 to 65535");
        target.port = *port;
    }
    target.serverName = target.host;
    return target;
}

} // namespace gantry::registry
