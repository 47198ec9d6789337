# Shared by scripts/check, scripts/demo and scripts/bench-copy: install what is missing, build.
gantry_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
gantry_build=${GANTRY_BUILD_DIR:-$gantry_root/build}

# Installs the packages of scripts/lib/packages.txt that are missing; nothing when all are there.
gantry_ensure_packages() {
    local wanted
    mapfile -t wanted < <(grep -v '^#' "$gantry_root/scripts/lib/packages.txt" | grep -v '^$')
    gantry_install_missing "${wanted[@]}"
}

# Installs those of the given Debian packages that are missing (apt-get, with sudo unless root).
gantry_install_missing() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

# Configures through the "default" preset of CMakePresets.json (RelWithDebInfo, warnings as errors),
# in $GANTRY_BUILD_DIR when it is set, and builds everything.
gantry_configure_and_build() {
    (cd "$gantry_root" && cmake --preset default -B "$gantry_build" "$@")
    cmake --build "$gantry_build" -j"$(nproc)"
}
