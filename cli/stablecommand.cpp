#include "model/actor.h"
#include "model/journal.h"
#include "model/promotion.h"
#include "model/stabletagging.h"
#include "releasecommands.h"

#include <chrono>

namespace gantry::cli {

int runStable(CommandContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1)
        return context.usage("expects one REFERENCE with a version tag, e.g. registry.example.org/app:2.2.4");
    auto reference = registry::Reference::parse(args[0]);
    if (!reference)
        return context.rejectInput(reference.error());
    if (!reference->digest.empty())
        return context.usage("give the version by its tag, not by digest: the -stable tag is named after it");

    auto plan = model::planStableTag(context.client(), *reference, context.cancelled);
    if (!plan)
        return context.failWith(plan.error());
    const auto printOutcome = [&](const char* outcome, const std::string& text) {
        if (context.json) {
            context.printJson({ { "reference", reference->toString() }, { "stable", plan->stable.toString() },
                { "digest", plan->digest.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(plan->digest.str()) },
                { "outcome", outcome },
                { "reason", plan->refusal.empty() ? nlohmann::json(nullptr) : nlohmann::json(plan->refusal) } });
        } else {
            std::printf("%s\n", text.c_str());
        }
    };
    switch (plan->step) {
    case model::StableStep::None:
    case model::StableStep::Conflict:
        // In text the refusal is the one line on stderr; JSON readers get it on stdout too.
        if (context.json)
            printOutcome("refused", {});
        return context.refuse(plan->refusal);
    case model::StableStep::AlreadyThere:
        printOutcome(
            "unchanged", plan->stable.toString() + " already points at " + plan->digest.str() + ": nothing to do");
        return ExitOk;
    case model::StableStep::Write:
        break;
    }

    auto journal = context.journal();
    if (!journal)
        return context.failWith(journal.error());
    model::JournalEntry entry;
    entry.action = "stable";
    entry.repository = reference->name();
    entry.tag = plan->stable.tag;
    entry.source = reference->toString();
    entry.destination = plan->stable.toString();
    if (auto intent = model::recordIntent(**journal, entry, context.actorFor(reference->registry)); !intent)
        return context.failWith(intent.error());
    const auto written = model::applyStableTag(context.client(), *plan, context.cancelled);
    entry.actor = context.actorFor(reference->registry);
    entry.digestAfter = written ? plan->digest.str() : std::string();
    entry.outcome = written ? "done" : "failed";
    entry.error = written ? std::string() : written.error().message;
    auto recorded = (*journal)->append(entry);
    if (!written)
        return context.failWith(written.error());
    if (!recorded)
        return context.failWith(
            registry::withContext(recorded.error(), plan->stable.toString() + " landed but the journal failed"));
    if (auto sighted = (*journal)->recordSighting(entry.repository, entry.tag, plan->digest.str(), recorded->time);
        !sighted)
        return context.failWith(sighted.error());
    printOutcome("done", "tagged " + plan->stable.toString() + " at " + plan->digest.str());
    return ExitOk;
}

} // namespace gantry::cli
