#include "registry/image/reference.h"

#include <algorithm>
#include <optional>

// Docker's grammar (distribution/reference: reference.go, normalize.go, regexp.go), written as
// small scanners rather than std::regex: std::regex is slow and recurses per character, which
// can overflow the stack on long hostile input.

namespace gantry::registry {
namespace {

constexpr std::string_view kDefaultRegistry = "docker.io";
constexpr std::string_view kLegacyDefaultRegistry = "index.docker.io";
constexpr std::string_view kOfficialPrefix = "library/";
constexpr std::string_view kLatest = "latest";
constexpr std::size_t kPathMaxLength = 255;
constexpr std::size_t kTagMaxLength = 128;
constexpr std::size_t kSha256HexLength = 64;
// Inputs are echoed in messages; a megabyte of garbage should not become a megabyte of message.
constexpr std::size_t kQuotedMaxLength = 400;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}
bool isLowerAlnum(char c)
{
    return isLower(c) || isDigit(c);
}
bool isAlnum(char c)
{
    return isLowerAlnum(c) || isUpper(c);
}
bool isWordChar(char c)
{
    return isAlnum(c) || c == '_';
}
bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isLowerHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f');
}

std::string toLower(std::string_view text)
{
    std::string lower(text);
    std::ranges::transform(lower, lower.begin(), [](char c) { return isUpper(c) ? char(c - 'A' + 'a') : c; });
    return lower;
}

bool hasUpper(std::string_view text)
{
    return std::ranges::any_of(text, isUpper);
}

/// `"text"` with quotes and control bytes escaped, shortened when huge.
std::string quoted(std::string_view text)
{
    static constexpr char hexDigits[] = "0123456789abcdef";
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < kQuotedMaxLength; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '"' || byte == '\\') {
            out += '\\';
            out += text[i];
        } else if (byte < 0x20 || byte == 0x7f) {
            out += "\\x";
            out += hexDigits[byte >> 4];
            out += hexDigits[byte & 0xf];
        } else {
            out += text[i];
        }
    }
    if (text.size() > kQuotedMaxLength)
        out += "…";
    out += '"';
    return out;
}

/// What went wrong, before the input is quoted into a message.
struct Problem
{
    ErrorKind kind = ErrorKind::InvalidInput;
    std::string reason;
};

std::optional<Problem> invalid(std::string reason)
{
    return Problem { ErrorKind::InvalidInput, std::move(reason) };
}

std::optional<Problem> tagProblem(std::string_view tag)
{
    if (tag.empty())
        return invalid("nothing follows ':'; add a tag, like \"name:1.2.3\", or drop the ':'");
    if (tag.size() > kTagMaxLength)
        return invalid("the tag is " + std::to_string(tag.size()) + " characters long; tags have at most 128");
    if (!isWordChar(tag.front()))
        return invalid("the tag " + quoted(tag) + " must start with a letter, a digit or '_'");
    const auto bad = std::ranges::find_if_not(tag, [](char c) { return isWordChar(c) || c == '.' || c == '-'; });
    if (bad != tag.end())
        return invalid("the tag " + quoted(tag) + " contains " + quoted(std::string_view(&*bad, 1))
            + "; tags may contain only letters, digits, '_', '.' and '-'");
    return std::nullopt;
}

std::optional<Problem> pathComponentProblem(std::string_view component)
{
    if (component.empty())
        return invalid("the repository path has an empty component (a leading, trailing or doubled '/')");
    const auto bad = std::ranges::find_if_not(
        component, [](char c) { return isLowerAlnum(c) || c == '.' || c == '_' || c == '-'; });
    if (bad != component.end())
        return invalid("the path component " + quoted(component) + " contains " + quoted(std::string_view(&*bad, 1))
            + "; repository paths may contain only lower-case letters, digits, '.', '_', '-' and '/'");
    if (!isLowerAlnum(component.front()) || !isLowerAlnum(component.back()))
        return invalid("the path component " + quoted(component) + " must start and end with a letter or digit");
    // Between runs of letters and digits: one '.', one or two '_', or any number of '-'.
    for (std::size_t i = 0; i < component.size();) {
        if (isLowerAlnum(component[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < component.size() && !isLowerAlnum(component[end]))
            ++end;
        const auto separator = component.substr(i, end - i);
        const bool allDashes = std::ranges::all_of(separator, [](char c) { return c == '-'; });
        if (!(separator == "." || separator == "_" || separator == "__" || allDashes))
            return invalid("the path component " + quoted(component) + " has the separator " + quoted(separator)
                + "; between letters and digits use one '.', one or two '_', or dashes");
        i = end;
    }
    return std::nullopt;
}

std::optional<Problem> repositoryPathProblem(std::string_view path)
{
    if (hasUpper(path))
        return invalid(
            "repository names must be lower-case (" + quoted(path) + " should be " + quoted(toLower(path)) + ")");
    for (std::size_t start = 0;;) {
        const auto slash = path.find('/', start);
        if (auto problem = pathComponentProblem(path.substr(start, slash - start)))
            return problem;
        if (slash == std::string_view::npos)
            return std::nullopt;
        start = slash + 1;
    }
}

bool isDomainComponent(std::string_view label)
{
    return !label.empty() && isAlnum(label.front()) && isAlnum(label.back())
        && std::ranges::all_of(label, [](char c) { return isAlnum(c) || c == '-'; });
}

std::optional<Problem> registryHostProblem(std::string_view domain)
{
    std::string_view host = domain;
    std::optional<std::string_view> port;
    if (domain.starts_with('[')) {
        const auto close = domain.find(']');
        if (close == std::string_view::npos)
            return invalid(
                "the registry host " + quoted(domain) + " opens '[' for an IPv6 address but never closes it");
        const auto address = domain.substr(1, close - 1);
        if (address.empty() || !std::ranges::all_of(address, [](char c) { return isHex(c) || c == ':'; }))
            return invalid("the registry host " + quoted(domain) + " is not an IPv6 address like \"[::1]:5000\"");
        host = domain.substr(0, close + 1);
        const auto rest = domain.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return invalid("the registry host " + quoted(domain) + " has something other than \":port\" after ']'");
            port = rest.substr(1);
        }
    } else {
        const auto colon = domain.find(':');
        if (colon != std::string_view::npos) {
            host = domain.substr(0, colon);
            port = domain.substr(colon + 1);
        }
        for (std::size_t start = 0;;) {
            const auto dot = host.find('.', start);
            if (!isDomainComponent(host.substr(start, dot - start)))
                return invalid("the registry host " + quoted(domain)
                    + " is not a host name, IPv4 address or [IPv6] address with an optional \":port\"");
            if (dot == std::string_view::npos)
                break;
            start = dot + 1;
        }
    }
    if (port) {
        // Docker allows leading zeros ("05000"): the value counts, not the number of digits.
        const bool digits = !port->empty() && std::ranges::all_of(*port, isDigit);
        const auto significant = port->substr(std::min(port->find_first_not_of('0'), port->size()));
        if (!digits || significant.empty() || significant.size() > 5 || std::stoi(std::string(significant)) > 65535)
            return invalid("the port in " + quoted(domain) + " must be a number from 1 to 65535");
    }
    return std::nullopt;
}

std::optional<Problem> digestProblem(std::string_view digest)
{
    const auto malformed = [&] {
        return invalid(
            "the digest " + quoted(digest) + " is malformed; expected \"sha256:\" and 64 lower-case hex digits");
    };
    const auto colon = digest.find(':');
    if (colon == std::string_view::npos)
        return malformed();
    const auto algorithm = digest.substr(0, colon);
    const auto encoded = digest.substr(colon + 1);
    if (toLower(algorithm) == "sha256") { // "SHA256:" is a typo, not another algorithm
        if (algorithm != "sha256" || encoded.size() != kSha256HexLength || !std::ranges::all_of(encoded, isLowerHex))
            return malformed();
        return std::nullopt;
    }
    // Docker's digest grammar: algorithm `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*`, then
    // at least 32 hex digits. Well-formed but foreign is Unsupported, anything else malformed.
    bool algorithmOk = !algorithm.empty();
    for (std::size_t i = 0; algorithmOk && i < algorithm.size(); ++i) {
        const char c = algorithm[i];
        const bool afterSeparator = i == 0 || std::string_view("-_+.").contains(algorithm[i - 1]);
        if (std::string_view("-_+.").contains(c))
            algorithmOk = !afterSeparator && i + 1 < algorithm.size();
        else
            algorithmOk = afterSeparator ? (isUpper(c) || isLower(c)) : isAlnum(c);
    }
    if (!algorithmOk || encoded.size() < 32 || !std::ranges::all_of(encoded, isHex))
        return malformed();
    return Problem { ErrorKind::Unsupported,
        "the digest " + quoted(digest) + " uses an unsupported digest algorithm " + quoted(algorithm)
            + "; only sha256 is supported" };
}

// `host:port` or `[v6]...` with no '/': Docker would read a Docker Hub name with a numeric tag,
// which is never what someone typing a registry address means.
bool isHostWithoutPath(std::string_view nameAndTag)
{
    if (nameAndTag.contains('/'))
        return false;
    if (nameAndTag.starts_with('['))
        return true;
    const auto colon = nameAndTag.rfind(':');
    if (colon == std::string_view::npos)
        return false;
    const auto host = nameAndTag.substr(0, colon);
    const auto port = nameAndTag.substr(colon + 1);
    return !port.empty() && std::ranges::all_of(port, isDigit) && (host.contains('.') || toLower(host) == "localhost");
}

bool isRegistryHostCandidate(std::string_view component)
{
    return component.contains('.') || component.contains(':') || toLower(component) == "localhost";
}

struct Parsed
{
    Reference reference;
    bool hasTag = false;
    bool hasDigest = false;
};

std::expected<Parsed, Problem> parsePieces(std::string_view text)
{
    if (text.empty())
        return std::unexpected(
            *invalid("it is empty; expected something like \"registry.example.com/team/app:1.2.3\""));
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r')
            return std::unexpected(*invalid(
                "it contains whitespace at position " + std::to_string(i + 1) + "; image references have no spaces"));
        if (byte < 0x20 || byte >= 0x7f)
            return std::unexpected(
                *invalid("it contains a control or non-ASCII character at position " + std::to_string(i + 1)));
    }
    if (text.size() == kSha256HexLength && std::ranges::all_of(text, isLowerHex))
        return std::unexpected(*invalid("a bare 64-digit hex string is an image ID, not a repository name"));

    Parsed parsed;
    std::string_view nameAndTag = text;
    if (const auto at = text.find('@'); at != std::string_view::npos) {
        nameAndTag = text.substr(0, at);
        const auto digest = text.substr(at + 1);
        if (digest.empty())
            return std::unexpected(*invalid("nothing follows '@'; a digest looks like \"@sha256:<64 hex digits>\""));
        if (auto problem = digestProblem(digest))
            return std::unexpected(*problem);
        parsed.reference.digest = digest;
        parsed.hasDigest = true;
    }
    if (isHostWithoutPath(nameAndTag))
        return std::unexpected(*invalid("it names a registry but no repository; add a path, like "
            + quoted(std::string(nameAndTag) + "/team/app")));

    std::string_view name = nameAndTag;
    const auto lastColon = nameAndTag.rfind(':');
    const auto lastSlash = nameAndTag.rfind('/');
    if (lastColon != std::string_view::npos && (lastSlash == std::string_view::npos || lastColon > lastSlash)) {
        name = nameAndTag.substr(0, lastColon);
        const auto tag = nameAndTag.substr(lastColon + 1);
        if (auto problem = tagProblem(tag))
            return std::unexpected(*problem);
        parsed.reference.tag = tag;
        parsed.hasTag = true;
    }
    if (name.empty())
        return std::unexpected(*invalid("there is no repository name before the tag or digest"));

    std::string registry(kDefaultRegistry);
    std::string_view path = name;
    if (const auto slash = name.find('/');
        slash != std::string_view::npos && isRegistryHostCandidate(name.substr(0, slash))) {
        const auto host = name.substr(0, slash);
        if (auto problem = registryHostProblem(host))
            return std::unexpected(*problem);
        registry = toLower(host);
        if (registry == kLegacyDefaultRegistry)
            registry = kDefaultRegistry;
        path = name.substr(slash + 1);
        if (path.empty())
            return std::unexpected(*invalid("it names the registry " + quoted(host)
                + " but no repository; add a path, like " + quoted(std::string(host) + "/team/app")));
    }
    if (auto problem = repositoryPathProblem(path))
        return std::unexpected(*problem);
    parsed.reference.registry = registry;
    parsed.reference.repository = (registry == kDefaultRegistry && !path.contains('/'))
        ? std::string(kOfficialPrefix) + std::string(path)
        : std::string(path);

    // Docker counts the path alone (library/ included), not the registry host.
    const auto pathLength = parsed.reference.repository.size();
    if (pathLength > kPathMaxLength)
        return std::unexpected(*invalid("the repository path " + quoted(parsed.reference.repository) + " is "
            + std::to_string(pathLength) + " characters long; repository paths have at most 255"));
    return parsed;
}

} // namespace

Result<Reference> Reference::parse(std::string_view text)
{
    auto parsed = parsePieces(text);
    if (!parsed)
        return fail(
            parsed.error().kind, quoted(text) + " is not a valid image reference: " + parsed.error().reason + '.');
    if (!parsed->hasTag && !parsed->hasDigest)
        parsed->reference.tag = kLatest;
    return parsed->reference;
}

Result<Reference> Reference::parseRepository(std::string_view text)
{
    const auto prefix = [&] { return quoted(text) + " is not a valid repository name: "; };
    auto parsed = parsePieces(text);
    if (!parsed)
        return fail(parsed.error().kind, prefix() + parsed.error().reason + '.');
    if (parsed->hasTag || parsed->hasDigest)
        return fail(ErrorKind::InvalidInput,
            prefix() + "a repository name takes no tag or digest; drop the part from the last ':' or the '@'.");
    return parsed->reference;
}

std::string Reference::name() const
{
    return registry + '/' + repository;
}

std::string Reference::toString() const
{
    std::string text = name();
    if (!tag.empty())
        text += ':' + tag;
    if (!digest.empty())
        text += '@' + digest;
    return text;
}

std::string Reference::manifestIdentifier() const
{
    return digest.empty() ? tag : digest;
}

Reference Reference::withTag(std::string newTag) const
{
    Reference copy = *this;
    copy.tag = std::move(newTag);
    copy.digest.clear();
    return copy;
}

Reference Reference::withDigest(std::string newDigest) const
{
    Reference copy = *this;
    copy.digest = std::move(newDigest);
    return copy;
}

bool isValidTag(std::string_view tag)
{
    return !tagProblem(tag);
}

bool isValidRepositoryPath(std::string_view path)
{
    return path.size() <= kPathMaxLength && !repositoryPathProblem(path);
}

bool isValidDigest(std::string_view digest)
{
    return !digestProblem(digest);
}

Status validateDigest(std::string_view digest)
{
    if (auto problem = digestProblem(digest)) {
        problem->reason.front() = char(problem->reason.front() - 'a' + 'A'); // "The digest …"
        return fail(problem->kind, std::move(problem->reason) + '.');
    }
    return {};
}

} // namespace gantry::registry
