#pragma once

// What the test servers, the fault proxy and the probe share of HTTP/1.1 as it is written on the
// wire: headers in the order sent, looked up as HTTP looks them up, and status lines.

#include <QByteArray>
#include <QList>
#include <QPair>

namespace gantry::test {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// The value of the first header called `name`, matched case-insensitively; empty when absent.
QByteArray headerValue(const HttpHeaders& headers, const QByteArray& name);

// The reason phrase of a status line ("Not Found"); "Status" for a code not listed (clients read
// only the code).
QByteArray reasonPhrase(int status);

} // namespace gantry::test
