#include "model/tables/tagfilterproxy.h"

#include "model/tables/tagtablemodel.h"

namespace gantry::model {

TagFilterProxy::TagFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RawValueRole);
}

void TagFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    // Before the base class: it may filter and sort right away.
    m_tags = dynamic_cast<const TagTableModel*>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void TagFilterProxy::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    rebuildMatcher();
}

void TagFilterProxy::setRegularExpression(bool enabled)
{
    if (enabled == m_isRegularExpression)
        return;
    m_isRegularExpression = enabled;
    rebuildMatcher();
}

void TagFilterProxy::setReleaseClasses(const std::set<ReleaseClass>& classes)
{
    if (classes == m_classes)
        return;
    m_classes = classes;
    m_classMask = 0;
    for (const ReleaseClass releaseClass : classes)
        m_classMask |= 1u << static_cast<unsigned>(releaseClass);
    refilter();
}

void TagFilterProxy::rebuildMatcher()
{
    m_error.clear();
    m_stageMatches.clear();
    m_substring.setPattern({});
    m_pattern = {};
    if (m_isRegularExpression && !m_text.isEmpty()) {
        // Multi-line: the search text holds repository, tag and digest on lines of their own.
        m_pattern = QRegularExpression(
            m_text, QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
        if (m_pattern.isValid()) {
            m_pattern.optimize();
        } else {
            m_error = tr("Not a regular expression at offset %1: %2")
                          .arg(m_pattern.patternErrorOffset())
                          .arg(m_pattern.errorString());
            m_pattern = {};
        }
    } else if (!m_isRegularExpression) {
        m_substring.setPattern(m_text.toLower());
    }
    refilter();
}

void TagFilterProxy::refilter()
{
    // Not invalidateFilter(): QSortFilterProxyModel then finds each newly shown row's place in the
    // sorted rows one by one and signals per run of rows, and hides rows run by run; with 100,000 rows
    // building the mapping afresh (one filter pass, one sort, one layout change) is several times faster.
    invalidate();
}

bool TagFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_tags || sourceParent.isValid())
        return true;
    const TagEntry& entry = m_tags->entry(sourceRow);
    if (m_classMask != 0 && (m_classMask & (1u << static_cast<unsigned>(entry.releaseClass))) == 0)
        return false;
    if (m_substring.pattern().isEmpty() && m_pattern.pattern().isEmpty())
        return true;
    return stageMatches(entry.stage) || matches(entry.searchText);
}

bool TagFilterProxy::matches(const QString& text) const
{
    if (!m_substring.pattern().isEmpty())
        return m_substring.indexIn(text) >= 0;
    return m_pattern.match(text).hasMatch();
}

bool TagFilterProxy::stageMatches(quint32 stage) const
{
    if (stage >= m_stageMatches.size())
        m_stageMatches.resize(m_tags->stageCount(), -1);
    std::int8_t& known = m_stageMatches[stage];
    if (known < 0)
        known = matches(m_tags->stageSearchText(stage)) ? 1 : 0;
    return known == 1;
}

bool TagFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (m_tags && left.model() == m_tags && left.column() == right.column())
        return m_tags->rawLess(left.row(), right.row(), left.column());
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace gantry::model
