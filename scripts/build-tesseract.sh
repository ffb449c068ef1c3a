#!/usr/bin/env bash
# Builds a faster libtesseract.so.5 for chartscan: Debian's own tesseract source package
# (same version and patches as the installed libtesseract5, so the same OCR output), compiled
# with -O3 -flto=auto -fno-semantic-interposition, and installs ONLY the stripped
# libtesseract.so.5* into a private directory (default /usr/local/lib/chartscan, beside
# libpdfium.so). chartscan's binaries carry a RUNPATH to that directory (build.rs), so they
# load this copy first; nothing else on the system sees it. See docs/tesseract-build.md.
#
# Idempotent: a stamp file (source version + flags) makes a rerun a no-op. Never fatal: on any
# failure (no deb-src / network, version mismatch, build error, output check) it prints one
# warning line, installs nothing and exits 0, and chartscan keeps using the system library.
#
#   CHARTSCAN_SYSTEM_TESSERACT=1  skip the build and remove a copy installed earlier
#   CHARTSCAN_LIB_DIR=DIR         install directory (must match the one build.rs was given)
#
# Run as root on Debian 12 (called by scripts/setup.sh, also with --no-build).
set -uo pipefail

LIB_DIR="${CHARTSCAN_LIB_DIR:-/usr/local/lib/chartscan}"
STAMP="$LIB_DIR/libtesseract.stamp"
LOG="${CHARTSCAN_TESSERACT_LOG:-/var/tmp/chartscan-tesseract-build.log}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
OPT="-O3 -flto=auto -fno-semantic-interposition"
RECIPE_REV=1   # bump when the configure line below changes, to force a rebuild

say() { echo "build-tesseract: $*"; }
warn() { echo "build-tesseract: WARNING: $* -- chartscan will use the system libtesseract" >&2; }

remove_installed() {
  rm -f "$LIB_DIR"/libtesseract.so.5 "$LIB_DIR"/libtesseract.so.5.* "$STAMP"
}

if [ "${CHARTSCAN_SYSTEM_TESSERACT:-0}" != "0" ]; then
  if [ -e "$STAMP" ] || [ -e "$LIB_DIR/libtesseract.so.5" ]; then
    remove_installed
    say "CHARTSCAN_SYSTEM_TESSERACT set: removed the optimised libtesseract from $LIB_DIR"
  else
    say "CHARTSCAN_SYSTEM_TESSERACT set: using the system libtesseract"
  fi
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  warn "must run as root (apt-get, $LIB_DIR); skipped"
  exit 0
fi

# The source version must equal the installed library's, or the C API / data files may differ.
SRC_VER=$(dpkg-query -W -f='${source:Version}' libtesseract5 2>/dev/null)
BIN_STATUS=$(dpkg-query -W -f='${Status}' libtesseract5 2>/dev/null)
if [ -z "$SRC_VER" ] || [ "${BIN_STATUS##* }" != "installed" ]; then
  warn "libtesseract5 is not installed; skipped"
  exit 0
fi

STAMP_TEXT="tesseract source $SRC_VER; recipe $RECIPE_REV; OPT=$OPT"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ] && [ -e "$LIB_DIR/libtesseract.so.5" ]; then
  say "optimised libtesseract $SRC_VER already in $LIB_DIR"
  exit 0
fi

# A copy built from another source version than the installed package is stale: drop it now,
# whether or not the rebuild below succeeds.
if [ -f "$STAMP" ] && ! grep -qF "tesseract source $SRC_VER;" "$STAMP"; then
  old=$(cut -d';' -f1 "$STAMP" 2>/dev/null)
  remove_installed
  say "removed the libtesseract built earlier from another version ($old)"
fi

: >"$LOG"
WORK=$(mktemp -d /var/tmp/chartscan-tesseract.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

fail() {
  warn "$1 (log: $LOG)"
  if [ "${2:-}" = tail ]; then tail -n 15 "$LOG" | sed 's/^/    /' >&2; fi
  exit 0
}

source_available() {
  apt-cache showsrc --only-source tesseract 2>/dev/null | grep -qx "Version: $SRC_VER"
}

# 1. deb-src for Debian main (same mirror as the binary packages), if not configured yet.
if ! source_available; then
  . /etc/os-release 2>/dev/null
  CODENAME="${VERSION_CODENAME:-bookworm}"
  SRC_LIST=/etc/apt/sources.list.d/debian-src.sources
  if [ ! -e "$SRC_LIST" ]; then
    if grep -q '^Types: deb$' /etc/apt/sources.list.d/debian.sources 2>/dev/null; then
      # the same mirrors and suites as the binary packages (deb822 stanzas, deb -> deb-src)
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$SRC_LIST"
    else
      cat >"$SRC_LIST" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $CODENAME $CODENAME-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $CODENAME-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    say "added deb-src for Debian $CODENAME main: $SRC_LIST"
  fi
  apt-get update -q >>"$LOG" 2>&1 || fail "apt-get update failed (no network to the Debian mirror?)"
  source_available || fail "Debian source package tesseract $SRC_VER is not available from deb-src"
fi

# 2. build dependencies
need=()
for p in dpkg-dev automake autoconf libtool autoconf-archive g++ make pkg-config libleptonica-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  say "installing build dependencies: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
    --no-install-recommends "${need[@]}" >>"$LOG" 2>&1 || fail "could not install ${need[*]}" tail
fi

# 3. source (debian/patches applied by dpkg-source)
cd "$WORK" || fail "no work directory"
apt-get source -q "tesseract=$SRC_VER" >>"$LOG" 2>&1 || fail "apt-get source tesseract=$SRC_VER failed" tail
SRC=$(find "$WORK" -maxdepth 1 -type d -name 'tesseract-*' | head -n 1)
[ -n "$SRC" ] || fail "apt-get source produced no tesseract-* directory" tail
GOT_VER=$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version 2>>"$LOG")
[ "$GOT_VER" = "$SRC_VER" ] || fail "source version $GOT_VER differs from installed libtesseract5 $SRC_VER"

# 4. configure + build. Flags: Debian's (debian/rules: dpkg-buildflags hardening=+all, -fPIC,
#    TESSDATA_PREFIX) minus -g, plus OPT. No -march: Tesseract's runtime SIMD dispatch stays.
say "building libtesseract $SRC_VER with $OPT (about 8 minutes on 2 cores; log: $LOG)"
start=$(date +%s)
B="$WORK/build"
P="$WORK/prefix"
mkdir -p "$B" && cd "$B" || fail "no build directory"
{
  (cd "$SRC" && ./autogen.sh) &&
    "$SRC/configure" --prefix="$P" --disable-tessdata-prefix --disable-doc \
      --without-archive --without-curl --disable-dependency-tracking --disable-static \
      AR=gcc-ar RANLIB=gcc-ranlib NM=gcc-nm \
      CPPFLAGS="-Wdate-time -D_FORTIFY_SOURCE=2" \
      CXXFLAGS="$OPT -ffile-prefix-map=$SRC=. -fstack-protector-strong -Wformat -Werror=format-security -fPIC -DTESSDATA_PREFIX='\"/usr/share/tesseract-ocr/5\"'" \
      LDFLAGS="$OPT -llept -Wl,-z,defs -Wl,-z,relro -Wl,-z,now" &&
    make -j"$(nproc)" &&
    make install-strip
} >>"$LOG" 2>&1 || fail "build failed" tail
say "built in $(($(date +%s) - start)) s"

# 5. checks before installing anything
NEW=$(readlink -f "$P/lib/libtesseract.so.5")
SYS=$(readlink -f "$(dpkg -L libtesseract5 2>/dev/null | grep -m1 '/libtesseract\.so\.5$')")
[ -f "$NEW" ] || fail "no libtesseract.so.5 in the build output" tail
soname=$(readelf -d "$NEW" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libtesseract.so.5" ] || fail "built library has SONAME '$soname', not libtesseract.so.5"
# The C API (what leptess uses) must be complete. (Some C++ template instantiations are inlined
# away by LTO; no C API user can depend on those.)
if [ -f "$SYS" ]; then
  missing=$(comm -23 \
    <(nm -D --defined-only "$SYS" | awk '$3 !~ /^_/ {print $3}' | sort -u) \
    <(nm -D --defined-only "$NEW" | awk '$3 !~ /^_/ {print $3}' | sort -u) | head -n 3)
  [ -z "$missing" ] || fail "built library lacks C API symbols: $missing"
fi
# Same OCR output as the system library on a few fixture pages (Debian's tesseract CLI loads
# either library).
if command -v tesseract >/dev/null 2>&1 && [ -d "$REPO/fixtures" ]; then
  mkdir -p "$WORK/lib" "$WORK/cmp"
  cp -P "$P"/lib/libtesseract.so.5* "$WORK/lib/"
  n=0
  while IFS= read -r f; do
    n=$((n + 1))
    OMP_THREAD_LIMIT=1 tesseract "$f" "$WORK/cmp/sys$n" --psm 3 tsv >>"$LOG" 2>&1 &&
      OMP_THREAD_LIMIT=1 LD_LIBRARY_PATH="$WORK/lib" tesseract "$f" "$WORK/cmp/new$n" --psm 3 tsv >>"$LOG" 2>&1 ||
      fail "tesseract CLI failed on $f" tail
    cmp -s "$WORK/cmp/sys$n.tsv" "$WORK/cmp/new$n.tsv" || fail "OCR output differs from the system library on $f"
  done < <(find "$REPO/fixtures" -type f \( -name '*.png' -o -name '*.jpg' \) -size -400k | sort | head -n 3)
  say "output identical to the system library on $n fixture page(s)"
fi

# 6. install: only the stripped runtime library + SONAME link, then the stamp.
mkdir -p "$LIB_DIR" || fail "cannot create $LIB_DIR"
base=$(basename "$NEW")
install -m 0644 "$NEW" "$LIB_DIR/.$base.tmp" &&
  mv -f "$LIB_DIR/.$base.tmp" "$LIB_DIR/$base" &&
  ln -sfn "$base" "$LIB_DIR/libtesseract.so.5" &&
  echo "$STAMP_TEXT" >"$STAMP" || { remove_installed; fail "could not install into $LIB_DIR"; }
say "installed $LIB_DIR/$base ($STAMP_TEXT)"
