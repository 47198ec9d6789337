#include "base/base64.h"

#include <algorithm>
#include <climits>
#include <openssl/evp.h>

namespace gantry::registry {

namespace {

bool isBase64Character(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

} // namespace

std::string base64Encode(std::string_view bytes)
{
    if (bytes.empty())
        return {};
    // OpenSSL takes an int length; credentials and headers are far below that, but be safe.
    std::string encoded;
    for (std::size_t offset = 0; offset < bytes.size();) {
        const std::size_t chunk = std::min<std::size_t>(bytes.size() - offset, 3 * (INT_MAX / 8));
        std::string part(4 * ((chunk + 2) / 3) + 1, '\0'); // +1: EVP_EncodeBlock writes a terminating NUL
        const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(part.data()),
            reinterpret_cast<const unsigned char*>(bytes.data() + offset), static_cast<int>(chunk));
        part.resize(static_cast<std::size_t>(written));
        encoded += part;
        offset += chunk;
    }
    return encoded;
}

Result<std::string> base64Decode(std::string_view text)
{
    // EVP_DecodeBlock is lenient (it skips surrounding whitespace) and counts padding as zero
    // bytes, so validate strictly first and strip the padding's bytes afterwards.
    std::size_t dataLength = text.size();
    while (dataLength > 0 && text[dataLength - 1] == '=')
        --dataLength;
    const std::size_t padding = text.size() - dataLength;
    if (padding > 2 || (padding > 0 && text.size() % 4 != 0))
        return fail(ErrorKind::InvalidInput, "is not valid base64 (wrong padding)");
    for (std::size_t i = 0; i < dataLength; ++i) {
        if (!isBase64Character(text[i]))
            return fail(ErrorKind::InvalidInput, "is not valid base64 (unexpected character)");
    }
    if (dataLength % 4 == 1)
        return fail(ErrorKind::InvalidInput, "is not valid base64 (truncated)");
    if (text.size() > static_cast<std::size_t>(INT_MAX / 2))
        return fail(ErrorKind::TooLarge, "is too long to decode as base64");

    std::string padded(text.substr(0, dataLength));
    const std::size_t missing = (4 - dataLength % 4) % 4;
    padded.append(missing, '=');
    std::string decoded(padded.size() / 4 * 3, '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
        reinterpret_cast<const unsigned char*>(padded.data()), static_cast<int>(padded.size()));
    if (written < 0)
        return fail(ErrorKind::InvalidInput, "is not valid base64");
    decoded.resize(static_cast<std::size_t>(written) - (missing == 0 ? padding : missing));
    return decoded;
}

} // namespace gantry::registry
