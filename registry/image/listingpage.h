#pragma once

#include "base/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace gantry::registry {

/// The names one page of `/v2/<name>/tags/list` or `/v2/_catalog` lists under `key` ("tags",
/// "repositories"), in order. Entries that are not strings are skipped; a missing key or `null`
/// (a repository whose tags were all deleted answers `"tags": null`) is an empty page. Protocol
/// error, prefixed with `what`, when the body is not a JSON object or `key` is not a list.
Result<std::vector<std::string>> parseListingPage(std::string_view body, const char* key, std::string_view what);

} // namespace gantry::registry
