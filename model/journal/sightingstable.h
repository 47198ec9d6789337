#pragma once

// Where tags point, as the journal has seen them: the sightings and watched tables. Internal to
// model/journal: callers use Journal, which chains the movements into its entries.

#include "base/error.h"
#include "base/timestamps.h"
#include "model/journal/journal.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::model {

class JournalDatabase;

/// The SQL of the sightings and watched tables over one journal's connection. Writes take part in
/// the caller's WriteTransaction; `doing` names the caller's action in error messages.
class SightingsTable
{
public:
    explicit SightingsTable(const JournalDatabase& database);

    /// Tag -> digest of every sighting present now.
    registry::Result<std::map<std::string, std::string>> presentTags(
        const std::string& repository, std::string_view doing) const;
    /// When `repository` was last observed; nullopt before its first observation.
    registry::Result<std::optional<registry::Timestamp>> lastObserved(
        const std::string& repository, std::string_view doing) const;

    /// A tag seen at a digest: a new sighting, or an old one present again. First seen keeps the
    /// earliest time, last seen the latest, whatever order the calls come in. `arrivedAfter`
    /// bounds when it got there from below: the refresh before, or `when` itself for Gantry's own
    /// writes; nullopt when it was there before Gantry watched the repository.
    registry::Status markPresent(const std::string& repository, const std::string& tag, const std::string& digest,
        registry::Timestamp when, std::optional<registry::Timestamp> arrivedAfter, std::string_view doing) const;
    /// The tag no longer points at anything but `except`. Last seen stays at the last time it was
    /// really seen there.
    registry::Status markAbsent(
        const std::string& repository, const std::string& tag, const std::string& except, std::string_view doing) const;
    /// Notes that `repository` was observed at `now` (the latest observation wins).
    registry::Status markObserved(const std::string& repository, registry::Timestamp now, std::string_view doing) const;

    /// As Journal::firstSeen, arrival and sightings.
    registry::Result<std::optional<registry::Timestamp>> firstSeen(
        const std::string& repository, const std::string& digest) const;
    registry::Result<std::optional<Arrival>> arrival(const std::string& repository, const std::string& digest) const;
    registry::Result<std::vector<TagSighting>> sightings(const std::string& repository) const;

private:
    const JournalDatabase& m_database;
};

/// InvalidInput unless a sighting has a repository, a tag and a digest.
registry::Status checkSighting(const std::string& repository, const std::string& tag, const std::string& digest);

} // namespace gantry::model
