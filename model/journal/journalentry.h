#pragma once

#include "base/error.h"
#include "base/timestamps.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace gantry::model {

/// The words a journal entry's `action` and `outcome` take. Plain strings in the file, so an older
/// Gantry can still read a journal that a newer one wrote new words into.
namespace journal {
// Actions Gantry takes
inline constexpr std::string_view promote = "promote";
inline constexpr std::string_view stable = "stable";
inline constexpr std::string_view remove = "delete";
inline constexpr std::string_view retarget = "retarget";
inline constexpr std::string_view copy = "copy";
// Tag movements Gantry observes on refresh
inline constexpr std::string_view appeared = "appeared";
inline constexpr std::string_view moved = "moved";
inline constexpr std::string_view disappeared = "disappeared";
// Outcomes
inline constexpr std::string_view done = "done";
inline constexpr std::string_view unchanged = "unchanged";
inline constexpr std::string_view refused = "refused";
inline constexpr std::string_view failed = "failed";
inline constexpr std::string_view forced = "forced";
inline constexpr std::string_view observed = "observed";
/// Written before a registry write, so that a process killed between the write and its outcome
/// still leaves a trace: a "started" entry without a later outcome for the same action.
inline constexpr std::string_view started = "started";
/// A write whose answer was lost and whose destination could not be read back: it may have
/// landed. Like "started", it stays open until a later promote or refresh looks and journals.
inline constexpr std::string_view unknown = "unknown";

/// The outcome of a write that ended with `error`: "unknown" when it may have landed, else "failed".
inline std::string_view failureOutcome(const registry::Error& error)
{
    return error.writeUncertain ? unknown : failed;
}
} // namespace journal

/// One row of the journal: an action Gantry took (whatever its outcome) or a tag movement it saw.
/// Holds no credentials: `actor` is a user name, never a password or token.
struct JournalEntry
{
    std::int64_t id = 0; ///< assigned by Journal::append, from 1
    registry::Timestamp time {}; ///< UTC; append() sets "now" when left at the epoch
    std::string actor; ///< registry user or OS user; append() puts the OS user when empty
    std::string host; ///< machine name; append() puts this machine's when empty
    std::string action; ///< see namespace journal
    std::string pipeline; ///< may be empty (`gantryctl stable` without a workspace)
    std::string stage; ///< may be empty
    std::string repository; ///< `host:port/path`, the repository the entry is about
    std::string tag;
    std::string source; ///< full reference, may be empty
    std::string destination; ///< full reference, may be empty
    std::string digestBefore; ///< `sha256:…` or empty
    std::string digestAfter; ///< `sha256:…` or empty
    std::string outcome; ///< see namespace journal
    std::string error; ///< the reason for refused or failed
    std::string note; ///< free text, e.g. "forced over a version tag at sha256:…"
    std::string previousHash; ///< filled by append: the hash of the entry before (64 zeros for the first)
    std::string hash; ///< filled by append: sha256 over previousHash and every other field

    /// True for the tag movements observe() records, false for Gantry's own actions.
    bool isObservation() const;
    bool operator==(const JournalEntry&) const = default;
};

/// The OS user running Gantry, for `actor` when no registry user applies.
std::string localUserName();
/// This machine's name, for `host`.
std::string localHostName();

} // namespace gantry::model
