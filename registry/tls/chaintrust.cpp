#include "registry/tls/chaintrust.h"

#include "registry/tls/hostlookup.h"
#include "registry/tls/x509certificates.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

namespace gantry::registry {

namespace {

// Loaded once and shared: the system bundle holds over a hundred CAs, too many to parse per
// probe. An X509_STORE may serve many verifications at once.
X509_STORE* systemStore()
{
    static const X509StorePtr store = [] {
        X509StorePtr created(X509_STORE_new());
        if (created && X509_STORE_set_default_paths(created.get()) != 1)
            created.reset();
        ERR_clear_error();
        return created;
    }();
    return store.get();
}

X509StorePtr storeOf(const std::string& caPem, std::string& error)
{
    auto certificates = parsePemCertificates(caPem);
    if (!certificates) {
        error = "the CA certificates to trust are unusable: " + certificates.error().message;
        return {};
    }
    X509StorePtr store(X509_STORE_new());
    for (const auto& certificate : *certificates) {
        if (!store || X509_STORE_add_cert(store.get(), certificate.get()) != 1) {
            error = "the CA certificates to trust could not be loaded";
            return {};
        }
    }
    return store;
}

} // namespace

ChainTrust verifyServedChain(X509* leaf, STACK_OF(X509) * served, const std::string& caPem)
{
    ChainTrust trust;
    X509StorePtr ownStore = caPem.empty() ? nullptr : storeOf(caPem, trust.error);
    X509_STORE* store = caPem.empty() ? systemStore() : ownStore.get();
    if (!store) {
        if (trust.error.empty())
            trust.error = "the system's CA certificates could not be loaded";
        return trust;
    }
    X509StoreContextPtr context(X509_STORE_CTX_new());
    if (!context || X509_STORE_CTX_init(context.get(), store, leaf, served) != 1
        || X509_STORE_CTX_set_default(context.get(), "ssl_server") != 1) {
        ERR_clear_error();
        trust.error = "the chain could not be verified (out of memory)";
        return trust;
    }
    trust.trusted = X509_verify_cert(context.get()) == 1;
    if (!trust.trusted)
        trust.error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
    ERR_clear_error();
    return trust;
}

bool certificateNames(X509* leaf, const std::string& name)
{
    if (isIpAddress(name))
        return X509_check_ip_asc(leaf, name.c_str(), 0) == 1;
    return X509_check_host(leaf, name.data(), name.size(), X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr) == 1;
}

} // namespace gantry::registry
