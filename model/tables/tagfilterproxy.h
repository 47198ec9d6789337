#pragma once

#include "model/policy/releaseclass.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStringMatcher>
#include <cstdint>
#include <set>
#include <vector>

namespace gantry::model {

class TagTableModel;

/// Filters the Tags page: a text over repository, tag and digest (a case-insensitive substring, or a
/// regular expression in which `^` and `$` anchor at each of the three), and a set of release classes.
/// Sorts on RawValueRole. Built for 100,000 rows: a filter change compares against the
/// model's precomputed lower-case search text and allocates nothing per row for a substring.
class TagFilterProxy final : public QSortFilterProxyModel
{
    Q_DECLARE_TR_FUNCTIONS(TagFilterProxy)
public:
    explicit TagFilterProxy(QObject* parent = nullptr);

    /// Takes a TagTableModel; any other model shows unfiltered and sorts by RawValueRole.
    void setSourceModel(QAbstractItemModel* model) override;

    /// Empty: every row. Applied at once.
    void setFilterText(const QString& text);
    /// True: the filter text is a regular expression, matched case-insensitively.
    void setRegularExpression(bool enabled);
    /// Why the filter text is not a valid regular expression (with the offset); empty when it is, or in
    /// substring mode. An invalid expression filters nothing out.
    QString filterError() const { return m_error; }
    /// The classes to show; empty: all.
    void setReleaseClasses(const std::set<ReleaseClass>& classes);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void rebuildMatcher();
    void refilter();
    bool matches(const QString& text) const;
    bool stageMatches(quint32 stage) const;

    const TagTableModel* m_tags = nullptr;
    QString m_text;
    bool m_isRegularExpression = false;
    std::set<ReleaseClass> m_classes;
    quint32 m_classMask = 0; ///< m_classes as bits, for filterAcceptsRow; 0: all
    QString m_error;
    QStringMatcher m_substring; ///< the lower-cased text; empty pattern: no text filter
    QRegularExpression m_pattern; ///< valid only in regular-expression mode
    /// Per stage of the model: -1 not asked yet, else whether its repository matches the text. Every row
    /// of a stage shares its repository, so it is matched once per stage, not once per row.
    mutable std::vector<std::int8_t> m_stageMatches;
};

} // namespace gantry::model
