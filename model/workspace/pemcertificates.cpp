#include "model/workspace/pemcertificates.h"

namespace gantry::model {

std::string certificateBlocks(std::string_view pem)
{
    // The same blocks Go's x509.CertPool.AppendCertsFromPEM and tls.X509KeyPair take: kubectl
    // ignores any other block in these fields.
    constexpr std::string_view begin = "-----BEGIN CERTIFICATE-----";
    constexpr std::string_view end = "-----END CERTIFICATE-----";
    std::string blocks;
    for (std::size_t from = pem.find(begin); from != std::string_view::npos; from = pem.find(begin, from)) {
        const std::size_t to = pem.find(end, from + begin.size());
        if (to == std::string_view::npos)
            break;
        // An unterminated block followed by another (a key, say) is broken armour: start again there.
        if (const std::size_t next = pem.find("-----BEGIN", from + begin.size()); next < to) {
            from = next;
            continue;
        }
        blocks += pem.substr(from, to + end.size() - from);
        blocks += '\n';
        from = to + end.size();
    }
    return blocks;
}

} // namespace gantry::model
