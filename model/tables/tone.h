#pragma once

#include <QtCore/qnamespace.h>

namespace gantry::model {

/// How a cell should stand out. The models say which; the ui layer picks the colours, since
/// model/ links no Qt Gui and so has no QColor.
enum class Tone {
    Normal,
    Muted, ///< not final yet, e.g. a "started" journal entry
    Warning, ///< went through, but against a guard: "forced"
    Alarm, ///< did not go through: "failed", "refused"
};

/// The item role under which a model gives a cell's Tone (as int).
inline constexpr int ToneRole = Qt::UserRole + 100;

} // namespace gantry::model
