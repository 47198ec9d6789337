#pragma once

#include "model/policy/promotionplan.h"

#include <QString>

namespace gantry::ui {

/// What the plan does about `<tag>-stable` in the destination, in a sentence.
QString stableOutcome(const model::PromotionPlan& plan);
/// What the plan says the destination's retention policy will do with the promoted artifact: the
/// rules that keep it through the tag or its `-stable` tag, or that nothing does.
QString retentionOutcome(const model::PromotionPlan& plan);

} // namespace gantry::ui
