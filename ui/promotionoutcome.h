#pragma once

#include "model/policy/promotionplan.h"
#include "model/workspace/workspace.h"

#include <QString>

namespace gantry::ui {

/// What the plan does about `<tag>-stable` in the destination, in a sentence.
QString stableOutcome(const model::PromotionPlan& plan);
/// How the destination's retention policy will treat the promoted artifact: the rules that keep it
/// through the tag or its `-stable` tag, or that nothing does.
QString retentionOutcome(const model::Workspace& workspace, const model::PromotionPlan& plan);
/// Whether --force may override the plan's refusal: the plan's way out offers it when it can
/// (source, backwards and -stable conflicts never can).
bool refusalIsForceable(const model::PromotionPlan& plan);

} // namespace gantry::ui
