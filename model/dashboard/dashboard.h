#pragma once

#include "model/dashboard/dashboardsnapshot.h"
#include "model/policy/promotionplan.h"
#include "model/workspace/workspace.h"

#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QThread;

namespace gantry::model {

class DashboardWorker;

// Both outcomes cross threads in queued signals, so they are structs: Qt's metatypes cannot hold
// a bare std::expected of a type without operator==.

/// The answer to a planning request: the plan, or why none could be made (a registry failure).
struct PlanOutcome
{
    registry::Result<PromotionPlan> plan;
};

/// How a write the user asked for ended. A failed `status` says why; nothing half-written stays.
struct ActionOutcome
{
    registry::Status status;
    std::string summary; ///< one line for the status bar: "2.2.4 promoted to prod (sha256:ab12…)"
    std::string digest; ///< what the destination tag points at afterwards, when known
    /// A registry or the journal may have changed (a write was tried): the dashboard refreshes.
    bool changed = false;
};

/// Points a floating tag of a stage back at an artifact it pointed at before (History page).
struct RetargetRequest
{
    std::string pipeline;
    std::string stage;
    std::string tag; ///< the floating tag, e.g. "prod"
    std::string digest; ///< where it should point
};

/// The GUI's one door to the worker thread. Lives on the GUI thread; every method returns at once
/// and the answer comes back as a signal. Keeps the latest snapshot (the cached one from the last
/// run until the first refresh lands) and drops answers to refreshes that a newer one replaced.
class Dashboard final : public QObject
{
    Q_OBJECT
public:
    /// `cacheFile`: where the last snapshot is kept between runs; empty: nowhere. Clusters come from
    /// the workspace and from `kubeconfigPaths` (missing files skipped; give none to read none).
    Dashboard(Workspace workspace, std::string journalPath, std::string cacheFile, QObject* parent = nullptr,
        std::vector<std::string> kubeconfigPaths = {});
    ~Dashboard() override; ///< cancels what runs, stops the worker thread and waits for it

    const Workspace& workspace() const { return m_workspace; }
    const std::string& journalPath() const { return m_journalPath; }
    /// The latest snapshot: from the cache at first (generation 0), then from each refresh.
    const DashboardSnapshot& snapshot() const { return *m_snapshot; }
    /// The same, to keep without copying it.
    const SharedSnapshot& sharedSnapshot() const { return m_snapshot; }
    bool isBusy() const { return m_pendingJobs > 0; }

    /// Reads every stage, cluster and the journal again. A refresh asked for while one runs
    /// is folded into the next.
    void refresh();
    /// Asks what runs now to stop at its next step; a cancelled write leaves no tag behind.
    void cancel();

    std::uint64_t planPromotion(const std::string& pipeline, const PromotionRequest& request);
    std::uint64_t promote(const PromotionPlan& plan);
    std::uint64_t applyStable(const std::string& reference);
    std::uint64_t retarget(const RetargetRequest& request);
    std::uint64_t verifyJournal();

Q_SIGNALS:
    void snapshotChanged();
    void busyChanged(bool busy);
    /// Progress of the running job: `done` of `total` (total 0: unknown).
    void progress(const QString& what, qint64 done, qint64 total);
    void planned(quint64 request, const gantry::model::PlanOutcome& outcome);
    void actionFinished(quint64 request, const gantry::model::ActionOutcome& outcome);
    /// Something went wrong in the background: for the banner and the messages view, not a dialog.
    void problem(const QString& message);

private:
    void takeSnapshot(quint64 generation, const gantry::model::SharedSnapshot& snapshot);
    void post(std::function<void(DashboardWorker&)> job);
    void jobStarted();
    void jobEnded();

    Workspace m_workspace;
    std::string m_journalPath;
    std::string m_cacheFile;
    /// Shared with the worker that made it: handing it over copies no rows.
    SharedSnapshot m_snapshot = std::make_shared<const DashboardSnapshot>();
    QThread* m_thread = nullptr;
    DashboardWorker* m_worker = nullptr; ///< lives on m_thread
    std::uint64_t m_generation = 0;
    std::uint64_t m_nextRequest = 0;
    bool m_refreshRunning = false;
    bool m_refreshQueued = false;
    int m_pendingJobs = 0;
};

} // namespace gantry::model

Q_DECLARE_METATYPE(gantry::model::PlanOutcome)
Q_DECLARE_METATYPE(gantry::model::PromotionRequest)
Q_DECLARE_METATYPE(gantry::model::PromotionPlan)
Q_DECLARE_METATYPE(gantry::model::RetargetRequest)
Q_DECLARE_METATYPE(gantry::model::ActionOutcome)
