# Shared by scripts/demo and scripts/screenshots (source common.sh first): the demo backend
# (demo/demo_registries: two loopback registries, three loopback "Kubernetes API servers"),
# the demo workspace and a journal with some history.
gantry_ctl=$gantry_build/app/gantryctl
gantry_app=$gantry_build/app/gantry

# Starts the backend and reads where it put things: staging, production (registry hosts),
# cluster_ca (its CA file) and cluster_ports (endpoints whose certificates expire in 5, 25, 80 days).
gantry_demo_start() {
    coproc DEMO { exec "$gantry_build/demo/demo_registries"; }
    local line ready=
    while read -r line <&"${DEMO[0]}"; do
        case $line in
        STAGING=*) staging=${line#*=} ;;
        PRODUCTION=*) production=${line#*=} ;;
        CLUSTER_CA=*) cluster_ca=${line#*=} ;;
        CLUSTER_PORTS=*) read -r -a cluster_ports <<<"${line#*=}" ;;
        READY=*) ready=${line#*=}; break ;;
        esac
    done
    [[ -n $ready ]] || { echo "demo: the registries did not start" >&2; return 1; }
    echo "demo: registries $staging (staging) and $production (production) seeded in $ready;" \
        "cluster API servers on 127.0.0.1:${cluster_ports[*]}"
}

# Closing its standard input stops the backend, and with it every registry and server it started.
gantry_demo_stop() {
    [[ -n ${DEMO_PID:-} ]] || return 0
    local pid=$DEMO_PID
    exec {DEMO[1]}>&- 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Asks the backend for its second wave: new CI builds in fast-feedback, `prod` moved by hand.
gantry_demo_advance() {
    local line
    echo advance >&"${DEMO[1]}"
    read -r line <&"${DEMO[0]}"
    [[ $line == ADVANCED ]] || { echo "demo: the second wave failed ($line)" >&2; return 1; }
}

# Writes the demo workspace, a copy of the clusters' CA and an empty kubeconfig (the user's own
# clusters stay out of the demo) into $1, and exports GANTRY_WORKSPACE, GANTRY_JOURNAL, KUBECONFIG.
gantry_demo_workspace() {
    local dir=$1
    cp "$cluster_ca" "$dir/clusters-ca.crt"
    export GANTRY_WORKSPACE=$dir/workspace.json GANTRY_JOURNAL=$dir/journal.sqlite KUBECONFIG=$dir/kubeconfig
    : >"$KUBECONFIG"
    cat >"$GANTRY_WORKSPACE" <<JSON
{
  "version": 1,
  "registries": [ { "name": "staging", "url": "$staging" }, { "name": "production", "url": "$production" } ],
  "retentionPolicies": {
    "cern": { "description": "The CERN registry's policy",
      "rules": [ { "keep": "pushedWithinDays", "days": 365, "tags": ".*-stable" },
                 { "keep": "latest", "count": 3 }, { "keep": "pulledWithinDays", "days": 30 } ] },
    "ci-builds": { "description": "CI builds live three days",
      "rules": [ { "keep": "pushedWithinDays", "days": 3 } ] },
    "soak": { "description": "The newest candidate, and releases for three weeks",
      "rules": [ { "keep": "latest", "count": 1, "tags": ".*rc[0-9]+" },
                 { "keep": "pushedWithinDays", "days": 21, "tags": "[0-9]+\\\\.[0-9]+\\\\.[0-9]+(\\\\.[0-9]+)?" } ] },
    "scratch": { "rules": [ { "keep": "pushedWithinDays", "days": 7 } ] },
    "lts": { "description": "The 1.4 line for ever, and the newest three",
      "rules": [ { "keep": "always", "tags": "1\\\\.4\\\\.[0-9]+" }, { "keep": "latest", "count": 3 } ] }
  },
  "pipelines": [
    { "name": "checkout", "stableTagStages": ["prod"], "stages": [
      { "name": "fast-feedback", "registry": "staging", "repository": "shop/fast-feedback/checkout",
        "retention": "ci-builds" },
      { "name": "extended-test", "registry": "staging", "repository": "shop/extended-test/checkout",
        "retention": "soak", "minimumSoak": "5m" },
      { "name": "prod", "registry": "production", "repository": "shop/prod/checkout", "retention": "cern",
        "floatingTags": ["prod"], "protected": true } ] },
    { "name": "search", "stages": [
      { "name": "candidate", "registry": "staging", "repository": "shop/candidate/search", "retention": "scratch" },
      { "name": "live", "registry": "production", "repository": "shop/live/search", "retention": "lts",
        "floatingTags": ["latest"] } ] }
  ],
  "clusters": [
    { "name": "geneva-prod", "site": "geneva", "environment": "production",
      "server": "https://127.0.0.1:${cluster_ports[0]}", "ca": "clusters-ca.crt",
      "image": "$production/shop/prod/checkout:prod" },
    { "name": "zurich-prod", "site": "zurich", "environment": "production",
      "server": "https://127.0.0.1:${cluster_ports[1]}", "ca": "clusters-ca.crt",
      "image": "$production/shop/prod/checkout:2.2.4" },
    { "name": "geneva-staging", "site": "geneva", "environment": "staging",
      "server": "https://127.0.0.1:${cluster_ports[2]}", "ca": "clusters-ca.crt",
      "image": "$staging/shop/extended-test/checkout:2.3.0" }
  ],
  "certificateThresholds": { "warningDays": 28, "criticalDays": 14 }
}
JSON
}

# Gives the journal some history: a first refresh (what was there before Gantry watched: push times
# unknown), the second wave, three promotions a second apart (exact push times) and a refresh that
# sees the new builds and the moved `prod` tag. gantryctl's output goes to $1.
gantry_demo_history() {
    local log=$1
    {
        "$gantry_ctl" refresh checkout && "$gantry_ctl" refresh search &&
            gantry_demo_advance &&
            "$gantry_ctl" promote checkout 2.3.1rc1 && sleep 1 &&
            "$gantry_ctl" promote checkout 2.3.1rc2 && sleep 1 &&
            "$gantry_ctl" promote checkout 2.3.1 &&
            "$gantry_ctl" refresh checkout && "$gantry_ctl" refresh search
    } >>"$log" 2>&1 || { cat "$log" >&2; echo "demo: preparing the journal failed" >&2; return 1; }
}

# Runs `gantry --screenshot` for every page into the folder $1, under Xvfb when there is no display.
gantry_demo_screenshots() {
    local folder=$1 page
    mkdir -p "$folder"
    local shoot=()
    [[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]] || shoot=(xvfb-run -a -s "-screen 0 1600x1000x24")
    for page in pipelines tags clusters history registries; do
        "${shoot[@]}" "$gantry_app" --workspace "$GANTRY_WORKSPACE" --screenshot "$folder/$page.png" --page "$page" ||
            { echo "demo: the screenshot of $page failed" >&2; return 1; }
    done
}
