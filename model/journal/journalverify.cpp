// Walks the chain: each entry's hash must match its fields, and each entry must name the hash of
// the entry before it. What a chain cannot show: that its newest entries were deleted (what is left
// is a valid shorter chain), which is why the report carries the head hash for the user to note.
#include "model/journal/journal.h"
#include "model/journal/journaldatabase.h"
#include "model/journal/journalhash.h"
#include "model/journal/journalrows.h"

#include <QSqlQuery>

namespace gantry::model {

namespace {

// Empty when `entry` follows the entry before it (`previousId` 0: none); else the problem.
std::string linkProblem(const JournalEntry& entry, std::int64_t previousId, const std::string& previousHash)
{
    if (entry.previousHash == previousHash)
        return {};
    const auto id = std::to_string(entry.id);
    if (previousId == 0)
        return "Entry " + id
            + " is the first entry but does not start the chain: the entries before it were deleted, or its "
              "previous hash was changed.";
    const auto previous = std::to_string(previousId);
    if (entry.id > previousId + 1)
        return "Entry " + id + " does not follow entry " + previous + ": the entries between them were deleted.";
    return "Entry " + id + " does not follow entry " + previous
        + ": an entry was inserted, deleted or moved there, or entry " + previous + "'s hash was changed.";
}

std::string hashProblem(const JournalEntry& entry)
{
    const auto hash = journalEntryHash(entry);
    if (hash && *hash == entry.hash)
        return {};
    return "Entry " + std::to_string(entry.id) + " was changed after it was written: its fields no longer match "
        + "its hash.";
}

} // namespace

registry::Result<ChainReport> Journal::verify()
{
    const std::string_view doing = "verify its entries";
    auto query = m_database->run(
        QStringLiteral("SELECT ") + journalEntryColumns + QStringLiteral(" FROM entries ORDER BY id"), doing);
    if (!query)
        return std::unexpected(query.error());
    ChainReport report;
    report.headHash = journalGenesisHash;
    std::int64_t previousId = 0;
    // Every row is read even after a problem, so rowsChecked and headHash describe the whole file.
    while (query->next()) {
        const auto entry = journalEntryAt(*query);
        ++report.rowsChecked;
        if (report.intact) {
            auto problem = linkProblem(entry, previousId, report.headHash);
            if (problem.empty())
                problem = hashProblem(entry);
            if (!problem.empty()) {
                report.intact = false;
                report.firstBadId = entry.id;
                report.problem = std::move(problem);
            }
        }
        previousId = entry.id;
        report.headHash = entry.hash;
    }
    if (auto fetched = m_database->checkFetched(*query, doing); !fetched)
        return std::unexpected(fetched.error());
    return report;
}

} // namespace gantry::model
