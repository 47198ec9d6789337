#pragma once

#include "model/dashboard/dashboardsnapshot.h"

#include <QHash>
#include <QString>
#include <QStringView>
#include <cstdint>
#include <limits>

namespace gantry::model {

/// One row of the Tags page, compact: 100,000 of them must fit in far less than the 200 MB the whole
/// process may use. Texts are converted once when a snapshot arrives; repeated ones (platforms, rules,
/// reasons) share one buffer; the stage's names live once in the model's stage table.
struct TagEntry
{
    static constexpr qint64 unknownTime = std::numeric_limits<qint64>::min();
    static constexpr qint32 noDaysLeft = std::numeric_limits<qint32>::min();
    static constexpr std::int8_t noPolicy = -1;

    QString tag;
    /// Lower-case `tag\ndigest`: what the filter searches (with the stage's repository), one string per
    /// row so that filtering allocates nothing. The digest is read from it too (digests are lower-case).
    QString searchText;
    QString platforms; ///< "linux/amd64, linux/arm64"
    QString keptBy; ///< "no policy", the keeping rule, or why nothing keeps it
    QString reason; ///< the retention verdict's sentence
    QString runningClusters; ///< "cluster-a, cluster-b"
    qint64 created = unknownTime; ///< seconds since the epoch
    qint64 size = -1;
    qint64 expires = unknownTime; ///< seconds since the epoch
    qint32 daysLeft = noDaysLeft;
    qint32 tagRank = 0; ///< tagLess order among the snapshot's tags
    qint32 newestCount = 0; ///< for KeptWhileNewest: the rule's count, 0 when unknown
    quint32 stage = 0; ///< index in the model's stage table
    quint16 digestOffset = 0; ///< where the digest starts in searchText
    ReleaseClass releaseClass = ReleaseClass::Other;
    std::int8_t retention = noPolicy; ///< a RetentionStatus, or noPolicy

    QStringView digest() const { return QStringView(searchText).sliced(digestOffset); }
    bool operator==(const TagEntry&) const = default;
};

/// Hands out one shared QString per distinct text, so that a text repeated over thousands of rows is
/// stored once.
class TextPool
{
public:
    QString intern(const std::string& text);

private:
    QHash<QString, QString> m_texts;
};

/// The compact row for `row`, whose stage has index `stage` in the model's stage table; tagRank stays 0.
TagEntry makeTagEntry(const TagRow& row, quint32 stage, TextPool& pool);

} // namespace gantry::model
