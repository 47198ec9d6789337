#pragma once

#include "registry/timestamps.h"

#include <QDateTime>
#include <QString>
#include <string>

namespace gantry::model {

/// The dashboard's ways of writing times and digests, one for every table.
QDateTime toDateTime(registry::Timestamp time);
/// "2026-11-23 17:05", in local time.
QString localDateTime(registry::Timestamp time);
/// "2026-11-23", in local time.
QString localDate(registry::Timestamp time);
/// "just now", "3 min ago", "5 h ago", "2 days ago"; "in 4 min" for a time after `now` (clocks differ).
QString timeAgo(registry::Timestamp then, registry::Timestamp now);
/// "sha256:ab12cd34": the algorithm and the first 8 hex digits; anything else unchanged.
QString shortDigest(const std::string& digest);
/// "5 days", "1 day", "today", "expired 3 days ago" (whole days); `daysLeft` as daysBetween counts them.
QString daysLeftText(int daysLeft, bool expired);

} // namespace gantry::model
