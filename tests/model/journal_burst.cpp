// Appends journal entries as fast as it can and prints each committed entry as "<id> <hash>" on its
// own line, flushed, so that tst_journalcrash can kill it mid-write and check that every printed
// entry survived as it was written.
// Usage: journal_burst <journal path> [count]; without a count it runs until killed.
#include "model/journal/journal.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstdlib>

using namespace gantry::model;

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv); // loads Qt's SQLite driver
    if (argc < 2) {
        std::fprintf(stderr, "usage: journal_burst <journal path> [count]\n");
        return 2;
    }
    const long long count = argc > 2 ? std::atoll(argv[2]) : 0;
    auto journal = Journal::open(argv[1]);
    if (!journal) {
        std::fprintf(stderr, "journal_burst: %s\n", journal.error().message.c_str());
        return 1;
    }
    for (long long i = 0; count == 0 || i < count; ++i) {
        JournalEntry entry;
        entry.action = journal::promote;
        entry.repository = "localhost:5000/burst/app";
        entry.tag = "1.0." + std::to_string(i);
        entry.source = "localhost:5000/burst/test:" + entry.tag;
        entry.destination = entry.repository + ":" + entry.tag;
        entry.outcome = journal::done;
        // Rows of a few hundred bytes, so that a burst spans many pages and WAL checkpoints.
        entry.note = std::string(300, 'x');
        auto appended = (*journal)->append(std::move(entry));
        if (!appended) {
            std::fprintf(stderr, "journal_burst: %s\n", appended.error().message.c_str());
            return 1;
        }
        // Printed only once append() has committed: a printed line is a promise the test checks.
        std::printf("%lld %s\n", static_cast<long long>(appended->id), appended->hash.c_str());
        std::fflush(stdout);
    }
    return 0;
}
