#pragma once

// The HTTP/1.1 messages the fault proxy reads, changes and writes again. Internal to tests/support.

#include "tests/support/httpwire.h"

#include <QByteArray>

namespace gantry::test {

struct ProxiedMessage
{
    QByteArray startLine; // request or status line, without its CRLF
    HttpHeaders headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const; // case-insensitive, first match
    void setHeader(const QByteArray& name, const QByteArray& value); // replaces the first, or adds
    void removeHeader(const QByteArray& name);
    QByteArray head() const; // start line and headers, up to and with the blank line
};

// Parses a message head (without its blank line); false when there is no start line.
bool parseHead(const QByteArray& head, ProxiedMessage& message);
// Undoes Transfer-Encoding: chunked; false while incomplete or malformed.
bool dechunk(const QByteArray& data, QByteArray& body);

} // namespace gantry::test
