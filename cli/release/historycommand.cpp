#include "cli/release/historycommand.h"

#include "cli/release/releasecontext.h"
#include "model/journal/journal.h"
#include "model/journal/journalexport.h"
#include "model/workspace/duration.h"

#include <chrono>

namespace gantry::cli {

namespace {

// `--since` as an RFC 3339 time, a day (`2026-11-01`, midnight UTC) or an age (`7d`, `12h`).
std::optional<registry::Timestamp> parseSince(const std::string& text)
{
    if (auto time = registry::parseRfc3339(text))
        return time;
    if (auto day = registry::parseRfc3339(text + "T00:00:00Z"))
        return day;
    if (auto age = model::parseDuration(text))
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) - *age;
    return std::nullopt;
}

void printEntries(const std::vector<model::JournalEntry>& entries)
{
    for (const auto& entry : entries) {
        std::string where = entry.pipeline.empty() ? entry.repository : entry.pipeline + "/" + entry.stage;
        std::string digests = entry.digestBefore.substr(0, 19);
        if (!entry.digestAfter.empty())
            digests += (digests.empty() ? "" : " → ") + entry.digestAfter.substr(0, 19);
        std::printf("%s  %-11s %-9s %-28s %-20s %s  by %s%s%s\n", registry::formatRfc3339(entry.time).c_str(),
            printable(entry.action).c_str(), printable(entry.outcome).c_str(), printable(where).c_str(),
            printable(entry.tag).c_str(), printable(digests).c_str(),
            entry.actor.empty() ? "gantry" : printable(entry.actor).c_str(), entry.error.empty() ? "" : ": ",
            printable(entry.error).c_str());
        if (!entry.note.empty())
            std::printf("    %s\n", printable(entry.note).c_str());
    }
}

// `history REPOSITORY --seen`: every tag the journal has seen there, where it pointed, first and last seen.
int printSightings(ReleaseContext& context, model::Journal& journal, const std::string& repository)
{
    auto sightings = journal.sightings(repository);
    if (!sightings)
        return context.failWith(sightings.error());
    if (context.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& seen : *sightings) {
            list.push_back({ { "tag", seen.tag }, { "digest", seen.digest },
                { "firstSeen", registry::formatRfc3339(seen.firstSeen) },
                { "lastSeen", registry::formatRfc3339(seen.lastSeen) }, { "present", seen.present } });
        }
        context.printJson(list);
        return ExitOk;
    }
    std::printf("%-24s %-19s %-20s %-20s %s\n", "TAG", "DIGEST", "FIRST SEEN", "LAST SEEN", "NOW");
    for (const auto& seen : *sightings) {
        std::printf("%-24s %-19s %-20s %-20s %s\n", printable(seen.tag).c_str(),
            printable(seen.digest.substr(0, 19)).c_str(), registry::formatRfc3339(seen.firstSeen).c_str(),
            registry::formatRfc3339(seen.lastSeen).c_str(), seen.present ? "here" : "moved away");
    }
    return ExitOk;
}

} // namespace

int runHistory(ReleaseContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() > 1)
        return context.usage("expects at most one PIPELINE or REFERENCE");
    model::JournalQuery query;
    if (!args.empty()) {
        // Pipeline names have no '/', references always do: no workspace needed to tell them apart.
        if (args[0].find('/') == std::string::npos) {
            query.pipeline = args[0];
        } else {
            const bool tagged = args[0].find(':', args[0].rfind('/')) != std::string::npos;
            auto reference
                = tagged ? registry::Reference::parse(args[0]) : registry::Reference::parseRepository(args[0]);
            if (!reference)
                return context.rejectInput(reference.error());
            query.repository = reference->name();
            query.tag = tagged ? reference->tag : std::string();
        }
    }
    if (const auto since = context.arguments.option("since"); !since.empty()) {
        query.since = parseSince(since);
        if (!query.since)
            return context.usage(
                "--since \"" + since + "\" is not a time (2026-11-01, 2026-11-01T12:00:00Z) or an age (7d)");
    }
    auto journal = context.journal();
    if (!journal)
        return context.failWith(journal.error());
    if (context.arguments.has("seen")) {
        if (query.repository.empty())
            return context.usage("--seen wants a REPOSITORY (registry/path), not a pipeline");
        return printSightings(context, **journal, query.repository);
    }
    auto entries = (*journal)->entries(query);
    if (!entries)
        return context.failWith(entries.error());
    if (context.arguments.has("csv"))
        std::fputs(model::journalToCsv(*entries).c_str(), stdout);
    else if (context.json)
        context.printJson(model::journalToJson(*entries));
    else
        printEntries(*entries);
    return ExitOk;
}

} // namespace gantry::cli
