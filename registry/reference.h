#pragma once

#include "error.h"

#include <string>
#include <string_view>

namespace gantry::registry {

/// An image reference in Docker's grammar: `[host[:port]/]path[:tag][@sha256:<64 hex>]`.
/// Parsing normalises like Docker: no host means `docker.io`, a single Docker Hub path component
/// gets `library/`, `index.docker.io` becomes `docker.io`.
struct Reference {
    std::string registry; ///< "docker.io", "ghcr.io", "localhost:5000", "127.0.0.1:5000", "[::1]:5000"
    std::string repository; ///< "library/alpine", "team/app/fast-feedback"
    std::string tag; ///< may be empty when a digest is given
    std::string digest; ///< "sha256:<64 hex>" or empty

    /// Parses an image reference. With neither tag nor digest the tag is `latest`.
    static Result<Reference> parse(std::string_view text);
    /// Parses a repository name (`[host/]path`): a tag or digest is an error.
    static Result<Reference> parseRepository(std::string_view text);

    /// `registry/repository[:tag][@digest]`, the canonical full form.
    std::string toString() const;
    /// `registry/repository`
    std::string name() const;
    /// What goes after `/manifests/`: the digest when there is one, else the tag.
    std::string manifestIdentifier() const;

    Reference withTag(std::string newTag) const;
    Reference withDigest(std::string newDigest) const;

    bool operator==(const Reference&) const = default;
};

bool isValidTag(std::string_view tag);
bool isValidRepositoryPath(std::string_view path);
bool isValidDigest(std::string_view digest);

} // namespace gantry::registry
