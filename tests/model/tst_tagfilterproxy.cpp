#include "model/tables/tagfilterproxy.h"
#include "model/tables/tagtablemodel.h"
#include "tests/support/tagsnapshots.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <algorithm>

using gantry::model::ReleaseClass;
using gantry::model::TagFilterProxy;
using gantry::model::TagRow;
using gantry::model::TagTableModel;
using gantry::test::digestOf;
using gantry::test::mayFirst;
using gantry::test::snapshotOf;
using gantry::test::tagRow;

class TestTagFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filters_data();
    void filters();
    void sortsOnRawValues_data();
    void sortsOnRawValues();
    void invalidExpressionFiltersNothing();
    void filterHoldsForMergedRows();
};

using Classes = std::set<ReleaseClass>;
Q_DECLARE_METATYPE(Classes)

namespace {

const std::string feedback = "registry.example.com/app/fast-feedback";
const std::string prod = "registry.example.com/app/prod";
const std::string deadbeef = "sha256:deadbeef" + std::string(56, '0');

// Sizes and creation times run against the version order, so that a sort by them is not a sort by tag.
std::vector<TagRow> stageRows()
{
    std::vector<TagRow> rows { tagRow(feedback, "2.2.9", digestOf('1')), tagRow(feedback, "2.2.10", digestOf('2')),
        tagRow(feedback, "2.2.10-stable", digestOf('2')), tagRow(feedback, "2.3.0rc1", deadbeef),
        tagRow(feedback, "latest", digestOf('3')), tagRow(feedback, "3f9c2ab", digestOf('3')),
        tagRow(prod, "2.2.9", digestOf('1')), tagRow(prod, "2.2.10.1", digestOf('4')) };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        rows[i].size = static_cast<std::int64_t>(1000 * (rows.size() - i));
        rows[i].created = mayFirst(static_cast<int>((i * 5) % rows.size()));
    }
    return rows;
}

// The stage rows behind a proxy; both are watched by QAbstractItemModelTester from before the first row.
struct FilteredTags
{
    static constexpr auto reporting = QAbstractItemModelTester::FailureReportingMode::QtTest;

    FilteredTags()
    {
        proxy.setSourceModel(&model);
        proxyTester.emplace(&proxy, reporting);
        model.setSnapshot(snapshotOf(stageRows()));
    }

    TagTableModel model;
    TagFilterProxy proxy;
    QAbstractItemModelTester modelTester { &model, reporting };
    std::optional<QAbstractItemModelTester> proxyTester;
};

QStringList names(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts)
        list << QString::fromUtf8(text);
    return list;
}

// "stage:tag" of every row the proxy shows, in the proxy's order.
QStringList shown(const TagFilterProxy& proxy, const TagTableModel& model)
{
    QStringList rows;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const int source = proxy.mapToSource(proxy.index(row, 0)).row();
        rows << model.stage(source) + u':' + model.entry(source).tag;
    }
    return rows;
}

} // namespace

void TestTagFilterProxy::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regularExpression");
    QTest::addColumn<Classes>("classes");
    QTest::addColumn<QStringList>("expected");

    const auto add = [](const char* name, const char* text, bool regex, Classes classes, QStringList expected) {
        QTest::newRow(name) << QString::fromUtf8(text) << regex << classes << expected;
    };
    const QStringList all = names({ "fast-feedback:2.2.9", "fast-feedback:2.2.10", "fast-feedback:2.2.10-stable",
        "fast-feedback:2.3.0rc1", "fast-feedback:latest", "fast-feedback:3f9c2ab", "prod:2.2.9", "prod:2.2.10.1" });
    add("no filter", "", false, {}, all);
    add("substring of tags", "2.2.1", false, {},
        names({ "fast-feedback:2.2.10", "fast-feedback:2.2.10-stable", "prod:2.2.10.1" }));
    add("substring ignores case", "LaTeSt", false, {}, names({ "fast-feedback:latest" }));
    add("substring of repository", "app/prod", false, {}, names({ "prod:2.2.9", "prod:2.2.10.1" }));
    add("substring of digest", "DEADBEEF", false, {}, names({ "fast-feedback:2.3.0rc1" }));
    add("substring matching nothing", "2.4", false, {}, {});
    add("regex special characters as substring", "(", false, {}, {});
    add("regex anchored at the tag", "^2\\.2\\.\\d+$", true, {},
        names({ "fast-feedback:2.2.9", "fast-feedback:2.2.10", "prod:2.2.9" }));
    add("regex ignores case", "RC\\d", true, {}, names({ "fast-feedback:2.3.0rc1" }));
    add("regex over repository", "feedback$", true, {}, all.mid(0, 6));
    add("regex over digest", "^sha256:dead", true, {}, names({ "fast-feedback:2.3.0rc1" }));
    add("invalid regex filters nothing", "2.2.(", true, {}, all);
    add("class final", "", false, { ReleaseClass::Final },
        names({ "fast-feedback:2.2.9", "fast-feedback:2.2.10", "prod:2.2.9" }));
    add("classes final and patch", "", false, { ReleaseClass::Final, ReleaseClass::Patch },
        names({ "fast-feedback:2.2.9", "fast-feedback:2.2.10", "prod:2.2.9", "prod:2.2.10.1" }));
    add("class other", "", false, { ReleaseClass::Other }, names({ "fast-feedback:latest", "fast-feedback:3f9c2ab" }));
    add("substring and class", "prod", false, { ReleaseClass::Final }, names({ "prod:2.2.9" }));
    add("regex and class", "^2\\.2", true, { ReleaseClass::Stable }, names({ "fast-feedback:2.2.10-stable" }));
    add("class without rows", "", false, { ReleaseClass::Floating }, {});
}

void TestTagFilterProxy::filters()
{
    QFETCH(QString, text);
    QFETCH(bool, regularExpression);
    QFETCH(Classes, classes);
    QFETCH(QStringList, expected);

    FilteredTags tags;
    tags.proxy.setRegularExpression(regularExpression);
    tags.proxy.setFilterText(text);
    tags.proxy.setReleaseClasses(classes);

    QCOMPARE(shown(tags.proxy, tags.model), expected);
}

void TestTagFilterProxy::sortsOnRawValues_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("tag: 2.2.10 after 2.2.9")
        << static_cast<int>(TagTableModel::Tag) << false
        << names({ "fast-feedback:3f9c2ab", "fast-feedback:latest", "fast-feedback:2.2.9", "prod:2.2.9",
               "fast-feedback:2.2.10", "fast-feedback:2.2.10-stable", "prod:2.2.10.1", "fast-feedback:2.3.0rc1" });
    QTest::newRow("tag descending: newest first")
        << static_cast<int>(TagTableModel::Tag) << true
        << names({ "fast-feedback:2.3.0rc1", "prod:2.2.10.1", "fast-feedback:2.2.10-stable", "fast-feedback:2.2.10",
               "fast-feedback:2.2.9", "prod:2.2.9", "fast-feedback:latest", "fast-feedback:3f9c2ab" });
    // Sizes fall with the row (8000 … 1000): a byte count, not "1000" < "8000" as text.
    QTest::newRow("size") << static_cast<int>(TagTableModel::Size) << false
                          << names({ "prod:2.2.10.1", "prod:2.2.9", "fast-feedback:3f9c2ab", "fast-feedback:latest",
                                 "fast-feedback:2.3.0rc1", "fast-feedback:2.2.10-stable", "fast-feedback:2.2.10",
                                 "fast-feedback:2.2.9" });
    // Created hours (i * 5) % 8: 0, 5, 2, 7, 4, 1, 6, 3.
    QTest::newRow("created") << static_cast<int>(TagTableModel::Created) << false
                             << names({ "fast-feedback:2.2.9", "fast-feedback:3f9c2ab", "fast-feedback:2.2.10-stable",
                                    "prod:2.2.10.1", "fast-feedback:latest", "fast-feedback:2.2.10", "prod:2.2.9",
                                    "fast-feedback:2.3.0rc1" });
}

void TestTagFilterProxy::sortsOnRawValues()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    QFETCH(QStringList, expected);

    FilteredTags tags;
    tags.proxy.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);

    QCOMPARE(shown(tags.proxy, tags.model), expected);
}

void TestTagFilterProxy::invalidExpressionFiltersNothing()
{
    FilteredTags tags;

    tags.proxy.setRegularExpression(true);
    tags.proxy.setFilterText(QStringLiteral("latest"));
    QCOMPARE(tags.proxy.rowCount(), 1);
    QVERIFY(tags.proxy.filterError().isEmpty());
    tags.proxy.setFilterText(QStringLiteral("[latest"));
    QCOMPARE(tags.proxy.rowCount(), tags.model.rowCount());
    QVERIFY(tags.proxy.filterError().contains(QStringLiteral("offset")));
    tags.proxy.setRegularExpression(false); // "[latest" as a substring: no tag has it
    QVERIFY(tags.proxy.filterError().isEmpty());
    QCOMPARE(tags.proxy.rowCount(), 0);
}

void TestTagFilterProxy::filterHoldsForMergedRows()
{
    FilteredTags tags;
    tags.proxy.setFilterText(QStringLiteral("2.2.1"));
    tags.proxy.sort(TagTableModel::Tag);

    std::vector<TagRow> rows = stageRows();
    rows.push_back(tagRow(prod, "2.2.11", digestOf('5')));
    rows.push_back(tagRow(prod, "2.4.0", digestOf('6')));
    tags.model.setSnapshot(snapshotOf(rows, 2));

    QCOMPARE(shown(tags.proxy, tags.model),
        names({ "fast-feedback:2.2.10", "fast-feedback:2.2.10-stable", "prod:2.2.10.1", "prod:2.2.11" }));
}

QTEST_GUILESS_MAIN(TestTagFilterProxy)
#include "tst_tagfilterproxy.moc"
