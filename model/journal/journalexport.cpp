#include "model/journal/journalexport.h"

#include <array>
#include <string_view>

namespace gantry::model {

namespace {

// The exported fields in order, with their names: the CSV header and the JSON keys.
constexpr std::array<std::string_view, 18> fieldNames { "id", "time", "actor", "host", "action", "pipeline", "stage",
    "repository", "tag", "source", "destination", "digestBefore", "digestAfter", "outcome", "error", "note",
    "previousHash", "hash" };

std::array<std::string, 18> fieldValues(const JournalEntry& entry)
{
    return { std::to_string(entry.id), registry::formatRfc3339(entry.time), entry.actor, entry.host, entry.action,
        entry.pipeline, entry.stage, entry.repository, entry.tag, entry.source, entry.destination, entry.digestBefore,
        entry.digestAfter, entry.outcome, entry.error, entry.note, entry.previousHash, entry.hash };
}

void appendCsvField(std::string& out, std::string_view field, CsvCells cells)
{
    std::string escaped;
    if (cells == CsvCells::SpreadsheetSafe && !field.empty()
        && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
        escaped = '\'' + std::string(field);
        field = escaped;
    }
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

template<typename Fields> void appendCsvRow(std::string& out, const Fields& fields, CsvCells cells)
{
    bool first = true;
    for (const auto& field : fields) {
        if (!first)
            out += ',';
        first = false;
        appendCsvField(out, field, cells);
    }
    out += "\r\n";
}

} // namespace

std::string journalToCsv(const std::vector<JournalEntry>& entries, CsvCells cells)
{
    std::string out;
    appendCsvRow(out, fieldNames, cells);
    for (const auto& entry : entries)
        appendCsvRow(out, fieldValues(entry), cells);
    return out;
}

nlohmann::json journalToJson(const std::vector<JournalEntry>& entries)
{
    auto result = nlohmann::json::array();
    for (const auto& entry : entries) {
        const auto values = fieldValues(entry);
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t i = 0; i < fieldNames.size(); ++i)
            object[std::string(fieldNames[i])] = values[i];
        object["id"] = entry.id;
        result.push_back(std::move(object));
    }
    return result;
}

} // namespace gantry::model
