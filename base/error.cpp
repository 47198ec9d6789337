#include "base/error.h"

namespace gantry::registry {

std::string_view toString(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::InvalidInput:
        return "invalid input";
    case ErrorKind::NotFound:
        return "not found";
    case ErrorKind::Unauthorized:
        return "unauthorized";
    case ErrorKind::Denied:
        return "denied";
    case ErrorKind::Network:
        return "network";
    case ErrorKind::Timeout:
        return "timeout";
    case ErrorKind::Tls:
        return "tls";
    case ErrorKind::Protocol:
        return "protocol";
    case ErrorKind::DigestMismatch:
        return "digest mismatch";
    case ErrorKind::TooLarge:
        return "too large";
    case ErrorKind::Unsupported:
        return "unsupported";
    case ErrorKind::Server:
        return "server";
    case ErrorKind::Cancelled:
        return "cancelled";
    case ErrorKind::Io:
        return "io";
    }
    return "unknown";
}

Error withContext(Error error, std::string_view context)
{
    error.message = std::string(context) + ": " + error.message;
    return error;
}

} // namespace gantry::registry
