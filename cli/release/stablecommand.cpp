#include "cli/release/stablecommand.h"

#include "cli/release/releasecontext.h"
#include "model/journal/actor.h"
#include "model/journal/journal.h"
#include "model/policy/recordedwrites.h"
#include "model/policy/stabletagging.h"

#include <chrono>

namespace gantry::cli {

int runStable(ReleaseContext& context)
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
            std::printf("%s\n", printable(text).c_str());
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
    if (auto written = model::writeStableTagRecorded(
            context.client(), **journal, *plan, context.actorFor(reference->registry), context.cancelled);
        !written)
        return context.failWith(written.error());
    printOutcome("done", "tagged " + plan->stable.toString() + " at " + plan->digest.str());
    return ExitOk;
}

} // namespace gantry::cli
