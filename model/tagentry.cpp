#include "tagentry.h"

#include <charconv>

namespace gantry::model {

namespace {

qint64 secondsOf(registry::Timestamp time)
{
    return time.time_since_epoch().count();
}

std::string joined(const std::vector<std::string>& parts)
{
    std::string text;
    for (const std::string& part : parts)
        text += (text.empty() ? "" : ", ") + part;
    return text;
}

// Retention keeps the rule's count only in its description ("the newest 3 by push time").
qint32 newestCountIn(std::string_view ruleDescription)
{
    constexpr std::string_view lead = "the newest ";
    const std::size_t at = ruleDescription.find(lead);
    qint32 count = 0;
    if (at != std::string_view::npos) {
        const char* first = ruleDescription.data() + at + lead.size();
        std::from_chars(first, ruleDescription.data() + ruleDescription.size(), count);
    }
    return count;
}

std::string keptByText(const TagRow& row)
{
    if (!row.retention)
        return "no policy";
    const ArtifactRetention& retention = *row.retention;
    if (retention.keptBy.empty())
        return retention.reason;
    if (!retention.keptByTag.empty() && retention.keptByTag != row.tag)
        return retention.keptBy + " (through " + retention.keptByTag + ")";
    return retention.keptBy;
}

} // namespace

QString TextPool::intern(const std::string& text)
{
    if (text.empty())
        return {};
    const QString converted = QString::fromStdString(text);
    const auto found = m_texts.constFind(converted);
    if (found != m_texts.cend())
        return found.value();
    m_texts.insert(converted, converted);
    return converted;
}

TagEntry makeTagEntry(const TagRow& row, quint32 stage, TextPool& pool)
{
    TagEntry entry;
    entry.tag = QString::fromStdString(row.tag);
    const QString prefix = QString::fromStdString(row.repository + '\n' + row.tag + '\n').toLower();
    entry.searchText = prefix + QString::fromStdString(row.digest).toLower();
    entry.digestOffset = static_cast<quint16>(prefix.size());
    entry.platforms = pool.intern(joined(row.platforms));
    entry.keptBy = pool.intern(keptByText(row));
    entry.runningClusters = pool.intern(joined(row.runningClusters));
    if (row.created)
        entry.created = secondsOf(*row.created);
    entry.size = row.size;
    entry.stage = stage;
    entry.releaseClass = row.releaseClass;
    if (row.retention) {
        const ArtifactRetention& retention = *row.retention;
        entry.retention = static_cast<std::int8_t>(retention.status);
        entry.reason = pool.intern(retention.reason);
        if (retention.expires)
            entry.expires = secondsOf(*retention.expires);
        entry.daysLeft = retention.daysLeft.value_or(TagEntry::noDaysLeft);
        if (retention.status == RetentionStatus::KeptWhileNewest)
            entry.newestCount = newestCountIn(retention.keptBy);
    }
    return entry;
}

} // namespace gantry::model
