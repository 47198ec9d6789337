#pragma once

#include <QObject>
#include <QString>

namespace gantry::model {
class Dashboard;
}

namespace gantry::ui {

class MainWindow;

/// `gantry --screenshot FILE [--page NAME]`: once the first refresh has landed, shows the page,
/// lets it paint, renders the whole window to a PNG and reports. The README's pictures are made so.
class Screenshot final : public QObject
{
    Q_OBJECT
public:
    Screenshot(MainWindow& window, model::Dashboard& dashboard, QString file, QString page);

Q_SIGNALS:
    /// `error` empty: the file was written.
    void finished(const QString& error);

private:
    void capture();

    MainWindow& m_window;
    QString m_file;
    QString m_page;
};

} // namespace gantry::ui
