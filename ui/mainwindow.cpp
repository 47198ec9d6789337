#include "ui/mainwindow.h"

#include "model/dashboard/certificatealerts.h"
#include "model/dashboard/dashboard.h"
#include "model/tables/displaytext.h"
#include "model/tables/messagelog.h"
#include "ui/clusterspage.h"
#include "ui/historypage.h"
#include "ui/jobprogress.h"
#include "ui/pipelinespage.h"
#include "ui/problembanner.h"
#include "ui/registriespage.h"
#include "ui/tagspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace gantry::ui {

namespace {
// How often the dashboard refreshes by itself; F5 refreshes at once.
constexpr int DefaultRefreshMinutes = 5;
} // namespace

MainWindow::MainWindow(model::Dashboard& dashboard, QWidget* parent)
    : QMainWindow(parent)
    , m_dashboard(dashboard)
    , m_messages(new model::MessageLog(this))
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_banner(new ProblemBanner(this))
    , m_refreshTimer(new QTimer(this))
{
    setWindowTitle(tr("Gantry — %1").arg(QString::fromStdString(dashboard.workspace().path)));
    setObjectName(QStringLiteral("mainWindow"));
    resize(1280, 800);

    addPage(QStringLiteral("pipelines"), tr("Pipelines"), new PipelinesPage(dashboard, this));
    addPage(QStringLiteral("tags"), tr("Tags"), new TagsPage(dashboard, this));
    addPage(QStringLiteral("clusters"), tr("Clusters"), new ClustersPage(dashboard, this));
    addPage(QStringLiteral("history"), tr("History"), new HistoryPage(dashboard, this));
    addPage(QStringLiteral("registries"), tr("Registries"), new RegistriesPage(dashboard, this));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    auto* pagesAndBanner = new QWidget(this);
    auto* column = new QVBoxLayout(pagesAndBanner);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_banner);
    column->addWidget(m_stack, 1);
    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_navigation);
    splitter->addWidget(pagesAndBanner);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 150, 1130 }); // until the user's own layout is restored
    setCentralWidget(splitter);

    auto* messagesView = new QTableView(this);
    messagesView->setModel(m_messages);
    messagesView->horizontalHeader()->setStretchLastSection(true);
    messagesView->verticalHeader()->hide();
    m_messagesDock = new QDockWidget(tr("Messages"), this);
    m_messagesDock->setObjectName(QStringLiteral("messagesDock"));
    m_messagesDock->setWidget(messagesView);
    addDockWidget(Qt::BottomDockWidgetArea, m_messagesDock);
    m_messagesDock->hide();

    statusBar()->addPermanentWidget(new JobProgress(dashboard, this));
    connect(&dashboard, &model::Dashboard::problem, m_messages,
        [this](const QString& message) { m_messages->add(message); });
    connect(m_messages, &model::MessageLog::newMessage, m_banner, &ProblemBanner::show);
    connect(m_banner, &ProblemBanner::detailsRequested, m_messagesDock, &QDockWidget::show);
    connect(&dashboard, &model::Dashboard::actionFinished, this, [this](quint64, const model::ActionOutcome& outcome) {
        if (outcome.status)
            statusBar()->showMessage(QString::fromStdString(outcome.summary), 10000);
    });
    connect(&dashboard, &model::Dashboard::snapshotChanged, this, &MainWindow::snapshotArrived);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Gantry"));
        m_tray->show();
    }

    createActions();
    restoreLayout();
    snapshotArrived(); // the cached snapshot primes the certificate watch: old news raises no notice
    const int minutes = QSettings().value(QStringLiteral("refresh/minutes"), DefaultRefreshMinutes).toInt();
    if (minutes > 0) {
        connect(m_refreshTimer, &QTimer::timeout, &dashboard, &model::Dashboard::refresh);
        m_refreshTimer->start(std::chrono::minutes(minutes));
    }
}

MainWindow::~MainWindow() = default;

QStringList MainWindow::pageNames()
{
    return { QStringLiteral("pipelines"), QStringLiteral("tags"), QStringLiteral("clusters"), QStringLiteral("history"),
        QStringLiteral("registries") };
}

void MainWindow::addPage(const QString& name, const QString& title, QWidget* widget)
{
    widget->setObjectName(name + QStringLiteral("Page"));
    m_pages.push_back(Page { name, widget });
    m_stack->addWidget(widget);
    m_navigation->addItem(title);
}

bool MainWindow::showPage(const QString& name)
{
    for (std::size_t index = 0; index < m_pages.size(); ++index) {
        if (m_pages[index].name == name) {
            m_navigation->setCurrentRow(static_cast<int>(index));
            return true;
        }
    }
    return false;
}

QWidget* MainWindow::page(const QString& name) const
{
    for (const auto& page : m_pages) {
        if (page.name == name)
            return page.widget;
    }
    return nullptr;
}

void MainWindow::createActions()
{
    auto* view = menuBar()->addMenu(tr("&View"));
    auto* refresh = view->addAction(tr("&Refresh"), &m_dashboard, &model::Dashboard::refresh);
    refresh->setShortcut(QKeySequence::Refresh);
    auto* cancel = view->addAction(tr("&Cancel"), &m_dashboard, &model::Dashboard::cancel);
    cancel->setShortcut(Qt::Key_Escape);
    cancel->setShortcutContext(Qt::WindowShortcut);
    view->addSeparator();
    view->addAction(m_messagesDock->toggleViewAction());
    view->addSeparator();
    for (std::size_t index = 0; index < m_pages.size(); ++index) {
        auto* go = view->addAction(m_navigation->item(static_cast<int>(index))->text(), this,
            [this, index] { m_navigation->setCurrentRow(static_cast<int>(index)); });
        go->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + index)));
    }
}

void MainWindow::snapshotArrived()
{
    const auto& snapshot = m_dashboard.snapshot();
    const auto alerts = m_alerts.observe(snapshot, m_dashboard.workspace().certificateThresholds);
    for (const auto& alert : alerts) {
        const auto text = tr("%1: %2").arg(model::displayText(alert.cluster), model::displayText(alert.reason));
        m_messages->add(text);
        if (m_tray)
            m_tray->showMessage(tr("Gantry: certificate"), text, QSystemTrayIcon::Warning);
    }
    if (snapshot.generation != 0)
        statusBar()->showMessage(tr("Refreshed at %1").arg(QTime::currentTime().toString()), 5000);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    showPage(settings.value(QStringLiteral("window/page")).toString());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    const int current = m_navigation->currentRow();
    if (current >= 0)
        settings.setValue(QStringLiteral("window/page"), m_pages[static_cast<std::size_t>(current)].name);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace gantry::ui
