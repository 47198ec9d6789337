#include "model/policy/unresolvedwrites.h"

#include "registry/image/reference.h"
#include "registry/image/registryclient.h"

#include <algorithm>
#include <chrono>

namespace gantry::model {

namespace {

// The same write: a later outcome entry answers the started one.
bool sameWrite(const JournalEntry& started, const JournalEntry& other)
{
    return other.action == started.action && other.repository == started.repository && other.tag == started.tag
        && other.destination == started.destination && other.source == started.source;
}

// What the write meant the tag to point at: the started entry's digestAfter, or
// for older journals the digest its source names.
std::string intendedDigest(const JournalEntry& started)
{
    if (!started.digestAfter.empty())
        return started.digestAfter;
    const auto source = registry::Reference::parse(started.source);
    return source ? source->digest : std::string();
}

// The tag the entry is about, where the registry serves it.
registry::Result<registry::Reference> tagReference(const JournalEntry& started)
{
    auto reference = registry::Reference::parse(started.repository);
    if (!reference)
        return reference;
    reference->digest.clear();
    reference->tag = started.tag;
    return reference;
}

registry::Result<JournalEntry> resolve(
    registry::RegistryClient& client, Journal& journal, const JournalEntry& started, const std::atomic_bool* cancelled)
{
    const auto reference = tagReference(started);
    if (!reference)
        return std::unexpected(reference.error());
    auto seen = client.findManifest(*reference, cancelled);
    if (!seen)
        return std::unexpected(registry::withContext(seen.error(),
            "journal entry #" + std::to_string(started.id) + " started a write with no outcome; looking at "
                + reference->toString()));
    const std::string now = *seen ? (*seen)->digest.str() : std::string();
    const bool isDelete = started.action == journal::remove;
    const std::string wanted = intendedDigest(started);
    const bool landed = isDelete ? now != started.digestBefore : !now.empty() && now == wanted;

    JournalEntry entry = started;
    entry.id = 0;
    entry.time = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    entry.host.clear();
    entry.previousHash.clear();
    entry.hash.clear();
    entry.outcome = std::string(landed ? journal::done : journal::failed);
    entry.digestAfter = now;
    entry.note = "resolved: entry #" + std::to_string(started.id) + " started this write and no outcome followed; "
        + reference->toString() + (now.empty() ? " was absent" : " was seen at " + now) + " when looked at"
        + (started.note.empty() ? std::string() : " (" + started.note + ")");
    entry.error = landed ? std::string()
                         : (isDelete ? "the tag still points at " + started.digestBefore
                                     : "the tag does not point at " + wanted + ": the write did not land");
    auto recorded = journal.append(entry);
    if (!recorded)
        return std::unexpected(recorded.error());
    if (landed && !now.empty()) {
        if (auto sighted = journal.recordSighting(entry.repository, entry.tag, now, recorded->time); !sighted)
            return std::unexpected(sighted.error());
    }
    return recorded;
}

} // namespace

registry::Result<std::vector<JournalEntry>> resolveUnfinishedWrites(
    registry::RegistryClient& client, Journal& journal, const std::string& pipeline, const std::atomic_bool* cancelled)
{
    JournalQuery startedQuery;
    startedQuery.pipeline = pipeline;
    startedQuery.outcome = std::string(journal::started);
    auto started = journal.entries(startedQuery);
    if (!started)
        return std::unexpected(started.error());
    std::vector<JournalEntry> resolved;
    std::string readRepository;
    std::vector<JournalEntry> later;
    for (const auto& intent : *started) {
        if (intent.pipeline != pipeline || intent.tag.empty() || intent.repository.empty())
            continue;
        if (intent.repository != readRepository) {
            JournalQuery query;
            query.pipeline = pipeline;
            query.repository = intent.repository;
            auto entries = journal.entries(query);
            if (!entries)
                return std::unexpected(entries.error());
            later = std::move(*entries);
            readRepository = intent.repository;
        }
        const bool answered = std::ranges::any_of(later, [&](const JournalEntry& other) {
            return other.id > intent.id && other.outcome != journal::started && other.outcome != journal::unknown
                && sameWrite(intent, other);
        });
        if (answered || (intent.action != journal::remove && intendedDigest(intent).empty()))
            continue;
        auto entry = resolve(client, journal, intent, cancelled);
        if (!entry)
            return std::unexpected(entry.error());
        later.push_back(*entry);
        resolved.push_back(std::move(*entry));
    }
    return resolved;
}

} // namespace gantry::model
