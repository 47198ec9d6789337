#include "model/dashboard/tagentry.h"

#include <algorithm>
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

bool isAscii(std::string_view text)
{
    return std::ranges::all_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// `tag\ndigest` in lower case, written in place: one allocation per row, not one per piece (100,000 rows
// of short-lived pieces would leave the heap full of holes).
QString lowerCaseSearchText(std::string_view tag, std::string_view digest)
{
    if (!isAscii(tag) || !isAscii(digest))
        return QString::fromStdString(std::string(tag) + '\n' + std::string(digest)).toLower();
    QString text(static_cast<qsizetype>(tag.size() + 1 + digest.size()), Qt::Uninitialized);
    QChar* out = text.data();
    const auto lower = [](char c) { return QChar(QLatin1Char(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c)); };
    out = std::ranges::transform(tag, out, lower).out;
    *out++ = u'\n';
    std::ranges::transform(digest, out, lower);
    return text;
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
    entry.searchText = lowerCaseSearchText(row.tag, row.digest);
    entry.digestOffset = static_cast<quint16>(entry.searchText.lastIndexOf(u'\n') + 1);
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
