#pragma once

#include <string_view>

namespace gantry::model {

/// The checks a promotion passes before anything is written, in the order a plan runs them.
/// guard.cpp says, in one table, what each is called and whether --force may override it.
enum class Guard {
    Source, ///< the tag is in the stage it leaves
    StageOrder, ///< the destination comes after the source
    SkippedStages, ///< every stage skipped on the way has the artifact: each stage is a test
    ImmutableTag, ///< a version tag in the destination never moves to another image
    Stable, ///< `<tag>-stable` is written once and never overwritten
    SoakTime, ///< every stage left behind has had its minimum soak time
    FreezeWindow, ///< the destination is not frozen
};

/// What users read, gantryctl prints and the journal records: "source", "stage order" (StageOrder
/// and SkippedStages both), "immutable tag", "-stable", "soak time", "freeze window".
std::string_view toString(Guard guard);
/// Whether --force may override the guard's refusal (and the journal then says so): skipped stages,
/// immutable tags, soak time and freeze windows; never a missing source, a backward promotion or a
/// -stable conflict.
bool mayBeForced(Guard guard);

} // namespace gantry::model
