#pragma once

#include "base/error.h"
#include "model/journal/journal.h"

#include <atomic>
#include <string>
#include <vector>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

/// Finds the journal's "started" entries that no outcome follows (a process
/// killed between a registry write and its outcome entry), looks at each
/// write's destination, and journals what is there: "done" with a sighting at
/// the time it was seen when the tag points where the write meant it to (a
/// delete: when the tag is gone), "failed" otherwise; the note names the
/// started entry. Outcomes are never guessed: a destination that cannot be read
/// is an error and journals nothing. `pipeline` limits the search (empty:
/// entries of no pipeline only). Returns the entries appended.
///
/// A write another process is making at this very moment also looks unresolved;
/// callers run this before their own writes (promote, refresh), when such a
/// race is the user's to avoid anyway.
registry::Result<std::vector<JournalEntry>> resolveUnfinishedWrites(registry::RegistryClient& client, Journal& journal,
    const std::string& pipeline, const std::atomic_bool* cancelled = nullptr);

} // namespace gantry::model
