#include "base/printabletext.h"

#include <cstdint>
#include <cstdio>

namespace gantry::registry {

namespace {

// The length of the well-formed UTF-8 sequence at the start of `text` and its code point, or a
// length of 0 when it is not one (a stray continuation byte, an overlong form, a surrogate,
// beyond U+10FFFF, cut short).
std::size_t decode(std::string_view text, char32_t& codePoint)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        codePoint = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, codePoint = lead & 0x1F, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, codePoint = lead & 0x0F, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, codePoint = lead & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (text.size() < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (byte(i) & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    return length;
}

// Code points a terminal or a text layout acts on instead of showing.
bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// `\x1b` for a byte, `\u202e` for a code point: as C, JSON and Python write them.
void appendHex(std::string& out, bool byte, unsigned value)
{
    char escape[16];
    std::snprintf(escape, sizeof escape, byte ? "\\x%02x" : "\\u%04x", value);
    out += escape;
}

void appendEscape(std::string& out, char32_t c)
{
    switch (c) {
    case '\n':
        out += "\\n";
        return;
    case '\r':
        out += "\\r";
        return;
    case '\t':
        out += "\\t";
        return;
    default:
        break;
    }
    appendHex(out, c < 0x80, static_cast<unsigned>(c));
}

} // namespace

std::string printable(std::string_view text, LineBreaks lineBreaks)
{
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        char32_t codePoint = 0;
        const std::size_t length = decode(text, codePoint);
        if (length == 0) {
            // Not UTF-8: the byte itself, so the escape shows what was sent.
            appendHex(out, true, static_cast<unsigned char>(text[0]));
            text.remove_prefix(1);
            continue;
        }
        if (isControl(codePoint) && !(codePoint == '\n' && lineBreaks == LineBreaks::Keep))
            appendEscape(out, codePoint);
        else
            out.append(text.substr(0, length));
        text.remove_prefix(length);
    }
    return out;
}

bool isValidUtf8(std::string_view text)
{
    while (!text.empty()) {
        char32_t codePoint = 0;
        const std::size_t length = decode(text, codePoint);
        if (length == 0)
            return false;
        text.remove_prefix(length);
    }
    return true;
}

std::string terminalSafeJson(std::string_view json)
{
    std::string out;
    out.reserve(json.size());
    while (!json.empty()) {
        char32_t codePoint = 0;
        std::size_t length = decode(json, codePoint);
        if (length == 0) {
            length = 1; // not from nlohmann; left for the reader to refuse
        } else if (codePoint >= 0x7F && isControl(codePoint)) {
            appendHex(out, false, static_cast<unsigned>(codePoint));
            json.remove_prefix(length);
            continue;
        }
        out.append(json.substr(0, length));
        json.remove_prefix(length);
    }
    return out;
}

} // namespace gantry::registry
