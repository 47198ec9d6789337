#pragma once

#include <QFrame>

class QLabel;

namespace gantry::ui {

/// A thin, non-modal strip above the pages for background problems: the latest new one, and how many
/// came since the user last looked. "Details" opens the messages view; the cross hides the strip
/// until something new goes wrong.
class ProblemBanner final : public QFrame
{
    Q_OBJECT
public:
    explicit ProblemBanner(QWidget* parent = nullptr);

    void show(const QString& message);
    QString text() const;

Q_SIGNALS:
    void detailsRequested();

private:
    QLabel* m_label = nullptr;
    int m_unseen = 0;
};

} // namespace gantry::ui
