#pragma once

#include <string>
#include <string_view>

namespace gantry::registry {

/// Whether a line break in the text is kept (a message Gantry wrote in lines) or escaped (a tag,
/// a name, anything that must stay on its line).
enum class LineBreaks { Escape, Keep };

/// Text from outside (registries, kubeconfigs, files) made safe to show on a terminal, in a log line
/// or in a widget: C0 and C1 controls, DEL, invalid UTF-8 and the bidirectional overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) are written as escapes (`\n`, `\x1b`, `\u202e`), so an
/// escape sequence cannot drive the terminal and `a\nb` stays one tag. Everything else, including
/// any other UTF-8, is unchanged; the result is valid UTF-8. JSON output does not use this: JSON
/// escapes the original string itself.
std::string printable(std::string_view text, LineBreaks lineBreaks = LineBreaks::Escape);

/// True when `text` is well-formed UTF-8 (what JSON can hold).
bool isValidUtf8(std::string_view text);

/// A JSON document (valid UTF-8, as nlohmann writes it) with what printable() escapes and JSON
/// leaves raw (DEL, C1 controls, the bidirectional overrides) written as `\u` escapes: the same
/// document, and the same strings after parsing, safe on a terminal.
std::string terminalSafeJson(std::string_view json);

} // namespace gantry::registry
