#include "tests/support/lyingregistry.h"

#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"

#include <QRegularExpression>

namespace gantry::test {

bool LyingRegistry::start()
{
    if (m_registry.start())
        return true;
    m_error = m_registry.errorString();
    return false;
}

bool LyingRegistry::startProxy()
{
    m_proxy = std::make_unique<FaultProxy>(m_registry);
    if (m_proxy->start())
        return true;
    m_error = m_proxy->errorString();
    return false;
}

void LyingRegistry::stopProxy()
{
    m_proxy.reset();
}

QString LyingRegistry::errorString() const
{
    return m_error;
}

QString LyingRegistry::push(const QString& repository, const QString& tag, quint64 seed, const QDateTime& created)
{
    ImageSpec spec;
    spec.seed = seed;
    spec.created = created;
    auto image = ImageFixture(m_registry).push(repository, tag, spec);
    return image ? image->digest : QString();
}

std::pair<QString, QString> LyingRegistry::pushWithStaleHead(
    const QString& tagged, quint64 taggedSeed, const QString& claimed, quint64 claimedSeed, const QDateTime& created)
{
    const auto split = [](const QString& reference) {
        const auto colon = reference.lastIndexOf(QLatin1Char(':'));
        return std::pair { reference.left(colon), reference.mid(colon + 1) };
    };
    const auto [repository, tag] = split(tagged);
    const auto [claimedRepository, claimedTag] = split(claimed);
    std::pair digests { push(repository, tag, taggedSeed, created),
        push(claimedRepository, claimedTag, claimedSeed, created) };
    m_proxy->addRule(FaultRule::staleHead(
        QRegularExpression::escape(QLatin1Char('/') + repository + QStringLiteral("/manifests/") + tag)
            + QLatin1Char('$'),
        digests.second));
    return digests;
}

QString LyingRegistry::digestIn(const QString& reference) const
{
    return Skopeo(m_registry).digestOf(reference).value_or(QString());
}

} // namespace gantry::test
