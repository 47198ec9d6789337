#include "registry/image/digest.h"

#include <openssl/evp.h>

namespace gantry::registry {

namespace {

constexpr std::string_view sha256Prefix = "sha256:";

bool isLowerHex(std::string_view text)
{
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

std::string toHex(const unsigned char* data, unsigned size)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(size * 2);
    for (unsigned i = 0; i < size; ++i) {
        hex.push_back(digits[data[i] >> 4]);
        hex.push_back(digits[data[i] & 0xf]);
    }
    return hex;
}

} // namespace

Result<Digest> Digest::parse(std::string_view text)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return fail(
            ErrorKind::InvalidInput, "\"" + std::string(text) + "\" is not a digest; expected sha256:<64 hex digits>");
    if (text.substr(0, colon + 1) != sha256Prefix)
        return fail(ErrorKind::Unsupported,
            "digest algorithm \"" + std::string(text.substr(0, colon)) + "\" is not supported; only sha256 is");
    const auto hex = text.substr(colon + 1);
    if (hex.size() != 64 || !isLowerHex(hex))
        return fail(ErrorKind::InvalidInput,
            "\"" + std::string(text) + "\" is not a digest; expected sha256: and 64 lower-case hex digits");
    return Digest(std::string(text));
}

Digest Digest::ofBytes(std::string_view bytes)
{
    Sha256Stream stream;
    stream.update(bytes);
    return stream.finish();
}

Sha256Stream::Sha256Stream()
    : m_context(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_context, EVP_sha256(), nullptr);
}

Sha256Stream::~Sha256Stream()
{
    EVP_MD_CTX_free(m_context);
}

void Sha256Stream::update(const char* data, size_t size)
{
    EVP_DigestUpdate(m_context, data, size);
}

Digest Sha256Stream::finish()
{
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    EVP_DigestFinal_ex(m_context, hash, &size);
    return Digest(std::string(sha256Prefix) + toHex(hash, size));
}

Status verifyDigest(std::string_view bytes, const Digest& expected, std::string_view what)
{
    const auto actual = Digest::ofBytes(bytes);
    if (actual == expected)
        return {};
    return fail(ErrorKind::DigestMismatch,
        std::string(what) + " should have digest " + expected.str() + " but its bytes hash to " + actual.str()
            + "; the registry served corrupt or substituted content");
}

} // namespace gantry::registry
