#include "ui/mainwindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gantry"));
    QApplication::setOrganizationName(QStringLiteral("Gantry"));
    gantry::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
