#include "model/clusters/certificatelifetime.h"

#include <algorithm>

namespace gantry::model {

CertificateLifetime certificateLifetime(
    const registry::CertificateInfo& certificate, registry::Timestamp now, const CertificateThresholds& thresholds)
{
    const auto lifetime = static_cast<double>((certificate.notAfter - certificate.notBefore).count());
    const auto fractionAt = [&](registry::Timestamp time) {
        if (lifetime <= 0)
            return 1.0;
        return std::clamp(static_cast<double>((time - certificate.notBefore).count()) / lifetime, 0.0, 1.0);
    };
    const auto judged = judgeCertificate(certificate, now, thresholds);
    return CertificateLifetime {
        .elapsed = fractionAt(now),
        .warningMark = fractionAt(certificate.notAfter - std::chrono::days(thresholds.warningDays)),
        .criticalMark = fractionAt(certificate.notAfter - std::chrono::days(thresholds.criticalDays)),
        .daysLeft = judged.daysLeft,
        .status = judged.status,
    };
}

} // namespace gantry::model
