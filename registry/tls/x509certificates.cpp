#include "registry/tls/x509certificates.h"

#include <climits>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace gantry::registry {

namespace {

Timestamp toTimestamp(const ASN1_TIME* time)
{
    std::tm utc {};
    if (!time || ASN1_TIME_to_tm(time, &utc) != 1)
        return {};
    using namespace std::chrono;
    const sys_days day = year(utc.tm_year + 1900) / (utc.tm_mon + 1) / utc.tm_mday;
    return day + hours(utc.tm_hour) + minutes(utc.tm_min) + seconds(utc.tm_sec);
}

std::string oneLine(const X509_NAME* name)
{
    // RFC 2253 but with UTF-8 left readable: "CN=Café" rather than "CN=Caf\C3\A9".
    constexpr unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0)
        return {};
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

} // namespace

CertificateInfo describeCertificate(X509* certificate)
{
    CertificateInfo info;
    info.subject = oneLine(X509_get_subject_name(certificate));
    info.issuer = oneLine(X509_get_issuer_name(certificate));
    info.notBefore = toTimestamp(X509_get0_notBefore(certificate));
    info.notAfter = toTimestamp(X509_get0_notAfter(certificate));
    info.isCa = (X509_get_extension_flags(certificate) & EXFLAG_CA) != 0;
    return info;
}

std::vector<CertificateInfo> describeChain(STACK_OF(X509) * chain)
{
    std::vector<CertificateInfo> infos;
    for (int i = 0; i < sk_X509_num(chain); ++i)
        infos.push_back(describeCertificate(sk_X509_value(chain, i)));
    return infos;
}

Result<std::vector<X509Ptr>> parsePemCertificates(std::string_view pem)
{
    if (pem.size() > INT_MAX)
        return fail(ErrorKind::InvalidInput, "the PEM text is too large to hold certificates");
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return fail(ErrorKind::Io, "out of memory reading a PEM text");
    ERR_clear_error();
    std::vector<X509Ptr> certificates;
    while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        certificates.emplace_back(certificate);
    // Running out of PEM blocks is how the loop ends; anything else is a broken block.
    const unsigned long error = ERR_peek_last_error();
    ERR_clear_error();
    const bool endOfText = ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE;
    if (error != 0 && !endOfText)
        return fail(ErrorKind::InvalidInput,
            "certificate " + std::to_string(certificates.size() + 1) + " of the PEM text is malformed");
    if (certificates.empty())
        return fail(ErrorKind::InvalidInput, "the PEM text holds no certificate");
    return certificates;
}

} // namespace gantry::registry
