// References come from users (command line, workspace) and from registries' answers.
#include "registry/image/reference.h"

#include "fuzz/fuzzinput.h"

using gantry::fuzz::require;
using gantry::registry::Reference;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = gantry::fuzz::textOf(data, size);
    if (const auto reference = Reference::parse(text)) {
        require(gantry::registry::isValidRepositoryPath(reference->repository), "a parsed path is valid");
        require(reference->tag.empty() || gantry::registry::isValidTag(reference->tag), "a parsed tag is valid");
        require(reference->digest.empty() || gantry::registry::isValidDigest(reference->digest),
            "a parsed digest is valid");
        require(!reference->manifestIdentifier().empty(), "a reference names a manifest");
        // The canonical form is what Gantry prints, journals and reads back.
        const auto again = Reference::parse(reference->toString());
        require(again && *again == *reference, "toString() parses back to the same reference");
    } else {
        require(!reference.error().message.empty(), "an error says what is wrong");
    }
    if (const auto repository = Reference::parseRepository(text)) {
        require(repository->tag.empty() && repository->digest.empty(), "a repository has no tag or digest");
        const auto again = Reference::parseRepository(repository->name());
        require(again && *again == *repository, "name() parses back to the same repository");
    }
    require(gantry::registry::validateDigest(text).has_value() == gantry::registry::isValidDigest(text),
        "validateDigest agrees with isValidDigest");
    return 0;
}
