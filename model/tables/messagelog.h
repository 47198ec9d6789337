#pragma once

#include "model/tables/rowtablemodel.h"

#include <QDateTime>
#include <QString>
#include <vector>

namespace gantry::model {

/// Background problems for the messages view: each distinct message once, with how often and when it
/// was last seen, so a registry that fails on every refresh makes one row, not a storm.
class MessageLog final : public RowTableModel<MessageLog>
{
    Q_OBJECT
    friend class RowTableModel<MessageLog>;

public:
    enum Column { LastSeen, Count, Message, ColumnCount };

    using RowTableModel::RowTableModel;

    /// Adds a message, or counts it again. `when` defaults to now.
    void add(const QString& message, const QDateTime& when = QDateTime::currentDateTimeUtc());
    void clear();

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// A message not seen before (the banner shows these; repeats stay quiet).
    void newMessage(const QString& message);

private:
    struct Entry
    {
        QString message;
        int count = 0;
        QDateTime lastSeen;
    };
    QVariant display(const Entry& entry, int column) const;
    QVariant rawValue(const Entry& entry, int column) const;
    QVariant otherRole(const Entry& entry, int column, int role) const;

    std::vector<Entry> m_rows; ///< oldest first
};

} // namespace gantry::model
