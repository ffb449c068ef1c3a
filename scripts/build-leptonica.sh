#!/usr/bin/env bash
# Builds a faster liblept.so.5 for chartscan: Debian's own Leptonica source package (leptonlib,
# same version and patches as the installed liblept5, so the same results), compiled with
# Debian's flags plus -O3 -ffp-contract=off (and -march=x86-64-v3 when the CPU has AVX2, FMA
# and BMI2), and installs ONLY the stripped liblept.so.5* into the private directory (default
# /usr/local/lib/chartscan, beside libtesseract.so.5 and libpdfium.so). chartscan's binaries
# link liblept directly and carry a RUNPATH to that directory (build.rs), so they load this
# copy first, and libtesseract shares it; nothing else on the system sees it.
# See docs/tesseract-build.md, section "Leptonica".
#
# Idempotent: a stamp file (source and binary version + flags, including the -march level)
# makes a rerun a no-op, and a changed CPU or recipe forces a rebuild. Never fatal: on any
# failure (no deb-src / network, version mismatch, build error, a check) it prints one warning
# line, installs nothing and exits 0, and chartscan keeps using the system library.
#
#   CHARTSCAN_SYSTEM_LEPTONICA=1  skip the build and remove a copy installed earlier
#   CHARTSCAN_LIB_DIR=DIR         install directory (must match the one build.rs was given)
#
# Run as root on Debian 12 (called by scripts/setup.sh, also with --no-build).
set -uo pipefail

LIB_DIR="${CHARTSCAN_LIB_DIR:-/usr/local/lib/chartscan}"
STAMP="$LIB_DIR/liblept.stamp"
LOG="${CHARTSCAN_LEPTONICA_LOG:-/var/tmp/chartscan-leptonica-build.log}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
RECIPE_REV=1   # bump when the configure line below changes, to force a rebuild

NB_NAME=build-leptonica NB_LIB=liblept OPTOUT=CHARTSCAN_SYSTEM_LEPTONICA
# shellcheck source=scripts/native-build-lib.sh
. "$REPO/scripts/native-build-lib.sh"
opt_out_or_not_root

# The source version must equal the installed library's, or the API / behaviour may differ.
# Debian's source package is "leptonlib" (binary liblept5); the binary version may carry a
# binNMU suffix (1.82.0-3+b3), which goes into the stamp as well: a binNMU means Debian rebuilt
# it against other libraries (libtiff, libwebp, ...), and so must we.
SRC_PKG=$(dpkg-query -W -f='${source:Package}' liblept5 2>/dev/null)
SRC_VER=$(dpkg-query -W -f='${source:Version}' liblept5 2>/dev/null)
BIN_VER=$(dpkg-query -W -f='${Version}' liblept5 2>/dev/null)
BIN_STATUS=$(dpkg-query -W -f='${Status}' liblept5 2>/dev/null)
if [ -z "$SRC_VER" ] || [ -z "$SRC_PKG" ] || [ "${BIN_STATUS##* }" != "installed" ]; then
  warn "liblept5 is not installed; skipped"
  exit 0
fi

# -march=x86-64-v3 only on a CPU that has it (never native, no AVX-512): AVX2, FMA and BMI2,
# and the rest of the level (AVX, BMI1, F16C, LZCNT, MOVBE, XSAVE), which every such CPU has.
# -ffp-contract=off always: without it GCC fuses a*b+c into FMA instructions, which round
# differently; with it float results stay bit-identical to Debian's -O2 build.
cpu_march
OPT="-O3${MARCH:+ $MARCH} -ffp-contract=off -flto=auto -fno-semantic-interposition"

STAMP_TEXT="leptonica source $SRC_PKG $SRC_VER (liblept5 $BIN_VER); recipe $RECIPE_REV; OPT=$OPT"
if [ -f "$STAMP" ] && [ "$(head -n 1 "$STAMP")" = "$STAMP_TEXT" ] && [ -e "$LIB_DIR/liblept.so.5" ]; then
  say "optimised liblept $BIN_VER already in $LIB_DIR"
  exit 0
fi

# A copy that this CPU cannot run (built for x86-64-v3, e.g. before the machine image moved to
# an older CPU) or built from another version than the installed package is unusable: drop it
# now, whether or not the rebuild below succeeds.
if [ -f "$STAMP" ]; then
  if [ -z "$MARCH" ] && grep -q 'x86-64-v3' "$STAMP"; then
    remove_installed
    say "removed the liblept built for x86-64-v3: this CPU lacks AVX2/FMA/BMI2"
  elif ! grep -qF "leptonica source $SRC_PKG $SRC_VER (liblept5 $BIN_VER);" "$STAMP"; then
    old=$(cut -d';' -f1 "$STAMP" 2>/dev/null)
    remove_installed
    say "removed the liblept built earlier from another version ($old)"
  fi
fi

: >"$LOG"
WORK=$(mktemp -d /var/tmp/chartscan-leptonica.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

fail() {
  warn "$1 (log: $LOG)"
  if [ "${2:-}" = tail ]; then tail -n 15 "$LOG" | sed 's/^/    /' >&2; fi
  exit 0
}

source_available() {
  # grep reads all of apt-cache's output (no -q: with pipefail an early exit could SIGPIPE it)
  apt-cache showsrc --only-source "$SRC_PKG" 2>/dev/null | grep -x "Version: $SRC_VER" >/dev/null
}

# 1. deb-src for Debian main (same mirror as the binary packages), if not configured yet
#    (scripts/build-tesseract.sh writes the same file).
if ! source_available; then
  add_deb_src || fail "apt-get update failed (no network to the Debian mirror?)"
  source_available || fail "Debian source package $SRC_PKG $SRC_VER is not available from deb-src"
fi

# 2. build dependencies: the tools, and the image libraries of debian/control's Build-Depends
#    (without them configure silently drops TIFF/GIF/WebP/JPEG 2000 support; check_lib below
#    also compares the NEEDED libraries with the system liblept's).
need=()
for p in dpkg-dev automake autoconf libtool make gcc pkg-config libtiff-dev libpng-dev \
  libjpeg-dev zlib1g-dev libgif-dev libwebp-dev libopenjp2-7-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  say "installing build dependencies: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
    --no-install-recommends "${need[@]}" >>"$LOG" 2>&1 || fail "could not install ${need[*]}" tail
fi

# 3. source (debian/patches applied by dpkg-source)
cd "$WORK" || fail "no work directory"
apt-get source -q "$SRC_PKG=$SRC_VER" >>"$LOG" 2>&1 || fail "apt-get source $SRC_PKG=$SRC_VER failed" tail
SRC=$(find "$WORK" -maxdepth 1 -type d -name "$SRC_PKG-*" | head -n 1)
[ -n "$SRC" ] || fail "apt-get source produced no $SRC_PKG-* directory" tail
GOT_VER=$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version 2>>"$LOG")
[ "$GOT_VER" = "$SRC_VER" ] || fail "source version $GOT_VER differs from installed liblept5 $SRC_VER"

# 4. configure + build the library only (src/). Flags: Debian's (debian/rules is plain dh at
#    compat 10: autoreconf, then dpkg-buildflags' defaults) minus -g, plus OPT.
B="$WORK/build"
P="$WORK/prefix"
build_lib() {
  mkdir -p "$B" && cd "$B" || return 1
  {
    echo "=== build: $OPT"
    (cd "$SRC" && autoreconf -fi) &&
      "$SRC/configure" --prefix="$P" --disable-dependency-tracking --disable-static \
        AR=gcc-ar RANLIB=gcc-ranlib NM=gcc-nm \
        CPPFLAGS="-Wdate-time -D_FORTIFY_SOURCE=2" \
        CFLAGS="$OPT -ffile-prefix-map=$SRC=. -fstack-protector-strong -Wformat -Werror=format-security" \
        LDFLAGS="$OPT -Wl,-z,relro" &&
      make -j"$(nproc)" -C src &&
      make -C src install-strip
  } >>"$LOG" 2>&1
}

# 5. checks before installing anything (return non-zero with CHECK_ERR set)
SYS=$(readlink -f "$(dpkg -L liblept5 2>/dev/null | grep -m1 '/liblept\.so\.5$')")
check_lib() {
  local soname missing n=0 f
  NEW=$(readlink -f "$P/lib/liblept.so.5")
  [ -f "$NEW" ] || { CHECK_ERR="no liblept.so.5 in the build output"; return 1; }
  soname=$(readelf -d "$NEW" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [ "$soname" = "liblept.so.5" ] || { CHECK_ERR="built library has SONAME '$soname', not liblept.so.5"; return 1; }
  [ -f "$SYS" ] || { CHECK_ERR="system liblept.so.5 not found"; return 1; }
  # Every dynamic symbol of the system library (Leptonica is C: all of them are its API).
  missing=$(comm -23 \
    <(nm -D --defined-only "$SYS" | awk '{print $3}' | sort -u) \
    <(nm -D --defined-only "$NEW" | awk '{print $3}' | sort -u) | head -n 3)
  [ -z "$missing" ] || { CHECK_ERR="built library lacks symbols: $missing"; return 1; }
  # The same image libraries (TIFF incl. G3/G4, GIF, WebP, JPEG 2000, PNG, JPEG, zlib).
  missing=$(comm -3 <(readelf -d "$SYS" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort) \
    <(readelf -d "$NEW" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort) | tr -d '\t' | head -n 3)
  [ -z "$missing" ] || { CHECK_ERR="built library links other libraries than the system one: $missing"; return 1; }
  # Same OCR output as the system library on a few fixture pages: Debian's tesseract CLI (with
  # Debian's libtesseract) loads either liblept. Two PNG/JPEG pages and one TIFF page.
  command -v tesseract >/dev/null 2>&1 || { CHECK_ERR="no tesseract CLI for the output check"; return 1; }
  rm -rf "${WORK:?}/lib" "${WORK:?}/cmp" && mkdir -p "$WORK/lib" "$WORK/cmp"
  cp -P "$P"/lib/liblept.so.5* "$WORK/lib/"
  while IFS= read -r f; do
    n=$((n + 1))
    if ! OMP_THREAD_LIMIT=1 tesseract "$f" "$WORK/cmp/sys$n" --psm 3 tsv >>"$LOG" 2>&1 ||
      ! OMP_THREAD_LIMIT=1 LD_LIBRARY_PATH="$WORK/lib" tesseract "$f" "$WORK/cmp/new$n" --psm 3 tsv >>"$LOG" 2>&1; then
      CHECK_ERR="tesseract CLI failed on $f"
      return 1
    fi
    cmp -s "$WORK/cmp/sys$n.tsv" "$WORK/cmp/new$n.tsv" || { CHECK_ERR="OCR output differs from the system library on $f"; return 1; }
  done < <({ find "$REPO/fixtures" -type f \( -name '*.png' -o -name '*.jpg' \) -size -400k | sort | head -n 2
    find "$REPO/fixtures" -type f -name '*.tif' -size -400k | sort | head -n 1; })
  [ "$n" -gt 0 ] || { CHECK_ERR="no fixture pages under $REPO/fixtures for the output check"; return 1; }
  say "output identical to the system library on $n fixture page(s)"
}

start=$(date +%s)
say "building liblept $BIN_VER with $OPT (about 3 minutes on 2 cores; log: $LOG)"
build_lib || fail "build failed" tail
check_lib || fail "$CHECK_ERR"
say "built in $(($(date +%s) - start)) s"

# 6. install: only the stripped runtime library + SONAME link, then the stamp.
mkdir -p "$LIB_DIR" || fail "cannot create $LIB_DIR"
base=$(basename "$NEW")
if ! { install -m 0644 "$NEW" "$LIB_DIR/.$base.tmp" &&
  mv -f "$LIB_DIR/.$base.tmp" "$LIB_DIR/$base" &&
  ln -sfn "$base" "$LIB_DIR/liblept.so.5" &&
  echo "$STAMP_TEXT" >"$STAMP"; }; then
  remove_installed
  fail "could not install into $LIB_DIR"
fi
say "installed $LIB_DIR/$base ($STAMP_TEXT)"
