// The one painter of a severity: what each severity looks like, in both styles, read off the pixels
// a view paints, and through a real model (the site roll-up) as the Clusters page shows it.
#include "model/tables/sitetablemodel.h"
#include "model/tables/tableroles.h"
#include "ui/severitydelegate.h"

#include <QFont>
#include <QHeaderView>
#include <QImage>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using gantry::model::Severity;
using gantry::model::SiteReport;
using gantry::model::SiteTableModel;
using gantry::ui::severityColour;
using gantry::ui::SeverityDelegate;

namespace {

constexpr Severity everySeverity[]
    = { Severity::Ok, Severity::Notice, Severity::Warning, Severity::Critical, Severity::Unknown, Severity::Expired };

// One big cell of thick text, painted by a SeverityDelegate of `style`; `severity` empty: a plain cell.
struct PaintedCell
{
    PaintedCell(SeverityDelegate::Style style, std::optional<Severity> severity, bool emphasis = false)
        : model(1, 1)
    {
        auto* item = new QStandardItem(QStringLiteral("MMMM"));
        if (severity)
            item->setData(static_cast<int>(*severity), gantry::model::SeverityRole);
        if (emphasis)
            item->setData(true, gantry::model::EmphasisRole);
        model.setItem(0, 0, item);
        view.setModel(&model);
        delegate = new SeverityDelegate(style, &view);
        view.setItemDelegate(delegate);
        QFont font = view.font();
        font.setPixelSize(48);
        font.setBold(true); // thick strokes: their insides are the text colour itself, not a blend
        view.setFont(font);
        // Neither hovered, current nor selected: their tints would blend into every pixel.
        view.setSelectionMode(QAbstractItemView::NoSelection);
        view.setFocusPolicy(Qt::NoFocus);
        view.setAttribute(Qt::WA_Hover, false);
        view.viewport()->setAttribute(Qt::WA_Hover, false);
        view.horizontalHeader()->hide();
        view.verticalHeader()->hide();
        view.setColumnWidth(0, 360);
        view.setRowHeight(0, 90);
        view.resize(400, 130);
        view.show();
        exposed = QTest::qWaitForWindowExposed(&view);
        image = view.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        cell = view.visualRect(model.index(0, 0));
    }

    // How many of the cell's pixels are exactly `colour`.
    int pixelsOf(const QColor& colour) const
    {
        int count = 0;
        for (int y = cell.top(); y <= cell.bottom(); ++y) {
            for (int x = cell.left(); x <= cell.right(); ++x)
                count += QColor(image.pixel(x, y)).rgb() == colour.rgb() ? 1 : 0;
        }
        return count;
    }
    // Inside the cell, clear of the centred text and of the grid and focus lines.
    QColor background() const { return QColor(image.pixel(cell.left() + 4, cell.top() + 4)); }
    QStyleOptionViewItem option() const { return delegate->styleOption({}, model.index(0, 0)); }

    QStandardItemModel model;
    QTableView view;
    SeverityDelegate* delegate = nullptr;
    bool exposed = false;
    QImage image;
    QRect cell;
};

} // namespace

Q_DECLARE_METATYPE(Severity)

class TestSeverityDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theColoursAreTheHouses_data();
    void theColoursAreTheHouses();
    void noTwoSeveritiesLookAlike();
    void textStylePaintsTheTextInTheSeverityColour_data();
    void textStylePaintsTheTextInTheSeverityColour();
    void fillStyleMarksTheCell_data();
    void fillStyleMarksTheCell();
    void plainCellsKeepThePalette();
    void emphasisIsBold();
    void coloursASiteAsTheClustersPageShowsIt_data();
    void coloursASiteAsTheClustersPageShowsIt();
};

void TestSeverityDelegate::theColoursAreTheHouses_data()
{
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("colour");
    // The certificate palette the Clusters and Registries pages have always had.
    QTest::newRow("ok") << Severity::Ok << QStringLiteral("#2e7d32");
    QTest::newRow("notice") << Severity::Notice << QStringLiteral("#9e9e9e");
    QTest::newRow("warning") << Severity::Warning << QStringLiteral("#c77c02");
    QTest::newRow("critical") << Severity::Critical << QStringLiteral("#d32f2f");
    QTest::newRow("unknown") << Severity::Unknown << QStringLiteral("#757575");
    QTest::newRow("expired") << Severity::Expired << QStringLiteral("#7f0000");
}

void TestSeverityDelegate::theColoursAreTheHouses()
{
    QFETCH(Severity, severity);
    QFETCH(QString, colour);
    QCOMPARE(severityColour(severity).name(), colour);
}

void TestSeverityDelegate::noTwoSeveritiesLookAlike()
{
    QStringList names;
    for (const Severity severity : everySeverity)
        names << severityColour(severity).name();
    names.removeDuplicates();
    QCOMPARE(names.size(), 6);
}

void TestSeverityDelegate::textStylePaintsTheTextInTheSeverityColour_data()
{
    QTest::addColumn<Severity>("severity");
    for (const Severity severity : everySeverity)
        QTest::newRow(gantry::model::toString(severity).data()) << severity;
}

void TestSeverityDelegate::textStylePaintsTheTextInTheSeverityColour()
{
    QFETCH(Severity, severity);
    const PaintedCell painted(SeverityDelegate::Style::Text, severity);
    QVERIFY(painted.exposed);
    // Hundreds of pixels of the glyphs' insides are the severity's colour, and the cell is not filled.
    QVERIFY2(painted.pixelsOf(severityColour(severity)) > 200,
        qPrintable(QString::number(painted.pixelsOf(severityColour(severity)))));
    QCOMPARE(painted.background(), painted.view.palette().color(QPalette::Base));
    for (const Severity other : everySeverity) {
        if (other != severity && other != Severity::Notice && other != Severity::Unknown) // greys: edge blends
            QCOMPARE(painted.pixelsOf(severityColour(other)), 0);
    }
}

void TestSeverityDelegate::fillStyleMarksTheCell_data()
{
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QColor>("background"); // invalid: the view's own
    QTest::addColumn<QColor>("text");
    const QColor base; // stands for the view's Base and Text
    QTest::newRow("ok: plain") << Severity::Ok << base << base;
    QTest::newRow("notice: its text") << Severity::Notice << base << severityColour(Severity::Notice);
    QTest::newRow("unknown: its text") << Severity::Unknown << base << severityColour(Severity::Unknown);
    // The Tags page's expiry colours, dark text on them in any theme.
    QTest::newRow("warning: yellow") << Severity::Warning << QColor(0xff, 0xf5, 0x9d) << QColor(Qt::black);
    QTest::newRow("critical: orange") << Severity::Critical << QColor(0xff, 0xcc, 0x80) << QColor(Qt::black);
    QTest::newRow("expired: red") << Severity::Expired << QColor(0xef, 0x9a, 0x9a) << QColor(Qt::black);
}

void TestSeverityDelegate::fillStyleMarksTheCell()
{
    QFETCH(Severity, severity);
    QFETCH(QColor, background);
    QFETCH(QColor, text);
    const PaintedCell painted(SeverityDelegate::Style::Fill, severity);
    QVERIFY(painted.exposed);
    const QPalette& palette = painted.view.palette();
    QCOMPARE(painted.background(), background.isValid() ? background : palette.color(QPalette::Base));
    const QColor expectedText = text.isValid() ? text : palette.color(QPalette::Text);
    QCOMPARE(painted.option().palette.color(QPalette::Text), expectedText);
    QVERIFY(painted.pixelsOf(expectedText) > 200);
}

void TestSeverityDelegate::plainCellsKeepThePalette()
{
    for (const auto style : { SeverityDelegate::Style::Text, SeverityDelegate::Style::Fill }) {
        const PaintedCell painted(style, std::nullopt);
        QVERIFY(painted.exposed);
        const QPalette& palette = painted.view.palette();
        QCOMPARE(painted.option().palette.color(QPalette::Text), palette.color(QPalette::Text));
        QCOMPARE(painted.background(), palette.color(QPalette::Base));
        QVERIFY(painted.pixelsOf(palette.color(QPalette::Text)) > 200);
        for (const Severity severity : everySeverity) {
            if (severity != Severity::Notice && severity != Severity::Unknown) // greys: edge blends of black
                QCOMPARE(painted.pixelsOf(severityColour(severity)), 0);
        }
    }
}

void TestSeverityDelegate::emphasisIsBold()
{
    const PaintedCell plain(SeverityDelegate::Style::Text, Severity::Critical);
    const PaintedCell emphasised(SeverityDelegate::Style::Text, Severity::Critical, true);
    QVERIFY(emphasised.option().font.bold());
    // The cell's own font is not bold unless the model asks (the fixture's view font is).
    QStandardItemModel model(1, 1);
    model.setItem(0, 0, new QStandardItem(QStringLiteral("x")));
    SeverityDelegate delegate(SeverityDelegate::Style::Fill);
    QVERIFY(!delegate.styleOption({}, model.index(0, 0)).font.bold());
    model.item(0, 0)->setData(true, gantry::model::EmphasisRole);
    QVERIFY(delegate.styleOption({}, model.index(0, 0)).font.bold());
}

void TestSeverityDelegate::coloursASiteAsTheClustersPageShowsIt_data()
{
    QTest::addColumn<Severity>("worst");
    QTest::addColumn<bool>("atRisk");
    for (const Severity worst : { Severity::Ok, Severity::Warning, Severity::Critical, Severity::Unknown }) {
        QTest::newRow(gantry::model::toString(worst).data()) << worst << false;
    }
    QTest::newRow("critical at risk") << Severity::Critical << true;
    QTest::newRow("expired at risk") << Severity::Expired << true;
}

void TestSeverityDelegate::coloursASiteAsTheClustersPageShowsIt()
{
    QFETCH(Severity, worst);
    QFETCH(bool, atRisk);
    SiteTableModel sites;
    sites.setSites(std::vector { SiteReport { "site-a", { "a" }, worst, atRisk } });
    const SeverityDelegate delegate(SeverityDelegate::Style::Text);
    const auto option = [&](int column) { return delegate.styleOption({}, sites.index(0, column)); };

    QCOMPARE(option(SiteTableModel::WorstStatus).palette.color(QPalette::Text), severityColour(worst));
    QVERIFY(!option(SiteTableModel::WorstStatus).font.bold());
    // Plain cells keep the view's colour and font.
    const QStyleOptionViewItem plain = option(SiteTableModel::Site);
    QCOMPARE(plain.palette.color(QPalette::Text), QStyleOptionViewItem().palette.color(QPalette::Text));
    QVERIFY(!plain.font.bold());
    const QStyleOptionViewItem risk = option(SiteTableModel::AtRisk);
    QCOMPARE(risk.font.bold(), atRisk);
    if (atRisk)
        QCOMPARE(risk.palette.color(QPalette::Text), severityColour(worst));
}

QTEST_MAIN(TestSeverityDelegate)
#include "tst_severitydelegate.moc"
