#pragma once

#include <Qt>

namespace gantry::model {

/// Roles the dashboard's table models share. model/ links no Qt Gui, so it has no QColor or QFont:
/// models say how urgent a cell is (StatusRole, AlarmRole) and the ui layer picks colours and fonts.
enum TableRole : int {
    RawValueRole = Qt::UserRole + 1, ///< what proxies sort and filter on, never the display text
    StatusRole, ///< int(CertificateStatus) of a cell coloured by urgency; invalid for plain cells
    AlarmRole, ///< true: the cell needs more than colour (bold), e.g. a site at risk
    LifetimeRole, ///< a CertificateLifetime, for the Clusters page's lifetime bar
};

} // namespace gantry::model
