#include "registry/http/httptransport.h"

#include "registry/http/httpheaders.h"
#include "registry/http/transferwatch.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <curl/curl.h>
#include <filesystem>
#include <optional>
#include <thread>

namespace gantry::registry {

namespace {

void initialiseCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// Everything a transfer's callbacks need; lives on the stack of one attempt.
struct TransferState
{
    const HttpRequest* request = nullptr;
    HttpResponse* response = nullptr;
    CURL* handle = nullptr;
    TransferWatch* watch = nullptr;
    std::size_t uploadOffset = 0;
    std::optional<std::string> stalled; ///< why the watch gave the attempt up
    bool connected = false; ///< the request went out: a timeout was not the connect's
    std::chrono::milliseconds connectLimit {};
    std::chrono::milliseconds deadline {};
    bool tooLarge = false;
    bool sinkRefused = false;
    bool sinkTouched = false;
    bool readerAborted = false;
};

size_t onHeader(char* data, size_t size, size_t count, void* user)
{
    auto* state = static_cast<TransferState*>(user);
    const std::string_view line(data, size * count);
    // A new status line starts a new header block (after 100 Continue, for instance).
    if (line.starts_with("HTTP/")) {
        state->watch->answerStarted();
        state->response->headers.clear();
        return line.size();
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return line.size();
    std::string name(trim(line.substr(0, colon)));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    state->response->headers.emplace_back(std::move(name), std::string(trim(line.substr(colon + 1))));
    return line.size();
}

size_t onWrite(char* data, size_t size, size_t count, void* user)
{
    auto* state = static_cast<TransferState*>(user);
    const size_t bytes = size * count;
    long status = 0;
    curl_easy_getinfo(state->handle, CURLINFO_RESPONSE_CODE, &status);
    // Only a successful body goes to the sink; an error body is kept (capped) to explain itself.
    if (state->request->bodySink && status >= 200 && status < 300) {
        state->sinkTouched = true;
        if (!state->request->bodySink(data, bytes)) {
            state->sinkRefused = true;
            return 0;
        }
        return bytes;
    }
    if (state->response->body.size() + bytes > state->request->maxBodyBytes) {
        state->tooLarge = true;
        return 0;
    }
    state->response->body.append(data, bytes);
    return bytes;
}

size_t onRead(char* buffer, size_t size, size_t count, void* user)
{
    auto* state = static_cast<TransferState*>(user);
    const size_t capacity = size * count;
    if (state->request->bodyReader) {
        const auto produced = state->request->bodyReader(buffer, capacity);
        if (!produced) {
            state->readerAborted = true;
            return CURL_READFUNC_ABORT;
        }
        return *produced;
    }
    const auto& body = state->request->body;
    const size_t chunk = std::min(capacity, body.size() - state->uploadOffset);
    std::memcpy(buffer, body.data() + state->uploadOffset, chunk);
    state->uploadOffset += chunk;
    return chunk;
}

// A replayable body rewinds when curl resends it on a fresh connection (the kept-alive one died).
int onSeek(void* user, curl_off_t offset, int origin)
{
    auto* state = static_cast<TransferState*>(user);
    if (state->request->bodyReader || origin != SEEK_SET || offset < 0
        || static_cast<std::size_t>(offset) > state->request->body.size())
        return CURL_SEEKFUNC_CANTSEEK;
    state->uploadOffset = static_cast<std::size_t>(offset);
    return CURL_SEEKFUNC_OK;
}

int onProgress(void* user, curl_off_t, curl_off_t received, curl_off_t toSend, curl_off_t sent)
{
    auto* state = static_cast<TransferState*>(user);
    const auto* cancelled = state->request->cancelled;
    if (cancelled && cancelled->load())
        return 1;
    state->stalled = state->watch->check(sent, toSend, received, SteadyClock::now());
    return state->stalled ? 1 : 0;
}

void lockShare(CURL*, curl_lock_data data, curl_lock_access, void* user)
{
    static_cast<std::mutex*>(user)[data % 8].lock();
}

void unlockShare(CURL*, curl_lock_data data, void* user)
{
    static_cast<std::mutex*>(user)[data % 8].unlock();
}

Error transportError(CURLcode code, const TransferState& state, const char* detail, const std::string& host)
{
    const std::string why = detail && *detail ? std::string(detail) : std::string(curl_easy_strerror(code));
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return Error { ErrorKind::Network, "cannot resolve " + host + ": " + why, 0, {} };
    case CURLE_COULDNT_CONNECT:
        return Error { ErrorKind::Network, "cannot connect to " + host + ": " + why, 0, {} };
    case CURLE_OPERATION_TIMEDOUT:
        if (!state.connected)
            return Error { ErrorKind::Timeout,
                "cannot connect to " + host + " within "
                    + describeDuration(std::min(state.connectLimit, state.deadline)),
                0, {} };
        if (!state.watch->answering())
            return Error { ErrorKind::Timeout, host + " sent no answer within " + describeDuration(state.deadline), 0,
                {} };
        return Error { ErrorKind::Timeout,
            host + " did not complete its answer within " + describeDuration(state.deadline), 0, {} };
    case CURLE_PEER_FAILED_VERIFICATION:
        return Error { ErrorKind::Tls,
            "the TLS certificate of " + host + " is not trusted (" + why + "); put its CA in /etc/docker/certs.d/"
                + host + "/ca.crt or ~/.docker/certs.d/" + host + "/ca.crt",
            0, {} };
    case CURLE_SSL_CONNECT_ERROR:
        // Marked so that a loopback registry speaking plain HTTP can be told from a TLS failure.
        return Error { ErrorKind::Tls, "TLS handshake with " + host + " failed: " + why, 0,
            std::string(tlsHandshakeFailed) };
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
        return Error { ErrorKind::Tls, "TLS with " + host + " failed: " + why, 0, {} };
    case CURLE_ABORTED_BY_CALLBACK:
        if (state.stalled)
            return Error { ErrorKind::Timeout, host + " " + *state.stalled, 0, {} };
        return Error { ErrorKind::Cancelled, "cancelled", 0, {} };
    case CURLE_WRITE_ERROR:
        if (state.tooLarge)
            return Error { ErrorKind::TooLarge,
                "the answer from " + host + " is larger than the " + std::to_string(state.request->maxBodyBytes)
                    + " bytes Gantry accepts for it",
                0, {} };
        return Error { ErrorKind::Io, "the transfer from " + host + " was stopped by its receiver", 0, {} };
    case CURLE_READ_ERROR:
        return Error { ErrorKind::Io, "the upload to " + host + " was stopped by its source", 0, {} };
    case CURLE_SEND_FAIL_REWIND:
        return Error { ErrorKind::Network, "the connection to " + host + " dropped during a streamed upload", 0, {} };
    default:
        return Error { ErrorKind::Network, "connection to " + host + " failed: " + why, 0, {} };
    }
}

constexpr const char* systemCaDirectory = "/etc/ssl/certs";

bool isRetryableStatus(long status)
{
    return status == 408 || status == 429 || status >= 500;
}
bool isRetryableError(ErrorKind kind)
{
    return kind == ErrorKind::Network || kind == ErrorKind::Timeout;
}

// A network failure that outlasted its retries says so: the user knows it was not a blip.
Result<HttpResponse> withAttempts(Result<HttpResponse> result, int attempts)
{
    if (!result && attempts > 1 && isRetryableError(result.error().kind))
        result.error().message += " (" + std::to_string(attempts) + " attempts)";
    return result;
}

// Sleeps in short steps so that a cancel is noticed during a long Retry-After.
void pause(std::chrono::milliseconds duration, const std::atomic_bool* cancelled)
{
    const auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until && !(cancelled && cancelled->load()))
        std::this_thread::sleep_for(std::min(duration, std::chrono::milliseconds(50)));
}

} // namespace

struct HttpTransport::Attempt
{
    Result<HttpResponse> result;
    bool sinkTouched = false;
};

std::string HttpResponse::header(std::string_view lowerCaseName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

std::vector<std::string> HttpResponse::headerValues(std::string_view lowerCaseName) const
{
    std::vector<std::string> values;
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName)
            values.push_back(value);
    }
    return values;
}

HttpTransport::HttpTransport(TlsSettings tls, RetryPolicy retry, TransferLimits limits)
    : m_tls(std::move(tls))
    , m_retry(retry)
    , m_limits(limits)
{
    initialiseCurlOnce();
    // DNS answers and TLS sessions are shared between handles; connections are not, because
    // libcurl documents sharing a connection cache across threads as unsafe.
    m_share = curl_share_init();
    curl_share_setopt(m_share, CURLSHOPT_LOCKFUNC, lockShare);
    curl_share_setopt(m_share, CURLSHOPT_UNLOCKFUNC, unlockShare);
    curl_share_setopt(m_share, CURLSHOPT_USERDATA, m_shareLocks);
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

HttpTransport::~HttpTransport()
{
    for (void* handle : m_idleHandles)
        curl_easy_cleanup(static_cast<CURL*>(handle));
    curl_share_cleanup(m_share);
}

int HttpTransport::requestCount() const
{
    return m_requestCount.load();
}

void* HttpTransport::acquireHandle()
{
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_idleHandles.empty()) {
            void* handle = m_idleHandles.back();
            m_idleHandles.pop_back();
            return handle;
        }
    }
    return curl_easy_init();
}

void HttpTransport::releaseHandle(void* handle)
{
    std::lock_guard lock(m_poolMutex);
    m_idleHandles.push_back(handle);
}

Result<HttpResponse> HttpTransport::perform(const HttpRequest& request)
{
    // A CA file of the host's that cannot be read is said as it is, before any connection.
    if (const HostTls& tls = m_tls.forHost(hostOfUrl(request.url)); !tls.problem.empty())
        return fail(ErrorKind::Io, tls.problem);
    const auto deadline = SteadyClock::now() + m_retry.deadline;
    auto backoff = m_retry.firstBackoff;
    for (int attempt = 1;; ++attempt) {
        auto outcome = performOnce(request, deadline);
        const bool canRetry = request.retryTransient && attempt < m_retry.maxAttempts && request.isReplayable()
            && !outcome.sinkTouched && !(request.cancelled && request.cancelled->load());
        auto wait = backoff;
        if (outcome.result) {
            if (!canRetry || !isRetryableStatus(outcome.result->status))
                return std::move(outcome.result);
            if (const auto retryAfter
                = parseRetryAfter(outcome.result->header("retry-after"), std::chrono::system_clock::now())) {
                if (*retryAfter > m_retry.maxRetryAfter)
                    return std::move(outcome.result);
                wait = std::max(wait, std::chrono::duration_cast<std::chrono::milliseconds>(*retryAfter));
            }
        } else if (!canRetry || !isRetryableError(outcome.result.error().kind)) {
            return withAttempts(std::move(outcome.result), attempt);
        }
        // A wait that ends past the deadline leaves no time to try again: the answer is as good now.
        if (SteadyClock::now() + wait >= deadline)
            return withAttempts(std::move(outcome.result), attempt);
        pause(wait, request.cancelled);
        backoff *= 2;
    }
}

HttpTransport::Attempt HttpTransport::performOnce(const HttpRequest& request, SteadyClock::time_point deadline)
{
    CURL* handle = static_cast<CURL*>(acquireHandle());
    curl_easy_reset(handle);
    ++m_requestCount;

    HttpResponse response;
    const bool sendsBody = request.bodyReader ? request.bodySize > 0 : !request.body.empty();
    TransferWatch watch(m_limits, sendsBody, SteadyClock::now());
    TransferState state;
    state.request = &request;
    state.response = &response;
    state.handle = handle;
    state.watch = &watch;
    state.connectLimit = request.connectTimeout.value_or(m_limits.connect);
    state.deadline = m_retry.deadline;
    char errorText[CURL_ERROR_SIZE] = {};
    const std::string host = hostOfUrl(request.url);

    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_SHARE, m_share);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_USERAGENT, "gantry/0.1");
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(state.connectLimit.count()));
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &state);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &state);

    const bool streaming = request.bodySink || request.bodyReader;
    if (streaming) {
        // Fewer callbacks (and pipe hand-overs) per blob; 512 KiB is curl's maximum.
        curl_easy_setopt(handle, CURLOPT_BUFFERSIZE, 512L * 1024);
        curl_easy_setopt(handle, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
    } else {
        // A blob may take long as long as it keeps moving (the watch sees to that); anything
        // else ends by the deadline. 0 would mean no limit at all, hence at least 1 ms.
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now());
        curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long long>(1, left.count())));
    }

    const HostTls& tls = m_tls.forHost(host);
    curl_blob caBlob {};
    if (!tls.caBundle.empty()) {
        caBlob = { const_cast<char*>(tls.caBundle.data()), tls.caBundle.size(), CURL_BLOB_NOCOPY };
        curl_easy_setopt(handle, CURLOPT_CAINFO_BLOB, &caBlob);
    } else if (static const bool hashedCaDirectory = std::filesystem::is_directory(systemCaDirectory);
               hashedCaDirectory) {
        // Parsing the whole CA bundle costs ~25 ms per process; the hashed directory is read
        // only for the issuers a server's chain actually names.
        curl_easy_setopt(handle, CURLOPT_CAINFO, nullptr);
        curl_easy_setopt(handle, CURLOPT_CAPATH, systemCaDirectory);
    }
    if (!tls.clientCertificateFile.empty()) {
        curl_easy_setopt(handle, CURLOPT_SSLCERT, tls.clientCertificateFile.c_str());
        curl_easy_setopt(handle, CURLOPT_SSLKEY, tls.clientKeyFile.c_str());
    }

    curl_slist* headers = nullptr;
    for (const auto& header : request.headers)
        headers = curl_slist_append(headers, header.c_str());
    // 100-continue costs a round trip per upload and registries do not need it.
    headers = curl_slist_append(headers, "Expect:");

    if (request.method == "HEAD") {
        curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    } else if (request.method == "GET") {
        curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "POST" && !request.bodyReader) {
        curl_easy_setopt(handle, CURLOPT_POST, 1L);
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
    } else if (request.method == "PUT" || request.method == "PATCH" || request.method == "POST") {
        curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(handle, CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(handle, CURLOPT_READDATA, &state);
        curl_easy_setopt(handle, CURLOPT_SEEKFUNCTION, onSeek);
        curl_easy_setopt(handle, CURLOPT_SEEKDATA, &state);
        const auto size = request.bodyReader ? request.bodySize : static_cast<std::int64_t>(request.body.size());
        curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
        if (request.method != "PUT")
            curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    } else {
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);

    const CURLcode code = curl_easy_perform(handle);
    curl_slist_free_all(headers);
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
    // Request bytes went out only on a connection that stood (a reused one reports no connect time).
    long requestBytes = 0;
    curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &requestBytes);
    state.connected = requestBytes > 0;
    response.url = request.url;
    // Drop per-request pointers into this stack frame before the handle goes back to the pool.
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
    releaseHandle(handle);

    Attempt attempt { {}, state.sinkTouched };
    if (code != CURLE_OK)
        attempt.result = std::unexpected(transportError(code, state, errorText, host));
    else
        attempt.result = std::move(response);
    return attempt;
}

std::string hostOfUrl(std::string_view url)
{
    auto start = url.find("://");
    start = start == std::string_view::npos ? 0 : start + 3;
    const auto end = url.find_first_of("/?#", start);
    return std::string(url.substr(start, end == std::string_view::npos ? url.npos : end - start));
}

bool isLoopbackHost(std::string_view hostAndPort)
{
    std::string_view host = hostAndPort;
    if (host.starts_with('[')) {
        host = host.substr(1, host.find(']') - 1);
        return host == "::1";
    }
    host = host.substr(0, host.find(':'));
    if (host == "localhost")
        return true;
    // 127.0.0.0/8 as an address literal only: "127.example.com" is a name like any other.
    const bool addressLiteral = std::all_of(
        host.begin(), host.end(), [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)); });
    return addressLiteral && std::count(host.begin(), host.end(), '.') == 3 && host.starts_with("127.");
}

} // namespace gantry::registry
