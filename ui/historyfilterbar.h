#pragma once

#include <QWidget>
#include <string>
#include <vector>

class QComboBox;
class QDateEdit;
class QLineEdit;

namespace gantry::model {
class JournalFilterProxy;
}

namespace gantry::ui {

/// The History page's filters: pipeline, tag, action (or actions / observations only) and a date
/// range in local days. Each change goes straight to the proxy.
class HistoryFilterBar final : public QWidget
{
    Q_OBJECT
public:
    HistoryFilterBar(
        model::JournalFilterProxy& proxy, const std::vector<std::string>& pipelines, QWidget* parent = nullptr);

private:
    void applyToProxy();

    model::JournalFilterProxy& m_proxy;
    QComboBox* m_pipeline = nullptr;
    QLineEdit* m_tag = nullptr;
    QComboBox* m_action = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
};

} // namespace gantry::ui
