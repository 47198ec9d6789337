#pragma once

#include "base/error.h"

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace gantry::registry {

/// A content digest, `sha256:<64 lower-case hex>`: the identity of a manifest or blob.
class Digest
{
public:
    Digest() = default;
    /// Accepts only well-formed sha256 digests (others: InvalidInput or Unsupported).
    static Result<Digest> parse(std::string_view text);
    static Digest ofBytes(std::string_view bytes);

    const std::string& str() const { return m_text; }
    std::string_view hex() const { return std::string_view(m_text).substr(7); }
    /// `sha256:ab12cd34ef56` — for tables and messages.
    std::string shortForm() const { return m_text.substr(0, 19); }
    bool isEmpty() const { return m_text.empty(); }

    bool operator==(const Digest&) const = default;
    auto operator<=>(const Digest&) const = default;

private:
    explicit Digest(std::string text)
        : m_text(std::move(text))
    {
    }
    friend class Sha256Stream;
    std::string m_text;
};

/// Hashes bytes as they stream past, so a blob is verified without being held in memory.
class Sha256Stream
{
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;

    void update(const char* data, size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    Digest finish();

private:
    evp_md_ctx_st* m_context;
};

/// Checks that `bytes` hash to `expected`; the error says what was received instead.
Status verifyDigest(std::string_view bytes, const Digest& expected, std::string_view what);

} // namespace gantry::registry
