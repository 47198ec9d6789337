#include "printabletext.h"

namespace gantry::registry {

std::string printable(std::string_view text, LineBreaks)
{
    return std::string(text); // stub: the tests come first
}

} // namespace gantry::registry
