#pragma once

#include "tests/support/imagefixture.h"

namespace gantry::test {

// Writes the image `spec` describes into `directory` in skopeo's dir: layout and describes
// what it wrote (reference, repository and tag stay empty).
Outcome<PushedImage> writeImageLayout(const QString& directory, const ImageSpec& spec);

} // namespace gantry::test
