#pragma once

// Header-only: builds DashboardSnapshot values for tests of the Tags page's model, proxy and page.
// Only tests that link gantry_model include it (the support library itself does not link the model).

#include "model/dashboard/dashboardsnapshot.h"

#include <chrono>
#include <string>
#include <vector>

namespace gantry::test {

/// 2024-05-01 00:00:00 UTC plus `hours`.
inline registry::Timestamp mayFirst(int hours = 0)
{
    using namespace std::chrono;
    return sys_seconds(sys_days(year(2024) / May / 1)) + std::chrono::hours(hours);
}

/// A digest whose hex digits all repeat `digit`: easy to tell apart, valid in shape.
inline std::string digestOf(char digit)
{
    return "sha256:" + std::string(64, digit);
}

/// A tag of `repository` classified as a stage without floating tags would classify it.
inline model::TagRow tagRow(const std::string& repository, const std::string& tag, const std::string& digest)
{
    model::TagRow row;
    row.pipeline = "app";
    row.stage = repository.substr(repository.rfind('/') + 1);
    row.repository = repository;
    row.tag = tag;
    row.releaseClass = model::classifyTag(tag);
    row.digest = digest;
    return row;
}

/// One stage per distinct (pipeline, stage, repository) of `rows`, in the order they first appear.
inline model::DashboardSnapshot snapshotOf(const std::vector<model::TagRow>& rows, std::uint64_t generation = 1)
{
    model::DashboardSnapshot snapshot;
    snapshot.generation = generation;
    for (const model::TagRow& row : rows) {
        if (snapshot.stages.empty() || snapshot.stages.back().repository != row.repository
            || snapshot.stages.back().stage != row.stage) {
            snapshot.stages.push_back({ row.pipeline, row.stage, row.repository, true, {}, {} });
        }
        snapshot.stages.back().tags.push_back(row);
    }
    return snapshot;
}

} // namespace gantry::test
