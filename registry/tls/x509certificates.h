#pragma once

#include "registry/tls/certificateinfo.h"
#include "registry/tls/opensslpointers.h"

namespace gantry::registry {

/// Subject, issuer, validity and CA flag of `certificate`.
CertificateInfo describeCertificate(X509* certificate);

/// Each certificate of `chain`, in order.
std::vector<CertificateInfo> describeChain(STACK_OF(X509) * chain);

/// Every certificate of a PEM text, in order; InvalidInput when there is none or one is malformed.
Result<std::vector<X509Ptr>> parsePemCertificates(std::string_view pem);

} // namespace gantry::registry
