#pragma once

#include <string>

namespace gantry::model {

/// Who acts, for the journal: the registry user when the registry asked for credentials, else
/// the operating-system user. Never a secret.
std::string actorName(const std::string& registryUser);

} // namespace gantry::model
