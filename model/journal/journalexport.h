#pragma once

#include "model/journal/journalentry.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gantry::model {

/// Whether a CSV cell is written as it is, or made safe to open in a spreadsheet.
enum class CsvCells {
    Verbatim,
    /// A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front, so
    /// a spreadsheet shows it as text instead of running it as a formula (a tag or note is
    /// whatever someone wrote into a registry or a command line).
    SpreadsheetSafe,
};

/// RFC 4180 CSV: a header row, then one row per entry, CRLF line ends; a field holding a comma, a
/// double quote or a line break is quoted, its quotes doubled. Times are RFC 3339 UTC.
std::string journalToCsv(const std::vector<JournalEntry>& entries, CsvCells cells = CsvCells::Verbatim);

/// An array of objects, one per entry, with the JournalEntry field names as keys (`digestBefore`,
/// `previousHash`…), `id` a number and `time` RFC 3339 UTC.
nlohmann::json journalToJson(const std::vector<JournalEntry>& entries);

} // namespace gantry::model
