#include "cli/release/promotecommand.h"

#include "cli/copyprogress.h"
#include "cli/release/releasecontext.h"
#include "cli/release/workspacearguments.h"
#include "model/journal/journal.h"
#include "model/policy/promotion.h"

#include <chrono>

namespace gantry::cli {

namespace {

const char* mark(model::GuardCheck::State state)
{
    switch (state) {
    case model::GuardCheck::State::Passed:
        return "ok     ";
    case model::GuardCheck::State::Overridden:
        return "FORCED ";
    case model::GuardCheck::State::Refused:
        return "REFUSED";
    }
    return "?";
}

nlohmann::json planJson(const model::PromotionPlan& plan, const std::string& outcome)
{
    auto guards = nlohmann::json::array();
    for (const auto& guard : plan.guards) {
        guards.push_back({ { "guard", std::string(toString(guard.guard)) },
            { "state", std::string(toString(guard.state)) }, { "detail", guard.detail },
            { "wayOut", guard.wayOut.empty() ? nlohmann::json(nullptr) : nlohmann::json(guard.wayOut) } });
    }
    const auto orNull
        = [](const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); };
    return { { "pipeline", plan.pipeline }, { "tag", plan.tag }, { "from", orNull(plan.fromStage) },
        { "to", orNull(plan.toStage) }, { "source", orNull(plan.digest.isEmpty() ? "" : plan.source.toString()) },
        { "destination", orNull(plan.toStage.empty() ? "" : plan.destination.toString()) },
        { "digest", orNull(plan.digest.str()) },
        { "destinationBefore",
            plan.destinationBefore ? nlohmann::json(plan.destinationBefore->str()) : nlohmann::json(nullptr) },
        { "copyNeeded", plan.copyNeeded },
        { "stableTag", orNull(plan.stable == model::StableStep::None ? "" : plan.stableTag) },
        { "protected", plan.toProtected }, { "guards", guards }, { "outcome", outcome },
        { "command", plan.command() } };
}

void printPlan(const model::PromotionPlan& plan)
{
    std::printf("promote %s %s: %s → %s\n", printable(plan.pipeline).c_str(), printable(plan.tag).c_str(),
        plan.fromStage.empty() ? "?" : printable(plan.fromStage).c_str(),
        plan.toStage.empty() ? "(none)" : printable(plan.toStage).c_str());
    if (!plan.digest.isEmpty())
        std::printf("  source       %s\n", plan.source.toString().c_str());
    if (!plan.toStage.empty())
        std::printf(
            "  destination  %s%s\n", plan.destination.toString().c_str(), plan.toProtected ? " (protected stage)" : "");
    for (const auto& guard : plan.guards) {
        std::printf("  %s %s: %s\n", mark(guard.state), std::string(toString(guard.guard)).c_str(),
            printable(guard.detail).c_str());
        if (guard.state == model::GuardCheck::State::Refused)
            std::printf("          way out: %s\n", printable(guard.wayOut).c_str());
    }
}

} // namespace

int runPromote(ReleaseContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 2)
        return context.usage("expects PIPELINE and TAG");
    if (!registry::isValidTag(args[1]))
        return context.usage("\"" + args[1] + "\" is not a valid tag");
    const auto work = pipelineWork(context, args[0]);
    if (!work)
        return work.error();
    const auto& pipeline = *work->pipeline;
    auto& journal = *work->journal;

    const model::PromotionRequest request { args[1], context.arguments.option("from"), context.arguments.option("to"),
        context.arguments.has("force") };
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto facts = model::gatherPromotionFacts(context.client(), journal, pipeline, request, now, context.cancelled);
    if (!facts)
        return context.failWith(facts.error());
    auto plan = model::planPromotion(pipeline, request, *facts, (*context.workspace())->retentionPolicies);
    if (!plan)
        return context.rejectInput(plan.error());

    const bool dryRun = context.arguments.has("dry-run");
    const auto* refusal = plan->refusal();
    std::string outcome = refusal ? "refused" : plan->nothingToDo() ? "unchanged" : dryRun ? "planned" : "";
    if (!outcome.empty()) {
        if (context.json)
            context.printJson(planJson(*plan, outcome));
        else
            printPlan(*plan);
        if (refusal)
            return context.refuse("the " + std::string(toString(refusal->guard)) + " guard: " + refusal->detail + " ("
                + refusal->wayOut + ")");
        if (!context.json)
            std::printf(plan->nothingToDo() ? "nothing to do\n" : "dry run: nothing written\n");
        return ExitOk;
    }

    if (!context.json)
        printPlan(*plan);
    const auto options = copyOptionsFor(context);
    auto result = model::executePromotion(context.client(), journal, *plan, options);
    if (!result)
        return context.failWith(result.error());
    if (context.json) {
        auto json = planJson(*plan, "promoted");
        json["blobsMounted"] = result->copy.blobsMounted;
        json["blobsCopied"] = result->copy.blobsCopied;
        json["blobsSkipped"] = result->copy.blobsSkipped;
        json["stableWritten"] = result->stableWritten;
        context.printJson(json);
    } else {
        if (plan->copyNeeded)
            std::printf("promoted %s to %s (%s): %d blobs mounted, %d copied, %d already there\n",
                printable(plan->tag).c_str(), printable(plan->toStage).c_str(), plan->digest.str().c_str(),
                result->copy.blobsMounted, result->copy.blobsCopied, result->copy.blobsSkipped);
        if (result->stableWritten)
            std::printf("tagged %s\n", plan->destination.withTag(plan->stableTag).toString().c_str());
    }
    return ExitOk;
}

} // namespace gantry::cli
