#include "tests/support/proxiedmessage.h"

namespace gantry::test {

QByteArray ProxiedMessage::header(const QByteArray& name) const
{
    return headerValue(headers, name);
}

void ProxiedMessage::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& [key, old] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            old = value;
            return;
        }
    }
    headers.append({ name, value });
}

void ProxiedMessage::removeHeader(const QByteArray& name)
{
    headers.removeIf([&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray ProxiedMessage::head() const
{
    QByteArray out = startLine + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    return out + "\r\n";
}

bool parseHead(const QByteArray& head, ProxiedMessage& message)
{
    const QList<QByteArray> lines = head.split('\n');
    message.startLine = lines.value(0).trimmed();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            message.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    return !message.startLine.isEmpty();
}

bool dechunk(const QByteArray& data, QByteArray& body)
{
    qsizetype at = 0;
    body.clear();
    for (;;) {
        const qsizetype lineEnd = data.indexOf("\r\n", at);
        if (lineEnd < 0)
            return false;
        bool ok = false;
        const qsizetype size = data.mid(at, lineEnd - at).split(';').value(0).trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return false;
        at = lineEnd + 2;
        if (size == 0)
            return true;
        if (data.size() < at + size + 2)
            return false;
        body += data.mid(at, size);
        at += size + 2;
    }
}

} // namespace gantry::test
