#include "cli/release/journalcommand.h"

#include "cli/release/releasecontext.h"
#include "model/journal/journal.h"

#include <QFileInfo>

namespace gantry::cli {

int runJournal(ReleaseContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1 || args[0] != "verify")
        return context.usage("expects \"verify\"");
    // Verifying must not create: a journal that vanished is the worst tampering of all.
    const std::string path = context.arguments.option("journal", model::Journal::defaultPath());
    if (!QFileInfo::exists(QString::fromStdString(path))) {
        return context.failWith({ registry::ErrorKind::Io,
            "there is no journal at " + path + " (deleted, or never written: give --journal FILE)", 0, {} });
    }
    auto journal = context.journal();
    if (!journal)
        return context.failWith(journal.error());
    auto report = (*journal)->verify();
    if (!report)
        return context.failWith(report.error());
    if (context.json) {
        context.printJson({ { "journal", path }, { "intact", report->intact }, { "rows", report->rowsChecked },
            { "firstBadId", report->intact ? nlohmann::json(nullptr) : nlohmann::json(report->firstBadId) },
            { "problem", report->intact ? nlohmann::json(nullptr) : nlohmann::json(report->problem) },
            { "head", report->headHash } });
    } else if (report->intact) {
        std::printf("%s: %lld rows, hash chain intact; head %s\n", printable(path).c_str(),
            static_cast<long long>(report->rowsChecked), report->headHash.c_str());
    }
    if (!report->intact) {
        std::fprintf(stderr, "gantryctl journal: %s: the hash chain is broken at row %lld: %s\n",
            printable(path).c_str(), static_cast<long long>(report->firstBadId), printable(report->problem).c_str());
        return ExitFailed;
    }
    return ExitOk;
}

} // namespace gantry::cli
