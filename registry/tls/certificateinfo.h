#pragma once

#include "base/error.h"
#include "base/timestamps.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::registry {

/// What a dashboard shows of one X.509 certificate.
struct CertificateInfo
{
    std::string subject; ///< one-line RFC 2253, most specific first: "CN=api,O=Example"; UTF-8 unescaped
    std::string issuer; ///< same form as subject
    Timestamp notBefore {};
    Timestamp notAfter {};
    bool isCa = false; ///< basic constraints say CA (a root or an intermediate)
};

/// Every certificate in a PEM text (a CA bundle, a client certificate with its key), in order;
/// other PEM blocks are skipped. InvalidInput when there is no certificate or one is malformed.
Result<std::vector<CertificateInfo>> readPemCertificates(std::string_view pem);

/// When the first certificate of a chain expires (an intermediate may expire before its leaf);
/// nullopt for an empty chain.
std::optional<Timestamp> earliestNotAfter(std::span<const CertificateInfo> chain);

} // namespace gantry::registry
