#include "model/journal/journalhash.h"

#include "registry/image/digest.h"

#include <nlohmann/json.hpp>

namespace gantry::model {

namespace {

// Bumped if the fields or their order ever change, so that old rows keep verifying under the
// rule they were written with.
constexpr int canonicalFormat = 1;

} // namespace

registry::Result<std::string> canonicalJournalEntry(const JournalEntry& entry)
{
    try {
        const auto fields = nlohmann::json::array(
            { canonicalFormat, entry.previousHash, entry.id, registry::formatRfc3339(entry.time), entry.actor,
                entry.host, entry.action, entry.pipeline, entry.stage, entry.repository, entry.tag, entry.source,
                entry.destination, entry.digestBefore, entry.digestAfter, entry.outcome, entry.error, entry.note });
        return fields.dump();
    } catch (const nlohmann::json::exception&) {
        // dump() refuses invalid UTF-8; such text would not survive the database's text columns
        // either, so the entry would never verify.
        return registry::fail(registry::ErrorKind::InvalidInput, "A journal entry holds text that is not valid UTF-8.");
    }
}

registry::Result<std::string> journalEntryHash(const JournalEntry& entry)
{
    auto canonical = canonicalJournalEntry(entry);
    if (!canonical)
        return std::unexpected(canonical.error());
    registry::Sha256Stream stream;
    stream.update(*canonical);
    return std::string(stream.finish().hex());
}

} // namespace gantry::model
