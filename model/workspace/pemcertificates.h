#pragma once

#include <string>
#include <string_view>

namespace gantry::model {

/// The `CERTIFICATE` blocks of PEM text, each from its BEGIN to its END line, in order; everything
/// else (private keys that share a file with their certificate, comments, other blocks) is
/// dropped, so no key material is kept. Empty when there is no certificate block. Only the
/// armour is checked: whether the DER inside is a certificate is for the prober to say.
std::string certificateBlocks(std::string_view pem);

} // namespace gantry::model
