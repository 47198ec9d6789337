#include "mainwindow.h"

namespace gantry::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Gantry"));
    resize(1200, 800);
}

} // namespace gantry::ui
