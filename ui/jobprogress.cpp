#include "ui/jobprogress.h"

#include "model/dashboard/dashboard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace gantry::ui {

JobProgress::JobProgress(model::Dashboard& dashboard, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    m_label->setTextFormat(Qt::PlainText); // job texts name pipelines and tags
    m_bar->setMaximumWidth(180);
    m_bar->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancelJob"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, &dashboard, &model::Dashboard::cancel);
    connect(&dashboard, &model::Dashboard::progress, this, &JobProgress::showProgress);
    connect(&dashboard, &model::Dashboard::busyChanged, this, [this](bool busy) {
        setVisible(busy);
        if (busy)
            showProgress(tr("working…"), 0, 0);
    });
    setVisible(dashboard.isBusy());
}

void JobProgress::showProgress(const QString& what, qint64 done, qint64 total)
{
    m_label->setText(what);
    // A busy indicator while the total is unknown; bytes or items, scaled to the bar's int range.
    if (total <= 0) {
        m_bar->setRange(0, 0);
        return;
    }
    m_bar->setRange(0, 1000);
    m_bar->setValue(static_cast<int>(done * 1000 / total));
}

} // namespace gantry::ui
