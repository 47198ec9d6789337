#pragma once

#include "base/timestamps.h"

#include <QDateTime>
#include <QString>
#include <string>
#include <string_view>

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
/// Text from outside (a tag, a name, a registry's error) as a widget shows it: controls, invalid
/// UTF-8 and bidirectional overrides escaped as gantryctl prints them (registry::printable).
QString displayText(std::string_view text);
QString displayText(const QString& text);
/// The same for a message that Gantry wrote in lines: its line breaks stay.
QString displayLines(const QString& text);
/// "5 days", "1 day", "today", "expired 3 days ago" (whole days); `daysLeft` as daysBetween counts them.
QString daysLeftText(int daysLeft, bool expired);

} // namespace gantry::model
