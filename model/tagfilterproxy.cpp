#include "tagfilterproxy.h"

#include "tagtablemodel.h"

namespace gantry::model {

TagFilterProxy::TagFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TagTableModel::RawValueRole);
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
    invalidateFilter();
}

void TagFilterProxy::rebuildMatcher()
{
    m_error.clear();
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
    invalidateFilter();
}

bool TagFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_tags || sourceParent.isValid())
        return true;
    const TagEntry& entry = m_tags->entry(sourceRow);
    if (!m_classes.empty() && !m_classes.contains(entry.releaseClass))
        return false;
    if (!m_substring.pattern().isEmpty())
        return m_substring.indexIn(entry.searchText) >= 0;
    if (!m_pattern.pattern().isEmpty())
        return m_pattern.match(entry.searchText).hasMatch();
    return true;
}

bool TagFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (m_tags && left.model() == m_tags && left.column() == right.column())
        return m_tags->rawLess(left.row(), right.row(), left.column());
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace gantry::model
