#pragma once

#include "model/clusters/certificatestatus.h"

#include <QMetaType>

namespace gantry::model {

/// Where a certificate stands in its life, as fractions (0 … 1) of notBefore → notAfter: what the
/// Clusters page's lifetime bar draws.
struct CertificateLifetime
{
    double elapsed = 0; ///< the part used at `now`
    double warningMark = 0; ///< where notAfter − warningDays falls
    double criticalMark = 0; ///< where notAfter − criticalDays falls
    int daysLeft = 0;
    Severity status = Severity::Ok; ///< the certificate's own verdict
};

/// Fractions clamped to 0 … 1 (a mark before notBefore sits at 0); a certificate whose notAfter is
/// not after its notBefore counts as all used.
CertificateLifetime certificateLifetime(
    const registry::CertificateInfo& certificate, registry::Timestamp now, const CertificateThresholds& thresholds);

} // namespace gantry::model

Q_DECLARE_METATYPE(gantry::model::CertificateLifetime)
