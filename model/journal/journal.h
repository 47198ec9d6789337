#pragma once

#include "base/error.h"
#include "base/timestamps.h"
#include "model/journal/journalentry.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gantry::model {

class JournalDatabase;

/// Where a tag pointed in a repository, and when Gantry saw it there.
struct TagSighting
{
    std::string repository;
    std::string tag;
    std::string digest;
    registry::Timestamp firstSeen {}; ///< the first refresh (or Gantry write) that saw the tag at this digest
    registry::Timestamp lastSeen {}; ///< the last one that did; a moved or deleted tag keeps its last real sighting
    bool present = false; ///< the tag points at this digest now
};

/// When a digest arrived in a repository, as far as the journal can tell: at `latest` at the latest
/// (its first sighting), and after `earliest` (the refresh before that sighting, or the moment of
/// Gantry's own write). Without `earliest` it was there before Gantry watched: any time before.
struct Arrival
{
    registry::Timestamp latest {};
    std::optional<registry::Timestamp> earliest;
};

/// Which entries to read; empty fields match everything.
struct JournalQuery
{
    std::string pipeline;
    std::string repository;
    std::string tag;
    std::string action;
    std::string outcome;
    std::optional<registry::Timestamp> since; ///< entries at or after this time
    int limit = 0; ///< when > 0, only the newest `limit` matches (still returned oldest first)
};

/// What verify() found.
struct ChainReport
{
    bool intact = true;
    std::int64_t rowsChecked = 0; ///< every row, also those past a problem
    std::int64_t firstBadId = 0; ///< 0 when intact
    std::string problem; ///< one sentence naming the entry; empty when intact
    /// The last entry's stored hash (64 zeros for an empty journal). A chain cannot show that its
    /// newest entries were deleted, since what is left is a valid shorter chain: note this value
    /// and compare it later to detect that.
    std::string headHash;
};

/// Gantry's local, append-only, tamper-evident record of every action it takes and every tag
/// movement it observes: an SQLite file in WAL mode, each entry carrying the hash of the one
/// before. A process killed mid-write loses no committed entry. Several processes may write one
/// journal at once; each write is one transaction that takes the write lock first.
///
/// One Journal is used from the thread that opened it (a Qt SQL connection belongs to its thread);
/// the process needs a QCoreApplication, which loads Qt's SQLite driver. No call throws.
class Journal
{
public:
    /// Opens the journal at `path`, creating the file, its folders and its schema when missing.
    /// An unwritable path, a file that is not SQLite, an SQLite file that is not a journal and a
    /// journal from a newer Gantry are Io errors, and such a file is left untouched.
    static registry::Result<std::unique_ptr<Journal>> open(const std::string& path);
    /// `$GANTRY_JOURNAL`, else `<generic data location>/gantry/journal.sqlite`.
    static std::string defaultPath();

    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    const std::string& path() const;

    /// Appends one entry in one transaction and returns it with its id and hashes. An entry at
    /// the epoch gets the current time; an empty actor or host gets the OS user or this machine.
    /// `action` is required; text must be UTF-8.
    registry::Result<JournalEntry> append(JournalEntry entry);

    /// Compares the tags `repository` shows now (tag -> digest) with the sightings on record and
    /// appends an "appeared", "moved" or "disappeared" entry for each difference, with `pipeline`
    /// and `stage` for context; updates first and last seen. One transaction; returns the new
    /// entries, in tag order. A tag that moves keeps its old sighting's last-seen time: it was
    /// last seen there at the previous refresh, and when exactly it moved is unknown.
    registry::Result<std::vector<JournalEntry>> observe(const std::string& pipeline, const std::string& stage,
        const std::string& repository, const std::map<std::string, std::string>& tagDigests, registry::Timestamp now);

    /// Records that Gantry itself pointed `tag` at `digest` (a promote, a `-stable` tag, a
    /// retarget), so that first-seen is exact and the next observe() sees no movement. Appends no
    /// entry: the action's own entry is the record.
    registry::Status recordSighting(
        const std::string& repository, const std::string& tag, const std::string& digest, registry::Timestamp when);

    /// When `digest` was first seen in `repository` under any tag, the "pushed" basis of soak time
    /// and retention; nullopt when never seen.
    registry::Result<std::optional<registry::Timestamp>> firstSeen(
        const std::string& repository, const std::string& digest);

    /// Every sighting in `repository`, by tag then first seen.
    registry::Result<std::vector<TagSighting>> sightings(const std::string& repository);

    /// When `digest` arrived in `repository`: the retention "pushed" basis, which registries do not
    /// give. Nullopt when never seen.
    registry::Result<std::optional<Arrival>> arrival(const std::string& repository, const std::string& digest);

    /// Entries matching `query`, oldest first.
    registry::Result<std::vector<JournalEntry>> entries(const JournalQuery& query = {});

    /// Walks every entry in id order and checks each hash and each link to the entry before.
    registry::Result<ChainReport> verify();

private:
    explicit Journal(std::unique_ptr<JournalDatabase> database);

    std::unique_ptr<JournalDatabase> m_database;
};

} // namespace gantry::model
