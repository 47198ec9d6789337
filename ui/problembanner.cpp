#include "ui/problembanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace gantry::ui {

ProblemBanner::ProblemBanner(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("problemBanner"));
    setAutoFillBackground(true);
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xea));
    colours.setColor(QPalette::WindowText, QColor(0x8a, 0x1c, 0x12));
    setPalette(colours);
    // Messages quote registries and files: never guessed to be rich text (a link, an image).
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* details = new QPushButton(tr("Details…"), this);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide until something new goes wrong"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(details);
    layout->addWidget(close);
    connect(details, &QPushButton::clicked, this, &ProblemBanner::detailsRequested);
    connect(close, &QToolButton::clicked, this, [this] {
        m_unseen = 0;
        hide();
    });
    hide();
}

void ProblemBanner::show(const QString& message)
{
    ++m_unseen;
    m_label->setText(m_unseen > 1 ? tr("%1 (and %n more)", nullptr, m_unseen - 1).arg(message) : message);
    setVisible(true);
}

QString ProblemBanner::text() const
{
    return m_label->text();
}

} // namespace gantry::ui
