#include "model/tables/displaytext.h"

#include "base/printabletext.h"

#include <algorithm>

namespace gantry::model {

QDateTime toDateTime(registry::Timestamp time)
{
    return QDateTime::fromSecsSinceEpoch(time.time_since_epoch().count(), Qt::UTC);
}

QString localDateTime(registry::Timestamp time)
{
    return toDateTime(time).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString localDate(registry::Timestamp time)
{
    return toDateTime(time).toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}

QString timeAgo(registry::Timestamp then, registry::Timestamp now)
{
    const auto seconds = (now - then).count();
    const auto minutes = (seconds >= 0 ? seconds : -seconds) / 60;
    QString amount;
    if (minutes < 1)
        return QStringLiteral("just now");
    if (minutes < 60)
        amount = QStringLiteral("%1 min").arg(minutes);
    else if (minutes < 48 * 60)
        amount = QStringLiteral("%1 h").arg(minutes / 60);
    else
        amount = QStringLiteral("%1 days").arg(minutes / (24 * 60));
    return seconds >= 0 ? amount + QStringLiteral(" ago") : QStringLiteral("in ") + amount;
}

QString shortDigest(const std::string& digest)
{
    const auto colon = digest.find(':');
    if (colon == std::string::npos)
        return QString::fromStdString(digest);
    return QString::fromStdString(digest.substr(0, colon + 1 + 8));
}

QString displayText(std::string_view text)
{
    return QString::fromStdString(registry::printable(text));
}

QString displayText(const QString& text)
{
    // Most text is plain ASCII; a table of 100,000 tags should not convert each one twice.
    const bool plain = std::ranges::all_of(text, [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7F; });
    return plain ? text : displayText(text.toStdString());
}

QString displayLines(const QString& text)
{
    return QString::fromStdString(registry::printable(text.toStdString(), registry::LineBreaks::Keep));
}

QString daysLeftText(int daysLeft, bool expired)
{
    if (expired) {
        // daysLeft is floored: -1 means it expired less than a day ago.
        const int ago = -daysLeft - 1;
        if (ago < 1)
            return QStringLiteral("expired today");
        return ago == 1 ? QStringLiteral("expired 1 day ago") : QStringLiteral("expired %1 days ago").arg(ago);
    }
    if (daysLeft == 0)
        return QStringLiteral("today");
    return daysLeft == 1 ? QStringLiteral("1 day") : QStringLiteral("%1 days").arg(daysLeft);
}

} // namespace gantry::model
