#pragma once

// A stage of many tags for the responsiveness test and the GUI benchmark: `images` images pushed,
// then tagged until there are `tags` tags in all (versions 1.<i>.<j>), each tag a manifest PUT.
// Header-only: it needs the model library, which the support library does not link.

#include "model/policy/stabletagging.h"
#include "registry/image/registryclient.h"
#include "tests/support/imagefixture.h"
#include "tests/support/testregistry.h"

#include <QString>

namespace gantry::test {

inline Outcome<void> pushManyTags(const TestRegistry& registry, const QString& repository, int images, int tags)
{
    registry::RegistryClient client;
    const auto base
        = registry::Reference::parseRepository((registry.host() + QLatin1Char('/') + repository).toStdString());
    if (!base)
        return failure(QString::fromStdString(base.error().message));
    for (int image = 0; image < images; ++image) {
        ImageSpec spec;
        spec.seed = 7000 + static_cast<quint64>(image);
        spec.layerSize = 512;
        const QString first = QStringLiteral("1.%1.0").arg(image);
        auto pushed = ImageFixture(registry).push(repository, first, spec);
        if (!pushed)
            return failure(pushed.error());
        for (int extra = 1; extra < tags / images; ++extra) {
            auto tagged = model::tagImage(client, base->withDigest(pushed->digest.toStdString()),
                QStringLiteral("1.%1.%2").arg(image).arg(extra).toStdString());
            if (!tagged)
                return failure(QString::fromStdString(tagged.error().message));
        }
    }
    return {};
}

} // namespace gantry::test
