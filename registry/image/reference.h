#pragma once

#include "base/error.h"

#include <string>
#include <string_view>

namespace gantry::registry {

/// An image reference in Docker's grammar: `[host[:port]/]path[:tag][@sha256:<64 hex>]`.
/// Parsing is Docker's ParseNormalizedNamed (distribution/reference, what `docker pull` parses): no host
/// means `docker.io`, a single Docker Hub path component gets `library/`, `index.docker.io` becomes
/// `docker.io`, and the first component is a host only when it contains '.' or ':' or is `localhost`.
/// As in Docker, the path (with `library/`) has at most 255 characters, the host not counted, and a
/// port may have leading zeros (kept as written: `localhost:05000` is another name than `localhost:5000`).
///
/// tests/registry/tst_dockerreference.cpp runs Docker's own test tables (reference_test.go,
/// normalize_test.go); every case passes but those that meet one of these differences, on purpose:
/// - [upper-case host] Docker also takes an upper-case first component for a host (`Docker/docker`,
///   `LOCALDOMAIN/debian`); Gantry reports "repository names must be lower-case", since that is
///   nearly always a typo.
/// - [host:port without a path] `host:port` (`test.com:5000`, `192.168.0.1:80`) or `[v6]:port` with
///   no path is an error, not a Docker Hub name with a numeric tag: nobody typing a registry address
///   means that.
/// - [no digest-only references] A bare digest or 64-hex image ID is not a reference (Docker's
///   ParseAnyReference makes one; ParseNormalizedNamed refuses the ID and reads `sha256:<hex>` as the
///   name `sha256` with a tag, and so does Gantry).
/// - [pinned form keeps its tag] `name:tag@digest` keeps its tag, as Parse does (Docker's
///   ParseDockerRef drops it).
/// And where no Docker test goes:
/// - [host lower-cased] Host names are lower-cased (DNS is case-insensitive), so equality and
///   credential lookup work.
/// - [port range] A port's value must be 1..65535; Docker takes any digits.
/// - [sha256 only] Only sha256 digests: a well-formed digest of another algorithm is `Unsupported`.
/// - [latest] With neither tag nor digest the tag is `latest` (Docker's TagNameOnly).
struct Reference
{
    std::string registry; ///< "docker.io", "ghcr.io", "localhost:5000", "127.0.0.1:5000", "[::1]:5000"
    std::string repository; ///< "library/alpine", "team/app/fast-feedback"
    std::string tag; ///< may be empty when a digest is given
    std::string digest; ///< "sha256:<64 hex>" or empty

    /// Parses an image reference. With neither tag nor digest the tag is `latest` ([latest]).
    /// Errors: InvalidInput for anything malformed, Unsupported for a non-sha256 digest; the
    /// message quotes the input, says what is wrong and what it should look like.
    static Result<Reference> parse(std::string_view text);
    /// Parses a repository name (`[host/]path`): a tag or digest is an error. Tag and digest stay empty.
    static Result<Reference> parseRepository(std::string_view text);

    /// `registry/repository[:tag][@digest]`, the canonical full form.
    std::string toString() const;
    /// `registry/repository`
    std::string name() const;
    /// What goes after `/manifests/`: the digest when there is one, else the tag.
    std::string manifestIdentifier() const;

    /// The same repository at another tag. Clears the digest: a new tag usually names other bytes.
    Reference withTag(std::string newTag) const;
    /// The same repository pinned to a digest. Keeps the tag (`name:tag@digest`, Docker's pinned form).
    Reference withDigest(std::string newDigest) const;

    bool operator==(const Reference&) const = default;
};

/// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`
bool isValidTag(std::string_view tag);
/// Path components `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*` joined by '/', at most 255 characters.
bool isValidRepositoryPath(std::string_view path);
/// `sha256:` followed by 64 lower-case hex digits: the only digests Gantry accepts.
bool isValidDigest(std::string_view digest);
/// Like isValidDigest, with a reason: InvalidInput when malformed, Unsupported when it is a
/// well-formed digest of another algorithm (sha512, md5, …).
Status validateDigest(std::string_view digest);

} // namespace gantry::registry
