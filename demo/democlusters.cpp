#include "demo/democlusters.h"

#include <QDateTime>

namespace gantry::test {

bool DemoClusters::start(const QList<int>& daysLeft)
{
    if (!m_pki.isValid()) {
        m_errorString = m_pki.errorString();
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const int days : daysLeft) {
        // Lifetimes of 90 days, as cert-manager issues them, so the bar shows how much is used up.
        const auto certificate = m_pki.issue(QStringLiteral("kubernetes-api-%1d").arg(days),
            TestPki::defaultSubjectAltNames(), now.addDays(days - 90), now.addDays(days).addSecs(3600));
        if (certificate.isNull()) {
            m_errorString = m_pki.errorString();
            return false;
        }
        m_servers.push_back(std::make_unique<OpenSslServer>(certificate));
        if (!m_servers.back()->start()) {
            m_errorString = m_servers.back()->errorString();
            return false;
        }
    }
    return true;
}

QList<quint16> DemoClusters::ports() const
{
    QList<quint16> ports;
    for (const auto& server : m_servers)
        ports.append(server->port());
    return ports;
}

} // namespace gantry::test
