#pragma once

#include "model/clusters/certificatestatus.h"

#include <QColor>
#include <QIdentityProxyModel>

namespace gantry::ui {

/// The one palette for certificate and cluster status, in tables, the lifetime bar and the chart.
QColor statusColour(model::CertificateStatus status);

/// Turns the models' StatusRole and AlarmRole (model/ has no QColor) into Qt::ForegroundRole and
/// a bold Qt::FontRole, so that plain views colour cells without a delegate.
class StatusColourProxy final : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

} // namespace gantry::ui
