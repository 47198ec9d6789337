#include "registry/tls/certificateinfo.h"

#include "registry/tls/x509certificates.h"

#include <algorithm>

namespace gantry::registry {

Result<std::vector<CertificateInfo>> readPemCertificates(std::string_view pem)
{
    auto certificates = parsePemCertificates(pem);
    if (!certificates)
        return std::unexpected(certificates.error());
    std::vector<CertificateInfo> infos;
    infos.reserve(certificates->size());
    for (const auto& certificate : *certificates)
        infos.push_back(describeCertificate(certificate.get()));
    return infos;
}

std::optional<Timestamp> earliestNotAfter(std::span<const CertificateInfo> chain)
{
    if (chain.empty())
        return std::nullopt;
    return std::ranges::min(chain, {}, &CertificateInfo::notAfter).notAfter;
}

} // namespace gantry::registry
