#include "registry/auth/credentialhelper.h"

#include "base/subprocess.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>

namespace gantry::registry {

namespace {

using Json = nlohmann::json;

// What the docker-credential-helpers library prints (credentials.errCredentialsNotFoundMessage).
// Docker compares the whole trimmed output; helpers outside that library word it slightly
// differently, so any output containing the phrase counts.
constexpr std::string_view notFoundPhrase = "credentials not found";
constexpr std::string_view tokenUsername = "<token>";

std::string lowered(std::string_view text)
{
    std::string result(text);
    std::ranges::transform(result, result.begin(), [](unsigned char c) { return std::tolower(c); });
    return result;
}

bool saysNotFound(const ProcessResult& result)
{
    return lowered(result.standardOutput).find(notFoundPhrase) != std::string::npos;
}

const Json* fieldNamed(const Json& object, std::string_view name)
{
    for (const auto& [key, value] : object.items()) {
        if (lowered(key) == lowered(name))
            return &value;
    }
    return nullptr;
}

std::string howToDebug(const std::string& program, const std::string& serverUrl)
{
    return "run `echo " + serverUrl + " | " + program + " get` to see why";
}

Result<std::optional<Credential>> parseAnswer(const std::string& program, const std::string& output)
{
    const auto garbage = [&] {
        return fail(ErrorKind::Protocol, "credential helper " + program + " did not answer the expected JSON");
    };
    // Like Go's json.Decoder, read the first JSON value and ignore what follows it.
    Json answer;
    try {
        std::istringstream stream(output);
        stream >> answer;
    } catch (const Json::exception&) {
        return garbage();
    }
    if (!answer.is_object())
        return garbage();
    std::string username;
    std::string secret;
    for (auto [name, into] : { std::pair { "Username", &username }, std::pair { "Secret", &secret } }) {
        const Json* field = fieldNamed(answer, name);
        if (field && field->is_string())
            *into = field->get<std::string>();
        else if (field && !field->is_null())
            return garbage();
    }
    if (username.empty() && secret.empty())
        return std::nullopt;
    Credential credential;
    if (username == tokenUsername)
        credential.identityToken = std::move(secret);
    else {
        credential.username = std::move(username);
        credential.password = std::move(secret);
    }
    credential.origin = program;
    return credential;
}

} // namespace

std::string credentialHelperProgram(const std::string& helper)
{
    return "docker-credential-" + helper;
}

Result<std::optional<Credential>> askCredentialHelper(
    const std::string& helper, const std::string& serverUrl, std::chrono::milliseconds timeout)
{
    const std::string program = credentialHelperProgram(helper);
    // A name with a slash would run a file by path instead of a helper found in PATH.
    if (helper.empty() || helper.find('/') != std::string::npos)
        return fail(ErrorKind::InvalidInput,
            "\"" + helper
                + "\" is not a credential helper name (the program run is docker-credential-<name>, found in PATH)");

    auto ran = runProcess(ProcessRequest {
        .program = program,
        .arguments = { "get" },
        .standardInput = serverUrl,
        .timeout = timeout,
        .maxOutputBytes = 1024 * 1024,
    });
    if (!ran) {
        switch (ran.error().kind) {
        case ErrorKind::Timeout:
        case ErrorKind::TooLarge: // runProcess's message starts with the program's name
            return fail(ran.error().kind, "credential helper " + ran.error().message);
        default:
            return fail(ErrorKind::Io,
                "credential helper " + program
                    + " could not be run (is it installed and in PATH?): " + ran.error().message);
        }
    }
    if (ran->terminatingSignal != 0) {
        return fail(ErrorKind::Io,
            "credential helper " + program + " crashed (signal " + std::to_string(ran->terminatingSignal) + "); "
                + howToDebug(program, serverUrl));
    }
    if (ran->exitCode != 0) {
        if (saysNotFound(*ran))
            return std::nullopt;
        return fail(ErrorKind::Io,
            "credential helper " + program + " failed with exit code " + std::to_string(ran->exitCode) + "; "
                + howToDebug(program, serverUrl));
    }
    return parseAnswer(program, ran->standardOutput);
}

} // namespace gantry::registry
