#pragma once

#include "base/timestamps.h"
#include "model/policy/severity.h"
#include "model/workspace/workspace.h"
#include "registry/tls/certificateinfo.h"

#include <string>
#include <string_view>

namespace gantry::model {

/// How a certificate or a cluster stands is a Severity: ok, warning, critical or expired for a
/// certificate; a cluster adds unknown when it could not be reached. This is how that reads on the
/// Clusters page and in `gantryctl clusters` (text and JSON): the scale's word, except that unknown
/// reads "unreachable", the only way a cluster's standing is unknown.
std::string_view clusterStatusText(Severity status);

/// One certificate judged against the thresholds.
struct CertificateVerdict
{
    Severity status = Severity::Ok;
    int daysLeft = 0; ///< whole days until notAfter, rounded down; negative once expired
    bool renewalOverdue = false; ///< past two thirds of its lifetime
    std::string reason; ///< "expires in 12 days", "renewal overdue: 71 of 90 days used"
};

/// `expired` once notAfter has passed; `critical` with criticalDays or fewer left; `warning`
/// with warningDays or fewer left or past two thirds of its lifetime (renewal overdue: throwaway
/// clusters renew their 90-day certificates at 60 days); else `ok`.
CertificateVerdict judgeCertificate(
    const registry::CertificateInfo& certificate, registry::Timestamp now, const CertificateThresholds& thresholds);

/// floor((notAfter - now) / 24 h), also for negative values.
int daysBetween(registry::Timestamp now, registry::Timestamp notAfter);

} // namespace gantry::model
