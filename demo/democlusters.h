#pragma once

#include "tests/support/opensslserver.h"
#include "tests/support/testpki.h"

#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace gantry::test {

// Loopback TLS endpoints standing in for Kubernetes API servers: each serves a certificate from
// one demo CA that expires in the given number of days (plus an hour, so that "days left" reads
// as that number for the whole demo).
class DemoClusters
{
public:
    bool start(const QList<int>& daysLeft);
    QString errorString() const { return m_errorString; }
    QString caCertificatePath() const { return m_pki.caCertificatePath(); }
    QList<quint16> ports() const;

private:
    TestPki m_pki;
    std::vector<std::unique_ptr<OpenSslServer>> m_servers;
    QString m_errorString;
};

} // namespace gantry::test
