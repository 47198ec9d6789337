#pragma once

#include "model/dashboard/dashboard.h"

#include <QObject>
#include <atomic>
#include <map>
#include <memory>
#include <string>

namespace gantry::registry {
class RegistryClient;
struct ImageDetails;
} // namespace gantry::registry

namespace gantry::model {

class Journal;

/// Does the dashboard's registry, TLS and journal work on its own thread. Created on the GUI thread
/// and moved to the worker thread before its first slot runs: the registry client and the journal's
/// database connection are made there, on first use, since a Qt SQL connection belongs to the thread
/// that opened it. Every answer leaves as a value through a queued signal.
class DashboardWorker final : public QObject
{
    Q_OBJECT
public:
    /// `cacheFile`: where each refresh's snapshot is saved, here on the worker thread so the GUI
    /// never waits on writing it; empty: nowhere.
    DashboardWorker(
        Workspace workspace, std::string journalPath, std::vector<std::string> kubeconfigPaths, std::string cacheFile);
    ~DashboardWorker() override;

    /// Thread-safe: the running job stops at its next step.
    void cancel() { m_cancelled = true; }

public Q_SLOTS:
    void refresh(quint64 generation);
    void planPromotion(quint64 request, const QString& pipeline, const gantry::model::PromotionRequest& promotion);
    void promote(quint64 request, const gantry::model::PromotionPlan& plan);
    void applyStable(quint64 request, const QString& reference);
    void retarget(quint64 request, const gantry::model::RetargetRequest& retarget);
    void verifyJournal(quint64 request);

Q_SIGNALS:
    void refreshed(quint64 generation, const gantry::model::SharedSnapshot& snapshot);
    void progress(const QString& what, qint64 done, qint64 total);
    void planned(quint64 request, const gantry::model::PlanOutcome& outcome);
    void actionFinished(quint64 request, const gantry::model::ActionOutcome& outcome);
    void problem(const QString& message);

private:
    registry::RegistryClient& client();
    registry::Result<Journal*> journal();
    void finish(
        quint64 request, registry::Status status, std::string summary, std::string digest = {}, bool changed = false);

    Workspace m_workspace;
    std::string m_journalPath;
    std::vector<std::string> m_kubeconfigPaths;
    std::string m_cacheFile;
    std::unique_ptr<registry::RegistryClient> m_client;
    std::unique_ptr<Journal> m_journal;
    /// Image details by `repository@digest`: a digest's bytes never change, so each is read once.
    std::map<std::string, registry::ImageDetails> m_details;
    std::atomic_bool m_cancelled { false };
};

} // namespace gantry::model
