#include "model/policy/guard.h"

#include <array>
#include <cstddef>

namespace gantry::model {

namespace {

struct GuardTraits
{
    Guard guard;
    std::string_view name; ///< printed, shown and journaled: tests compare it byte for byte
    bool mayBeForced;
};

// The one place that says what each guard is called and whether --force may override it.
constexpr std::array guards {
    // A tag that is in no stage cannot be promoted, forced or not.
    GuardTraits { Guard::Source, "source", false },
    // Backwards is no promotion: pointing a floating tag at an older release is a retarget.
    GuardTraits { Guard::StageOrder, "stage order", false },
    GuardTraits { Guard::SkippedStages, "stage order", true },
    GuardTraits { Guard::ImmutableTag, "immutable tag", true },
    // A -stable tag is what the registry keeps for a year: moving it would silently swap a release
    // that people rely on.
    GuardTraits { Guard::Stable, "-stable", false },
    GuardTraits { Guard::SoakTime, "soak time", true },
    GuardTraits { Guard::FreezeWindow, "freeze window", true },
};

constexpr bool inEnumOrder()
{
    for (std::size_t i = 0; i < guards.size(); ++i) {
        if (guards[i].guard != static_cast<Guard>(i))
            return false;
    }
    return guards.back().guard == Guard::FreezeWindow; // the last enumerator: none is missing
}
static_assert(inEnumOrder(), "one row per Guard, in the enum's order");

const GuardTraits& traits(Guard guard)
{
    return guards[static_cast<std::size_t>(guard)];
}

} // namespace

std::string_view toString(Guard guard)
{
    return traits(guard).name;
}

bool mayBeForced(Guard guard)
{
    return traits(guard).mayBeForced;
}

} // namespace gantry::model
