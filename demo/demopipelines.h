#pragma once

#include "demo/demoseed.h"

namespace gantry::test {

// The demo's two pipelines, `checkout` (fast-feedback and extended-test in staging, prod in
// production) and `search` (candidate in staging, live in production), in two waves. The first is
// what the registries held before Gantry watched them; the second is what CI and a hand-made
// deployment did after its first refresh: new builds in fast-feedback, the floating `prod` tag
// moved to the patch. Push times Gantry learns from the waves give the retention page its range:
// unknown (before it watched), kept for a few days (after), kept while newest, kept forever.
QList<DemoVersion> demoVersions();
QList<DemoPlacement> demoFirstWave(TestRegistry& staging, TestRegistry& production);
QList<DemoPlacement> demoSecondWave(TestRegistry& staging, TestRegistry& production);

} // namespace gantry::test
