#pragma once

#include "base/error.h"

#include <string>
#include <string_view>

namespace gantry::registry {

/// Standard base64 (RFC 4648 §4, `+/` alphabet, `=` padding, no line breaks), as used by
/// HTTP Basic auth and by the `auth` field of Docker's config.json.
std::string base64Encode(std::string_view bytes);

/// Decodes standard base64. Padding may be omitted; whitespace, the URL-safe alphabet and
/// misplaced padding are errors. The error message never quotes the input (it is often a secret).
Result<std::string> base64Decode(std::string_view text);

} // namespace gantry::registry
