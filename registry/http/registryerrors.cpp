#include "registry/http/registryerrors.h"

#include "base/jsonfields.h"
#include "base/printabletext.h"

#include <nlohmann/json.hpp>

namespace gantry::registry {

namespace {

ErrorKind kindForStatus(long status)
{
    switch (status) {
    case 401:
        return ErrorKind::Unauthorized;
    case 403:
        return ErrorKind::Denied;
    case 404:
        return ErrorKind::NotFound;
    case 405:
        return ErrorKind::Unsupported;
    case 408:
        return ErrorKind::Timeout;
    case 413:
        return ErrorKind::TooLarge;
    default:
        return status >= 500 || status == 429 ? ErrorKind::Server : ErrorKind::Protocol;
    }
}

std::string describeStatus(long status)
{
    switch (status) {
    case 401:
        return "401 (unauthorized)";
    case 403:
        return "403 (denied)";
    case 404:
        return "404 (not found)";
    case 405:
        return "405 (operation not supported)";
    case 429:
        return "429 (too many requests; rate limited)";
    case 500:
        return "500 (internal error)";
    case 502:
        return "502 (bad gateway)";
    case 503:
        return "503 (unavailable)";
    default:
        return std::to_string(status);
    }
}

// Registry messages are short; a hostile one should not flood the terminal, nor drive it:
// escaped here, where the registry's text enters the message every caller shows.
std::string clip(std::string text)
{
    constexpr std::size_t limit = 300;
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    }
    if (text.size() > limit)
        return printable(text.substr(0, limit)) + "…";
    return printable(text);
}

} // namespace

Error errorFromResponse(const HttpResponse& response, std::string_view what)
{
    Error error;
    error.kind = kindForStatus(response.status);
    error.httpStatus = static_cast<int>(response.status);
    std::string detail;

    const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_object() && body.contains("errors") && body["errors"].is_array() && !body["errors"].empty()) {
        const auto& first = body["errors"][0];
        if (first.is_object()) {
            error.registryCode = stringField(first, "code");
            detail = stringField(first, "message");
            if (error.registryCode == "MANIFEST_UNKNOWN" || error.registryCode == "BLOB_UNKNOWN"
                || error.registryCode == "NAME_UNKNOWN")
                error.kind = ErrorKind::NotFound;
            else if (error.registryCode == "DENIED")
                error.kind = ErrorKind::Denied;
            else if (error.registryCode == "UNSUPPORTED")
                error.kind = ErrorKind::Unsupported;
        }
    } else if (response.body.find("<html") != std::string::npos || response.body.find("<HTML") != std::string::npos) {
        detail = "an HTML page instead of a registry answer (a proxy or login page?)";
    } else if (!response.body.empty()) {
        detail = response.body;
    }

    error.message = std::string(what) + ": the registry answered " + describeStatus(response.status);
    if (!error.registryCode.empty())
        error.message += " " + error.registryCode;
    if (!detail.empty())
        error.message += ": " + clip(detail);
    return error;
}

} // namespace gantry::registry
