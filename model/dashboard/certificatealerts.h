#pragma once

#include "model/dashboard/dashboardsnapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace gantry::model {

/// A cluster whose certificates crossed a threshold between two snapshots: for a tray notice.
struct CertificateAlert
{
    std::string cluster;
    Severity before = Severity::Ok;
    Severity now = Severity::Ok; ///< Warning, Critical or Expired
    std::string reason; ///< the certificate that crossed: "served certificate expires in 13 days"
};

/// The clusters whose certificate level got worse from `before` to `after`: ok → warning, → critical,
/// → expired. A cluster's level is its worst certificate judged again at each snapshot's `taken`
/// against `thresholds`, so a change of thresholds between the two is no crossing and reachability
/// never counts (an unreachable cluster is a network matter, not a certificate one). A cluster new in
/// `after`, or with no certificate read in either, gives no alert.
std::vector<CertificateAlert> certificateAlerts(
    const DashboardSnapshot& before, const DashboardSnapshot& after, const CertificateThresholds& thresholds);

/// Remembers the snapshot the user has already seen, so that only a real change alerts. The first
/// snapshot it observes (the one loaded from the cache at start) only primes it: what was already
/// critical last session is not news. Every later snapshot (each refresh, the first included) is
/// compared with the one before it.
class CertificateAlertWatch
{
public:
    std::vector<CertificateAlert> observe(const DashboardSnapshot& snapshot, const CertificateThresholds& thresholds);

private:
    std::optional<DashboardSnapshot> m_seen;
};

} // namespace gantry::model
