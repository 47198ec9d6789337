#include "model/dashboard/dashboardworker.h"

#include "model/dashboard/dashboardreader.h"
#include "model/dashboard/snapshotcache.h"
#include "model/journal/actor.h"
#include "model/journal/journal.h"
#include "model/policy/promotion.h"
#include "model/policy/recordedwrites.h"
#include "model/policy/stabletagging.h"
#include "registry/image/registryclient.h"

#include <chrono>

namespace gantry::model {

namespace {

registry::Timestamp utcNow()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace

DashboardWorker::DashboardWorker(
    Workspace workspace, std::string journalPath, std::vector<std::string> kubeconfigPaths, std::string cacheFile)
    : m_workspace(std::move(workspace))
    , m_journalPath(std::move(journalPath))
    , m_kubeconfigPaths(std::move(kubeconfigPaths))
    , m_cacheFile(std::move(cacheFile))
{
}

DashboardWorker::~DashboardWorker() = default;

registry::RegistryClient& DashboardWorker::client()
{
    if (!m_client) {
        registry::ClientOptions options;
        for (const auto& config : m_workspace.registries) {
            if (!config.caFile.empty())
                options.tls.addCaFile(config.host, config.caFile);
        }
        m_client = std::make_unique<registry::RegistryClient>(std::move(options));
    }
    return *m_client;
}

registry::Result<Journal*> DashboardWorker::journal()
{
    if (!m_journal) {
        auto opened = Journal::open(m_journalPath);
        if (!opened)
            return std::unexpected(opened.error());
        m_journal = std::move(*opened);
    }
    return m_journal.get();
}

void DashboardWorker::finish(
    quint64 request, registry::Status status, std::string summary, std::string digest, bool changed)
{
    ActionOutcome outcome;
    outcome.status = std::move(status);
    outcome.summary = std::move(summary);
    outcome.digest = std::move(digest);
    outcome.changed = changed;
    Q_EMIT actionFinished(request, outcome);
}

void DashboardWorker::refresh(quint64 generation)
{
    m_cancelled = false;
    auto journal = this->journal();
    if (!journal) {
        DashboardSnapshot failed;
        failed.generation = generation;
        failed.taken = utcNow();
        failed.problems.push_back("journal: " + journal.error().message);
        Q_EMIT refreshed(generation, std::make_shared<const DashboardSnapshot>(std::move(failed)));
        return;
    }
    DashboardSources sources;
    sources.client = &client();
    sources.journal = *journal;
    sources.kubeconfigPaths = m_kubeconfigPaths;
    sources.detailsCache = &m_details;
    sources.cancelled = &m_cancelled;
    sources.progress = [this](const std::string& what, int done, int total) {
        Q_EMIT progress(QString::fromStdString(what), done, total);
    };
    auto snapshot = readDashboard(m_workspace, sources);
    if (!snapshot) {
        // Cancelled: the previous snapshot stays; an empty one would wipe the pages.
        DashboardSnapshot failed;
        failed.generation = generation;
        failed.problems.push_back(snapshot.error().message);
        Q_EMIT refreshed(generation, std::make_shared<const DashboardSnapshot>(std::move(failed)));
        return;
    }
    snapshot->generation = generation;
    const auto shared = std::make_shared<const DashboardSnapshot>(std::move(*snapshot));
    Q_EMIT refreshed(generation, shared);
    if (!m_cacheFile.empty()) {
        if (auto saved = saveSnapshot(*shared, m_cacheFile); !saved)
            Q_EMIT problem(QString::fromStdString(saved.error().message));
    }
}

void DashboardWorker::planPromotion(quint64 request, const QString& pipelineName, const PromotionRequest& promotion)
{
    m_cancelled = false;
    PlanOutcome outcome;
    const auto* pipeline = m_workspace.pipeline(pipelineName.toStdString());
    auto journal = this->journal();
    if (!pipeline) {
        outcome.plan = registry::fail(
            registry::ErrorKind::InvalidInput, "the workspace has no pipeline " + pipelineName.toStdString());
    } else if (!journal) {
        outcome.plan = std::unexpected(journal.error());
    } else {
        Q_EMIT progress(QStringLiteral("planning %1").arg(QString::fromStdString(promotion.tag)), 0, 0);
        auto facts = gatherPromotionFacts(client(), **journal, *pipeline, promotion, utcNow(), &m_cancelled);
        outcome.plan = facts ? model::planPromotion(*pipeline, promotion, *facts, m_workspace.retentionPolicies)
                             : registry::Result<PromotionPlan>(std::unexpected(facts.error()));
    }
    Q_EMIT planned(request, outcome);
}

void DashboardWorker::promote(quint64 request, const PromotionPlan& plan)
{
    m_cancelled = false;
    auto journal = this->journal();
    if (!journal)
        return finish(request, std::unexpected(journal.error()), {});
    registry::CopyOptions options;
    options.cancelled = &m_cancelled;
    const auto what = QStringLiteral("promoting %1 to %2")
                          .arg(QString::fromStdString(plan.tag), QString::fromStdString(plan.toStage));
    options.onProgress = [this, what](const registry::CopyProgress& copied) {
        Q_EMIT progress(what, copied.bytesDone, copied.bytesTotal);
    };
    auto result = executePromotion(client(), **journal, plan, options);
    if (!result)
        return finish(request, std::unexpected(result.error()), {}, {}, true);
    std::string summary = plan.tag + (result->copied ? " promoted to " : " already in ") + plan.toStage + " ("
        + plan.digest.shortForm() + ")";
    if (result->stableWritten)
        summary += ", tagged " + plan.stableTag;
    finish(request, {}, summary, plan.digest.str(), result->copied || result->stableWritten);
}

void DashboardWorker::applyStable(quint64 request, const QString& referenceText)
{
    m_cancelled = false;
    auto reference = registry::Reference::parse(referenceText.toStdString());
    if (!reference)
        return finish(request, std::unexpected(reference.error()), {});
    auto journal = this->journal();
    if (!journal)
        return finish(request, std::unexpected(journal.error()), {});
    auto plan = planStableTag(client(), *reference, &m_cancelled);
    if (!plan)
        return finish(request, std::unexpected(plan.error()), {});
    if (plan->step == StableStep::AlreadyThere)
        return finish(
            request, {}, plan->stable.toString() + " already points there: nothing to do", plan->digest.str());
    auto written = writeStableTagRecorded(
        client(), **journal, *plan, actorName(client().userName(reference->registry)), &m_cancelled);
    if (!written)
        return finish(request, written, {}, {}, true);
    finish(request, {}, "tagged " + plan->stable.toString(), plan->digest.str(), true);
}

void DashboardWorker::retarget(quint64 request, const RetargetRequest& retarget)
{
    m_cancelled = false;
    const auto* pipeline = m_workspace.pipeline(retarget.pipeline);
    if (!pipeline)
        return finish(request,
            registry::fail(registry::ErrorKind::InvalidInput, "the workspace has no pipeline " + retarget.pipeline),
            {});
    auto journal = this->journal();
    if (!journal)
        return finish(request, std::unexpected(journal.error()), {});
    auto moved = retargetFloatingTag(
        client(), **journal, *pipeline, retarget.stage, retarget.tag, retarget.digest, &m_cancelled);
    if (!moved)
        return finish(request, std::unexpected(moved.error()), {}, {}, true);
    finish(
        request, {}, retarget.tag + " in " + retarget.stage + " points at " + moved->shortForm(), moved->str(), true);
}

void DashboardWorker::verifyJournal(quint64 request)
{
    auto journal = this->journal();
    if (!journal)
        return finish(request, std::unexpected(journal.error()), {});
    auto report = (*journal)->verify();
    if (!report)
        return finish(request, std::unexpected(report.error()), {});
    if (!report->intact)
        return finish(request, registry::fail(registry::ErrorKind::Protocol, report->problem), {});
    finish(request, {},
        "chain intact: " + std::to_string(report->rowsChecked) + " entries, head " + report->headHash.substr(0, 16));
}

} // namespace gantry::model
