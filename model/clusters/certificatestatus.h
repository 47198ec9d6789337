#pragma once

#include "registry/tls/certificateinfo.h"
#include "base/timestamps.h"
#include "model/workspace/workspace.h"

#include <string>
#include <string_view>

namespace gantry::model {

/// How a certificate or a cluster stands, least urgent first: `worst` of two is the larger.
enum class CertificateStatus { Ok, Warning, Critical, Unreachable, Expired };
std::string_view toString(CertificateStatus status);
CertificateStatus worst(CertificateStatus a, CertificateStatus b);

/// One certificate judged against the thresholds.
struct CertificateVerdict
{
    CertificateStatus status = CertificateStatus::Ok;
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
