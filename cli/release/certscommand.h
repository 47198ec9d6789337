#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl certs: certificate expiry of every cluster's API server, client certificate and CA. Returns the exit
/// status.
int runCerts(ReleaseContext& context);

} // namespace gantry::cli
