#pragma once

#include "base/error.h"
#include "registry/http/httpmessage.h"

#include <string_view>

namespace gantry::registry {

/// Turns a registry's error answer into an Error: the kind from the status, the registry's own
/// code and message from its `{"errors":[…]}` body when there is one (HTML pages and the empty
/// bodies of HEAD answers are described, never dumped). `what` says what was being done.
Error errorFromResponse(const HttpResponse& response, std::string_view what);

} // namespace gantry::registry
