#pragma once

#include "base/error.h"
#include "model/journal/journalentry.h"

#include <string>
#include <string_view>

namespace gantry::model {

/// The previous hash of the first entry. 64 zeros rather than empty, so that every row has a
/// hash-shaped previous hash and the first row is not a special case in the file.
inline constexpr std::string_view journalGenesisHash
    = "0000000000000000000000000000000000000000000000000000000000000000";

/// The bytes an entry's hash covers: a JSON array of a format number, `previousHash`, the id, the
/// time (RFC 3339, UTC) and every other stored field in a fixed order. JSON quoting makes it
/// unambiguous: no two different entries serialise alike. Fails for a field that is not UTF-8.
registry::Result<std::string> canonicalJournalEntry(const JournalEntry& entry);

/// sha256 of canonicalJournalEntry, 64 lower-case hex digits.
registry::Result<std::string> journalEntryHash(const JournalEntry& entry);

} // namespace gantry::model
