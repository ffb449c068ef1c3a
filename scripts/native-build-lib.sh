# shellcheck shell=bash
# Shared by scripts/build-tesseract.sh and scripts/build-leptonica.sh (sourced, not run).
# Both rebuild a Debian source package with the same rules; what they share lives here.

# The common start of both scripts. NB_NAME (the script's name), NB_LIB ("libtesseract") and
# OPTOUT (the variable that skips the build) are set by the caller, with LIB_DIR and STAMP.
say() { echo "$NB_NAME: $*"; }
warn() { echo "$NB_NAME: WARNING: $* -- chartscan will use the system $NB_LIB" >&2; }

remove_installed() {
  rm -f "$LIB_DIR/$NB_LIB".so.5 "$LIB_DIR/$NB_LIB".so.5.* "$STAMP"
}

# The opt-out (removes a copy installed earlier) and the root check; both end the script.
opt_out_or_not_root() {
  if [ "${!OPTOUT:-0}" != "0" ]; then
    if [ -e "$STAMP" ] || [ -e "$LIB_DIR/$NB_LIB.so.5" ]; then
      remove_installed
      say "$OPTOUT set: removed the optimised $NB_LIB from $LIB_DIR"
    else
      say "$OPTOUT set: using the system $NB_LIB"
    fi
    exit 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    warn "must run as root (apt-get, $LIB_DIR); skipped"
    exit 0
  fi
}

# MARCH: "-march=x86-64-v3" on a CPU with the whole level (AVX, AVX2, FMA, BMI1/2, F16C, LZCNT,
# MOVBE, XSAVE), else empty. Never native and never AVX-512: a library built for a level this
# CPU lacks would crash it, and the stamp records the level so a changed CPU forces a rebuild.
# shellcheck disable=SC2034  # MARCH is read by the sourcing script
cpu_march() {
  local cpu_flags f
  cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
  MARCH="-march=x86-64-v3"
  for f in avx avx2 fma bmi1 bmi2 f16c abm movbe xsave; do
    case "$cpu_flags" in *" $f "*) ;; *) MARCH= ;; esac
  done
}

# Adds deb-src for Debian main (the same mirrors and suites as the binary packages, or
# deb.debian.org when those are not deb822 stanzas) unless SRC_LIST exists, then runs
# apt-get update. Returns non-zero when the update fails. Uses say() and LOG of the caller.
add_deb_src() {
  local codename src_list="${SRC_LIST:-/etc/apt/sources.list.d/debian-src.sources}"
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-bookworm}")
  if [ ! -e "$src_list" ]; then
    if grep -q '^Types: deb$' /etc/apt/sources.list.d/debian.sources 2>/dev/null; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$src_list"
    else
      cat >"$src_list" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    say "added deb-src for Debian $codename main: $src_list"
  fi
  apt-get update -q >>"$LOG" 2>&1
}
