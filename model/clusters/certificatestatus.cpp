#include "model/clusters/certificatestatus.h"

namespace gantry::model {

std::string_view clusterStatusText(Severity status)
{
    return status == Severity::Unknown ? "unreachable" : toString(status);
}

int daysBetween(registry::Timestamp now, registry::Timestamp notAfter)
{
    const auto seconds = (notAfter - now).count();
    constexpr long long day = 86400;
    // Rounded towards minus infinity: one second past expiry is day -1, not day 0.
    return static_cast<int>(seconds >= 0 ? seconds / day : -((-seconds + day - 1) / day));
}

CertificateVerdict judgeCertificate(
    const registry::CertificateInfo& certificate, registry::Timestamp now, const CertificateThresholds& thresholds)
{
    CertificateVerdict verdict;
    verdict.daysLeft = daysBetween(now, certificate.notAfter);
    const auto lifetime = (certificate.notAfter - certificate.notBefore).count();
    const auto used = (now - certificate.notBefore).count();
    verdict.renewalOverdue = lifetime > 0 && used * 3 > lifetime * 2;
    const std::string left
        = "expires in " + std::to_string(verdict.daysLeft) + (verdict.daysLeft == 1 ? " day" : " days");
    if (now >= certificate.notAfter) {
        verdict.status = Severity::Expired;
        verdict.reason = "expired " + registry::formatRfc3339(certificate.notAfter);
    } else if (verdict.daysLeft <= thresholds.criticalDays) {
        verdict.status = Severity::Critical;
        verdict.reason = left;
    } else if (verdict.daysLeft <= thresholds.warningDays) {
        verdict.status = Severity::Warning;
        verdict.reason = left;
    } else if (verdict.renewalOverdue) {
        verdict.status = Severity::Warning;
        verdict.reason = left + "; renewal overdue: " + std::to_string(used / 86400) + " of "
            + std::to_string(lifetime / 86400) + " days used";
    } else {
        verdict.reason = left;
    }
    return verdict;
}

} // namespace gantry::model
