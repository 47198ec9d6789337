#include "ui/screenshot.h"

#include "model/dashboard/dashboard.h"
#include "ui/mainwindow.h"

#include <QPixmap>
#include <QTimer>

namespace gantry::ui {

Screenshot::Screenshot(MainWindow& window, model::Dashboard& dashboard, QString file, QString page)
    : QObject(&window)
    , m_window(window)
    , m_file(std::move(file))
    , m_page(std::move(page))
{
    // The first refresh's snapshot, not the cached one: the picture shows what is there now.
    // Charts and delegates paint on the next turns of the event loop, hence the short delay.
    connect(
        &dashboard, &model::Dashboard::snapshotChanged, this,
        [this] { QTimer::singleShot(300, this, &Screenshot::capture); }, Qt::SingleShotConnection);
}

void Screenshot::capture()
{
    if (!m_page.isEmpty() && !m_window.showPage(m_page)) {
        Q_EMIT finished(
            tr("no page named %1; pages: %2").arg(m_page, MainWindow::pageNames().join(QStringLiteral(", "))));
        return;
    }
    QTimer::singleShot(200, this, [this] {
        const QPixmap picture = m_window.grab();
        if (picture.isNull() || !picture.save(m_file, "PNG"))
            Q_EMIT finished(tr("cannot write the screenshot %1").arg(m_file));
        else
            Q_EMIT finished({});
    });
}

} // namespace gantry::ui
