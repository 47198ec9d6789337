#pragma once

#include "bench/childprocess.h"
#include "bench/copytools.h"
#include "bench/registrytraffic.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <map>
#include <utility>

namespace gantry::bench {

enum class Scenario {
    SameRegistry, // promotion within one registry, to a repository that has nothing yet
    CrossRegistry, // to a repository of the other registry that has nothing yet
    NoOp, // onto a destination that already holds the same digest under the tag
};

QString scenarioName(Scenario scenario);

struct Measurement
{
    ChildRun run {};
    RegistryTraffic traffic {}; // both registries together
    double registryCpuMs = 0; // what both registries' processes spent meanwhile: the tool's floor
    QJsonObject gantryReport {}; // gantryctl --json output; empty for skopeo
};

struct ImageFacts
{
    QString digest {};
    int blobCount = 0; // config and layers
    qint64 blobBytes = 0;
    int layerCount = 0;
    qint64 layerSize = 0;
};

struct BenchmarkResults
{
    ImageFacts image {};
    int rounds = 0;
    QString gantryctl {};
    QString skopeoVersion {};
    std::map<std::pair<Scenario, Tool>, QList<Measurement>> series {};
    QStringList failures {}; // runs that failed or copied the wrong thing; they are not in `series`

    const QList<Measurement>& runs(Scenario scenario, Tool tool) const;
};

} // namespace gantry::bench
