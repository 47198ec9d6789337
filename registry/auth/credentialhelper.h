#pragma once

#include "registry/auth/credentialstore.h"

#include <chrono>
#include <optional>
#include <string>

namespace gantry::registry {

/// Runs `docker-credential-<helper> get` with `serverUrl` on its standard input, as Docker's
/// docker-credential-helpers client does, and reads its `{"ServerURL","Username","Secret"}` answer.
/// A `Username` of `<token>` means `Secret` is an identity token. A helper that answers
/// "credentials not found" gives nullopt; one that is missing, fails, crashes, times out or answers
/// garbage is an error that names the helper and never quotes what it printed.
Result<std::optional<Credential>> askCredentialHelper(
    const std::string& helper, const std::string& serverUrl, std::chrono::milliseconds timeout);

/// "docker-credential-pass" for "pass".
std::string credentialHelperProgram(const std::string& helper);

} // namespace gantry::registry
