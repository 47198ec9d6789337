// The command table (cli/commandrows.h) against the README's list of gantryctl's commands, and
// each row against itself: what --help says of a command names every option it accepts.
#include "cli/commandtable.h"
#include "cli/release/releasecommandtable.h"

#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

using namespace gantry::cli;

namespace {

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

// The README's gantryctl section: the first code block under "## gantryctl" lists every command,
// one a line, indented by two spaces, its usage up to two spaces or the end of the line.
QMap<QString, QString> readmeUsages(const QString& readme, QString* problem)
{
    const auto section = readme.indexOf(QStringLiteral("\n## gantryctl\n"));
    const auto open = readme.indexOf(QStringLiteral("\n```\n"), section);
    const auto close = readme.indexOf(QStringLiteral("\n```\n"), open + 1);
    if (section < 0 || open < 0 || close < 0) {
        *problem = QStringLiteral("README.md has no \"## gantryctl\" section with a code block");
        return {};
    }
    static const QRegularExpression row(QStringLiteral("^  ([a-z]\\S*)(.*?)(?:  .*)?$"));
    QMap<QString, QString> usages;
    for (const QString& line : readme.mid(open + 5, close - open - 5).split(QLatin1Char('\n'))) {
        const auto match = row.match(line);
        if (!match.hasMatch())
            continue;
        if (usages.contains(match.captured(1)))
            *problem = QStringLiteral("README.md lists %1 twice").arg(match.captured(1));
        usages.insert(match.captured(1), (match.captured(1) + match.captured(2)).trimmed());
    }
    return usages;
}

} // namespace

class TestCtlCommandTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readmeListsEveryCommandWithItsUsage();
    void everyUsageStartsWithItsNameAndEveryNameIsOnce();
    void theHelpOfACommandNamesEveryOptionItAccepts();
    void gantryctlHandlesItsOwnRowsAndTheHelperAll();
};

void TestCtlCommandTable::readmeListsEveryCommandWithItsUsage()
{
    QFile file(QStringLiteral(GANTRY_SOURCE_DIR "/README.md"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QString problem;
    const auto readme = readmeUsages(QString::fromUtf8(file.readAll()), &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QStringList differences;
    QMap<QString, QString> table;
    for (const Command& command : commandTable())
        table.insert(text(command.name), text(command.usage));
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        if (!readme.contains(it.key()))
            differences << QStringLiteral("missing in the README: %1").arg(it.value());
        else if (readme.value(it.key()) != it.value())
            differences
                << QStringLiteral("README says \"%1\", the table \"%2\"").arg(readme.value(it.key()), it.value());
    }
    for (auto it = readme.cbegin(); it != readme.cend(); ++it) {
        if (!table.contains(it.key()))
            differences << QStringLiteral("in the README, no such command: %1").arg(it.value());
    }
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
}

void TestCtlCommandTable::everyUsageStartsWithItsNameAndEveryNameIsOnce()
{
    QSet<QString> names;
    for (const Command& command : commandTable()) {
        const QString name = text(command.name);
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QVERIFY2(command.usage == command.name || text(command.usage).startsWith(name + QLatin1Char(' ')),
            qPrintable(text(command.usage)));
        QVERIFY2(!command.summary.empty(), qPrintable(name));
    }
    QVERIFY(names.contains(QStringLiteral("copy")));
    QVERIFY(names.contains(QStringLiteral("promote")));
}

void TestCtlCommandTable::theHelpOfACommandNamesEveryOptionItAccepts()
{
    for (const Command& command : commandTable()) {
        QString help = text(command.summary);
        for (const auto& line : command.moreHelp)
            help += QLatin1Char('\n') + text(line.left) + QLatin1Char(' ') + text(line.right);
        auto accepted = command.flags();
        accepted.merge(command.options());
        for (const auto& option : accepted) {
            QVERIFY2(help.contains(QStringLiteral("--") + QString::fromStdString(option)),
                qPrintable(QStringLiteral("%1: --%2").arg(text(command.name), QString::fromStdString(option))));
        }
    }
    // The usage is what the parser accepts: spot checks of both kinds.
    const Command* promote = findCommand(commandTable(), "promote");
    QVERIFY(promote);
    QCOMPARE(promote->flags(), (std::set<std::string> { "dry-run", "force" }));
    QCOMPARE(promote->options(), (std::set<std::string> { "from", "to" }));
    QCOMPARE(text(promote->synopsis()), QStringLiteral("promote PIPELINE TAG"));
}

void TestCtlCommandTable::gantryctlHandlesItsOwnRowsAndTheHelperAll()
{
    const auto gantryctl = commandTable();
    const auto helper = commandTableWithReleaseHandlers();
    QCOMPARE(helper.size(), gantryctl.size());
    for (std::size_t i = 0; i < gantryctl.size(); ++i) {
        const QString name = text(gantryctl[i].name);
        QCOMPARE(text(helper[i].name), name);
        QCOMPARE(text(helper[i].usage), text(gantryctl[i].usage));
        if (gantryctl[i].runsIn == RunsIn::Gantryctl) {
            QVERIFY2(gantryctl[i].run && !gantryctl[i].runRelease, qPrintable(name));
            QVERIFY2(helper[i].run == gantryctl[i].run, qPrintable(name));
        } else {
            // gantryctl links none of the release handlers; the helper has every one.
            QVERIFY2(!gantryctl[i].run && !gantryctl[i].runRelease, qPrintable(name));
            QVERIFY2(helper[i].runRelease && !helper[i].run, qPrintable(name));
        }
    }
}

QTEST_GUILESS_MAIN(TestCtlCommandTable)
#include "tst_ctlcommandtable.moc"
