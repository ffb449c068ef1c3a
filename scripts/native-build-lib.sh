# shellcheck shell=bash
# Shared by scripts/build-tesseract.sh and scripts/build-leptonica.sh (sourced, not run).
# Both rebuild a Debian source package with the same rules; what they share lives here.

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
