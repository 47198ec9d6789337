#pragma once

#include <QMainWindow>

namespace gantry::ui {

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace gantry::ui
