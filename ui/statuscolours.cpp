#include "ui/statuscolours.h"

#include "model/tables/tableroles.h"

#include <QFont>

namespace gantry::ui {

QColor statusColour(model::CertificateStatus status)
{
    using model::CertificateStatus;
    // Dark enough to read as text on a light row, strong enough to fill a bar.
    switch (status) {
    case CertificateStatus::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case CertificateStatus::Warning:
        return QColor(0xc7, 0x7c, 0x02);
    case CertificateStatus::Critical:
        return QColor(0xd3, 0x2f, 0x2f);
    case CertificateStatus::Expired:
        return QColor(0x7f, 0x00, 0x00);
    case CertificateStatus::Unreachable:
        return QColor(0x75, 0x75, 0x75);
    }
    return QColor(0x75, 0x75, 0x75);
}

QVariant StatusColourProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::ForegroundRole) {
        const QVariant status = QIdentityProxyModel::data(index, model::StatusRole);
        if (status.isValid())
            return statusColour(static_cast<model::CertificateStatus>(status.toInt()));
    } else if (role == Qt::FontRole && QIdentityProxyModel::data(index, model::AlarmRole).toBool()) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace gantry::ui
