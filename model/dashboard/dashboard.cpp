#include "model/dashboard/dashboard.h"

#include "model/dashboard/dashboardworker.h"
#include "model/dashboard/snapshotcache.h"

#include <QThread>
#include <utility>

namespace gantry::model {

Dashboard::Dashboard(Workspace workspace, std::string journalPath, std::string cacheFile, QObject* parent,
    std::vector<std::string> kubeconfigPaths)
    : QObject(parent)
    , m_workspace(std::move(workspace))
    , m_journalPath(std::move(journalPath))
    , m_cacheFile(std::move(cacheFile))
{
    qRegisterMetaType<SharedSnapshot>();
    qRegisterMetaType<PlanOutcome>();
    qRegisterMetaType<ActionOutcome>();
    qRegisterMetaType<PromotionRequest>();
    qRegisterMetaType<PromotionPlan>();
    qRegisterMetaType<RetargetRequest>();
    if (!m_cacheFile.empty()) {
        // A missing or unreadable cache only means an empty window until the first refresh lands.
        if (auto cached = loadSnapshot(m_cacheFile)) {
            cached->generation = 0;
            m_snapshot = std::make_shared<const DashboardSnapshot>(std::move(*cached));
        }
    }

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("gantry-worker"));
    m_worker = new DashboardWorker(m_workspace, m_journalPath, std::move(kubeconfigPaths), m_cacheFile);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DashboardWorker::refreshed, this, &Dashboard::takeSnapshot);
    connect(m_worker, &DashboardWorker::progress, this, &Dashboard::progress);
    connect(m_worker, &DashboardWorker::problem, this, &Dashboard::problem);
    connect(m_worker, &DashboardWorker::planned, this, [this](quint64 request, const PlanOutcome& outcome) {
        jobEnded();
        if (!outcome.plan)
            Q_EMIT problem(QString::fromStdString(outcome.plan.error().message));
        Q_EMIT planned(request, outcome);
    });
    connect(m_worker, &DashboardWorker::actionFinished, this, [this](quint64 request, const ActionOutcome& outcome) {
        jobEnded();
        if (!outcome.status)
            Q_EMIT problem(QString::fromStdString(outcome.status.error().message));
        Q_EMIT actionFinished(request, outcome);
        // A write (done or failed, both journaled) changed what the pages show.
        if (outcome.changed)
            refresh();
    });
    m_thread->start();
}

Dashboard::~Dashboard()
{
    m_worker->cancel();
    m_thread->quit();
    m_thread->wait();
}

void Dashboard::jobStarted()
{
    if (m_pendingJobs++ == 0)
        Q_EMIT busyChanged(true);
}

void Dashboard::jobEnded()
{
    if (--m_pendingJobs == 0)
        Q_EMIT busyChanged(false);
}

void Dashboard::post(std::function<void(DashboardWorker&)> job)
{
    // Runs on the worker thread, in order with every other job (Qt 6.4's invokeMethod takes no
    // arguments for a member function, so each job carries its own by value).
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job = std::move(job)] { job(*worker); }, Qt::QueuedConnection);
}

void Dashboard::refresh()
{
    if (m_refreshRunning) {
        m_refreshQueued = true;
        return;
    }
    m_refreshRunning = true;
    jobStarted();
    post([generation = ++m_generation](DashboardWorker& worker) { worker.refresh(generation); });
}

void Dashboard::cancel()
{
    m_refreshQueued = false;
    m_worker->cancel();
}

void Dashboard::takeSnapshot(quint64 generation, const SharedSnapshot& snapshot)
{
    m_refreshRunning = false;
    for (const auto& problem : snapshot->problems)
        Q_EMIT this->problem(QString::fromStdString(problem));
    // A refresh that failed as a whole (cancelled, no journal) keeps what is shown.
    const bool complete = snapshot->taken != registry::Timestamp {};
    if (generation == m_generation && complete) {
        // The old snapshot is freed on the worker thread: thousands of rows take a while to free.
        post([old = std::exchange(m_snapshot, snapshot)](DashboardWorker&) {});
        Q_EMIT snapshotChanged();
    }
    // The folded refresh starts before this one counts as ended, so busy stays on in between.
    if (m_refreshQueued) {
        m_refreshQueued = false;
        refresh();
    }
    jobEnded();
}

std::uint64_t Dashboard::planPromotion(const std::string& pipeline, const PromotionRequest& request)
{
    jobStarted();
    post([id = ++m_nextRequest, name = QString::fromStdString(pipeline), request](
             DashboardWorker& worker) { worker.planPromotion(id, name, request); });
    return m_nextRequest;
}

std::uint64_t Dashboard::promote(const PromotionPlan& plan)
{
    jobStarted();
    post([id = ++m_nextRequest, plan](DashboardWorker& worker) { worker.promote(id, plan); });
    return m_nextRequest;
}

std::uint64_t Dashboard::applyStable(const std::string& reference)
{
    jobStarted();
    post([id = ++m_nextRequest, text = QString::fromStdString(reference)](
             DashboardWorker& worker) { worker.applyStable(id, text); });
    return m_nextRequest;
}

std::uint64_t Dashboard::retarget(const RetargetRequest& request)
{
    jobStarted();
    post([id = ++m_nextRequest, request](DashboardWorker& worker) { worker.retarget(id, request); });
    return m_nextRequest;
}

std::uint64_t Dashboard::verifyJournal()
{
    jobStarted();
    post([id = ++m_nextRequest](DashboardWorker& worker) { worker.verifyJournal(id); });
    return m_nextRequest;
}

} // namespace gantry::model
