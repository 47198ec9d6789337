#include "ui/promotionoutcome.h"

#include "model/tables/displaytext.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>

namespace gantry::ui {

namespace {

// Plans quote the workspace and registries: shown escaped.
QString text(const std::string& value)
{
    return model::displayText(value);
}

QString tr(const char* source)
{
    return QCoreApplication::translate("PromotionOutcome", source);
}

const model::GuardCheck* findGuard(const model::PromotionPlan& plan, const std::string& name)
{
    const auto it = std::ranges::find(plan.guards, name, &model::GuardCheck::guard);
    return it == plan.guards.end() ? nullptr : &*it;
}

} // namespace

QString stableOutcome(const model::PromotionPlan& plan)
{
    switch (plan.stable) {
    case model::StableStep::Write:
        return tr("will write %1 at %2").arg(text(plan.stableTag), text(plan.digest.shortForm()));
    case model::StableStep::AlreadyThere:
        return tr("%1 is already there at the same digest").arg(text(plan.stableTag));
    case model::StableStep::Conflict:
        if (const auto* guard = findGuard(plan, "-stable"))
            return tr("refused, even with force: %1").arg(text(guard->detail));
        return tr("refused: %1 points at another image").arg(text(plan.stableTag));
    case model::StableStep::None:
        break;
    }
    if (const auto* guard = findGuard(plan, "-stable"))
        return tr("none: %1").arg(text(guard->detail));
    return plan.toStage.empty() ? tr("none") : tr("none: %1 writes no -stable tags").arg(text(plan.toStage));
}

QString retentionOutcome(const model::Workspace& workspace, const model::PromotionPlan& plan)
{
    const auto* pipeline = workspace.pipeline(plan.pipeline);
    if (!pipeline || plan.toIndex < 0 || plan.toIndex >= static_cast<int>(pipeline->stages.size()))
        return tr("unknown: the destination is not in the workspace");
    const auto& stage = pipeline->stages[static_cast<std::size_t>(plan.toIndex)];
    const auto* policy = workspace.retentionOf(stage);
    if (!policy)
        return tr("%1 has no retention policy: kept until deleted by hand").arg(text(stage.name));
    // Retention keeps an artifact while any rule keeps any of its tags: the version and its -stable tag.
    QStringList tags { text(plan.tag) };
    if (plan.stable == model::StableStep::Write || plan.stable == model::StableStep::AlreadyThere)
        tags << text(plan.stableTag);
    QStringList keptBy;
    for (const auto& rule : policy->rules) {
        const bool matches = std::ranges::any_of(tags, [&](const QString& tag) { return rule.matches(tag); });
        if (matches)
            keptBy << text(rule.description());
    }
    const QString policyName = tr("policy %1 of %2").arg(text(policy->name), text(stage.name));
    if (keptBy.isEmpty()) {
        return tr("%1: no rule keeps %2, the registry deletes it at its next run")
            .arg(policyName, tags.join(QStringLiteral(", ")));
    }
    return tr("%1: kept by %2").arg(policyName, keptBy.join(tr("; or ")));
}

bool refusalIsForceable(const model::PromotionPlan& plan)
{
    const auto* refusal = plan.refusal();
    if (!refusal)
        return false;
    // Every refused guard must be overridable: a -stable conflict stays refused under force.
    return std::ranges::all_of(plan.guards, [](const model::GuardCheck& guard) {
        return guard.state != model::GuardCheck::State::Refused || guard.overridable;
    });
}

} // namespace gantry::ui
