#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace gantry::model {

/// Background problems for the messages view: each distinct message once, with how often and when it
/// was last seen, so a registry that fails on every refresh makes one row, not a storm.
class MessageLog final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LastSeen, Count, Message, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    /// Adds a message, or counts it again. `when` defaults to now.
    void add(const QString& message, const QDateTime& when = QDateTime::currentDateTimeUtc());
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
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
    QList<Entry> m_entries; ///< oldest first
};

} // namespace gantry::model
