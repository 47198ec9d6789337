#include "registry/auth/credentialfile.h"

#include "base/localfile.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace gantry::registry {

namespace {

using Json = nlohmann::json;

constexpr std::size_t maxFileBytes = 16 * 1024 * 1024;

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

// Go's encoding/json prefers an exact key and falls back to a case-insensitive one.
const Json* fieldNamed(const Json& object, std::string_view name)
{
    if (const auto it = object.find(std::string(name)); it != object.end())
        return &*it;
    for (const auto& [key, value] : object.items()) {
        if (equalsIgnoringCase(key, name))
            return &value;
    }
    return nullptr;
}

std::string inQuotes(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

// Reads a string field; JSON null counts as absent, as in Go. `where` names it for messages.
Result<std::string> stringField(const Json& object, std::string_view name, const std::string& where)
{
    const Json* field = fieldNamed(object, name);
    if (!field || field->is_null())
        return std::string();
    if (!field->is_string())
        return fail(ErrorKind::InvalidInput, where + "." + inQuotes(name) + " must be a string");
    return field->get<std::string>();
}

Result<AuthFileEntry> parseEntry(const Json& value, const std::string& where)
{
    AuthFileEntry entry;
    if (value.is_null())
        return entry;
    if (!value.is_object())
        return fail(ErrorKind::InvalidInput, where + " must be an object");
    struct Field
    {
        std::string_view name;
        std::string AuthFileEntry::*member;
    };
    for (const auto& [name, member] : { Field { "auth", &AuthFileEntry::auth },
             Field { "username", &AuthFileEntry::username }, Field { "password", &AuthFileEntry::password },
             Field { "identitytoken", &AuthFileEntry::identityToken } }) {
        auto text = stringField(value, name, where);
        if (!text)
            return std::unexpected(text.error());
        entry.*member = std::move(*text);
    }
    return entry;
}

Result<CredentialFileContents> parseContents(const Json& document)
{
    CredentialFileContents contents;
    if (!document.is_object())
        return fail(ErrorKind::InvalidInput, "the top level must be a JSON object");
    if (const Json* auths = fieldNamed(document, "auths"); auths && !auths->is_null()) {
        if (!auths->is_object())
            return fail(ErrorKind::InvalidInput, "\"auths\" must be an object");
        for (const auto& [key, value] : auths->items()) {
            auto entry = parseEntry(value, "\"auths\"." + inQuotes(key));
            if (!entry)
                return std::unexpected(entry.error());
            contents.auths.emplace(key, std::move(*entry));
        }
    }
    if (const Json* helpers = fieldNamed(document, "credHelpers"); helpers && !helpers->is_null()) {
        if (!helpers->is_object())
            return fail(ErrorKind::InvalidInput, "\"credHelpers\" must be an object");
        for (const auto& [key, value] : helpers->items()) {
            if (!value.is_string())
                return fail(ErrorKind::InvalidInput, "\"credHelpers\"." + inQuotes(key) + " must be a string");
            contents.credHelpers.emplace(key, value.get<std::string>());
        }
    }
    auto store = stringField(document, "credsStore", "the top level");
    if (!store)
        return std::unexpected(store.error());
    contents.credsStore = std::move(*store);
    return contents;
}

// nlohmann's own messages quote the token being read, which may be part of a secret, so the
// position is all that is reported.
std::string describeSyntaxError(std::string_view text, std::size_t byte)
{
    const std::size_t offset = std::min(byte == 0 ? 0 : byte - 1, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t line = static_cast<std::size_t>(std::ranges::count(before, '\n')) + 1;
    const std::size_t lineStart = before.rfind('\n');
    const std::size_t column = offset - (lineStart == std::string_view::npos ? 0 : lineStart + 1) + 1;
    if (offset >= text.size())
        return "is not valid JSON (it ends too early, at line " + std::to_string(line) + ")";
    return "is not valid JSON (syntax error at line " + std::to_string(line) + ", column " + std::to_string(column)
        + ")";
}

} // namespace

Result<CredentialFileContents> parseCredentialFile(std::string_view text, const std::string& path)
{
    if (std::ranges::all_of(text, [](unsigned char c) { return std::isspace(c); }))
        return CredentialFileContents {};
    Json document;
    try {
        document = Json::parse(text);
    } catch (const Json::parse_error& error) {
        return fail(ErrorKind::InvalidInput, path + " " + describeSyntaxError(text, error.byte));
    } catch (const Json::exception&) {
        return fail(ErrorKind::InvalidInput, path + " is not valid JSON");
    }
    auto contents = parseContents(document);
    if (!contents)
        return std::unexpected(withContext(contents.error(), path));
    return contents;
}

Result<std::optional<CredentialFileContents>> readCredentialFile(const std::string& path)
{
    auto text = readCappedFile(path, maxFileBytes, "a credential file");
    if (!text)
        return std::unexpected(text.error());
    if (!*text)
        return std::nullopt;
    auto contents = parseCredentialFile(**text, path);
    if (!contents)
        return std::unexpected(contents.error());
    return std::optional(std::move(*contents));
}

} // namespace gantry::registry
