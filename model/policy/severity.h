#pragma once

#include <string_view>

namespace gantry::model {

/// How urgent something is: the one scale for a certificate or a cluster, a tag's retention expiry, a
/// registry's reachability and a journal entry's outcome, so that every page paints urgency alike
/// (ui/severitydelegate.h). Least urgent first, so that the worse of two is the larger. Unknown (it
/// could not be read: an unreachable cluster or registry) ranks above critical and below expired, as an
/// unreachable cluster always has: a site whose clusters are expired or unreachable is worst expired.
///
/// It lives in model/policy, the lowest folder that every model using it links (clusters, dashboard and
/// tables all build on policy) and whose namespace they share; nothing below model/ judges urgency.
enum class Severity {
    Ok, ///< nothing to do
    Notice, ///< nothing wrong, worth a look: not final yet, not there yet
    Warning, ///< act soon
    Critical, ///< act now
    Unknown, ///< could not be read
    Expired, ///< too late
};

/// "ok", "notice", "warning", "critical", "unknown", "expired".
std::string_view toString(Severity severity);
Severity worst(Severity a, Severity b);

} // namespace gantry::model
