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
#   CHARTSCAN_TESSERACT_PGO=0     no profile-guided optimisation: the plain O3+LTO build
#                                 (default 1: an instrumented build, trained on the image pages
#                                 of fixtures/, then rebuilt with the profile; if any PGO step
#                                 fails, the script falls back to the plain build)
#
# Run as root on Debian 12 (called by scripts/setup.sh, also with --no-build).
set -uo pipefail

LIB_DIR="${CHARTSCAN_LIB_DIR:-/usr/local/lib/chartscan}"
STAMP="$LIB_DIR/libtesseract.stamp"
LOG="${CHARTSCAN_TESSERACT_LOG:-/var/tmp/chartscan-tesseract-build.log}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
NB_NAME=build-tesseract NB_LIB=libtesseract OPTOUT=CHARTSCAN_SYSTEM_TESSERACT
# shellcheck source=scripts/native-build-lib.sh
. "$REPO/scripts/native-build-lib.sh"
opt_out_or_not_root

RECIPE_REV=2   # bump when the configure line below changes, to force a rebuild
# -march=x86-64-v3 only on a CPU that has it (never native, no AVX-512): AVX2, FMA and BMI2,
# and the rest of the level (AVX, BMI1, F16C, LZCNT, MOVBE, XSAVE). -ffp-contract=off always,
# so that GCC fuses no a*b+c into FMA and float results stay those of Debian's build.
# (Tesseract's run-time SIMD dispatch is unchanged.) Same test as scripts/build-leptonica.sh.
cpu_march
OPT="-O3${MARCH:+ $MARCH} -ffp-contract=off -flto=auto -fno-semantic-interposition"
PGO="${CHARTSCAN_TESSERACT_PGO:-1}"
[ "$PGO" = "0" ] || PGO=1
PGO_MAX_PAGES=24   # training pages (images under fixtures/, PDFs skipped); ~2 s each instrumented

# The source version must equal the installed library's, or the C API / data files may differ.
SRC_VER=$(dpkg-query -W -f='${source:Version}' libtesseract5 2>/dev/null)
BIN_STATUS=$(dpkg-query -W -f='${Status}' libtesseract5 2>/dev/null)
if [ -z "$SRC_VER" ] || [ "${BIN_STATUS##* }" != "installed" ]; then
  warn "libtesseract5 is not installed; skipped"
  exit 0
fi

# Line 1 of the stamp is the requested recipe (a failed PGO stage that fell back to the plain
# build adds a second line, and is not retried on every setup run).
STAMP_TEXT="tesseract source $SRC_VER; recipe $RECIPE_REV; OPT=$OPT"
[ "$PGO" = 1 ] && STAMP_TEXT="$STAMP_TEXT; pgo"
if [ -f "$STAMP" ] && [ "$(head -n 1 "$STAMP")" = "$STAMP_TEXT" ] && [ -e "$LIB_DIR/libtesseract.so.5" ]; then
  say "optimised libtesseract $SRC_VER already in $LIB_DIR"
  exit 0
fi

# A copy built from another source version than the installed package is stale, and one built
# for x86-64-v3 cannot run on this CPU (a machine image moved to an older host): drop it now,
# whether or not the rebuild below succeeds.
if [ -f "$STAMP" ] && [ -z "$MARCH" ] && grep -q 'x86-64-v3' "$STAMP"; then
  remove_installed
  say "removed the libtesseract built for x86-64-v3: this CPU lacks AVX2/FMA/BMI2"
elif [ -f "$STAMP" ] && ! grep -qF "tesseract source $SRC_VER;" "$STAMP"; then
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
  # grep reads all of apt-cache's output (no -q: with pipefail an early exit could SIGPIPE it)
  apt-cache showsrc --only-source tesseract 2>/dev/null | grep -x "Version: $SRC_VER" >/dev/null
}

# 1. deb-src for Debian main (same mirror as the binary packages), if not configured yet.
if ! source_available; then
  add_deb_src || fail "apt-get update failed (no network to the Debian mirror?)"
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
#    TESSDATA_PREFIX) minus -g, plus OPT (+ the PGO flags of a stage). -march at most
#    x86-64-v3 (see MARCH above), never higher: Tesseract's
#    runtime SIMD dispatch stays. Every build uses the same object directory $B, because GCC
#    names the .gcda files of -fprofile-generate=DIR after the objects' absolute paths.
B="$WORK/build/obj"
PROF="$WORK/build/prof"
build_lib() { # $1: extra compiler/linker flags, $2: install prefix
  rm -rf "$B" && mkdir -p "$B" && cd "$B" || return 1
  {
    echo "=== build: $OPT $1"
    "$SRC/configure" --prefix="$2" --disable-tessdata-prefix --disable-doc \
      --without-archive --without-curl --disable-dependency-tracking --disable-static \
      AR=gcc-ar RANLIB=gcc-ranlib NM=gcc-nm \
      CPPFLAGS="-Wdate-time -D_FORTIFY_SOURCE=2" \
      CXXFLAGS="$OPT $1 -ffile-prefix-map=$SRC=. -fstack-protector-strong -Wformat -Werror=format-security -fPIC -DTESSDATA_PREFIX='\"/usr/share/tesseract-ocr/5\"'" \
      LDFLAGS="$OPT $1 -llept -Wl,-z,defs -Wl,-z,relro -Wl,-z,now" &&
      make -j"$(nproc)" &&
      make install-strip
  } >>"$LOG" 2>&1
}

# The PGO stage: instrumented build, training run of its own tesseract CLI, build with the
# profile into $WORK/prefix. Returns non-zero (with PGO_ERR set) on any failure.
pgo_build() {
  local s pages=() f n=0
  while IFS= read -r f; do pages+=("$f"); done < <(find "$REPO/fixtures" -type f \( -iname '*.png' \
    -o -iname '*.tif' -o -iname '*.tiff' -o -iname '*.jpg' -o -iname '*.jpeg' \) | sort | head -n "$PGO_MAX_PAGES")
  [ "${#pages[@]}" -gt 0 ] || { PGO_ERR="no training images under $REPO/fixtures"; return 1; }
  rm -rf "$PROF"
  s=$(date +%s)
  build_lib "-fprofile-generate=$PROF -fprofile-update=single" "$WORK/prefix-gen" ||
    { PGO_ERR="instrumented build failed"; return 1; }
  say "instrumented build: $(($(date +%s) - s)) s"
  # configure's own test programs left .gcda files too; their mismatch would break the next
  # configure (-Werror=coverage-mismatch), and they are no part of the library.
  find "$PROF" -name '*conftest*' -delete 2>/dev/null
  s=$(date +%s)
  mkdir -p "$WORK/train"
  for f in "${pages[@]}"; do
    n=$((n + 1))
    echo "=== train: $f" >>"$LOG"
    OMP_THREAD_LIMIT=1 LD_LIBRARY_PATH="$WORK/prefix-gen/lib" timeout 120 \
      "$WORK/prefix-gen/bin/tesseract" "$f" "$WORK/train/p$n" --psm 3 tsv >>"$LOG" 2>&1 ||
      { PGO_ERR="instrumented tesseract failed on $f"; return 1; }
    [ $(($(date +%s) - s)) -lt 180 ] || break   # keep training under 3 minutes
  done
  # (-print -quit, not "| grep -q": with pipefail, find's SIGPIPE after grep -q exits early
  # would fail the test at random)
  [ -n "$(find "$PROF" -name '*.gcda' -print -quit)" ] || { PGO_ERR="training wrote no profile"; return 1; }
  find "$PROF" -name '*conftest*' -delete 2>/dev/null
  say "training: $n page(s) in $(($(date +%s) - s)) s"
  s=$(date +%s)
  build_lib "-fprofile-use=$PROF -fprofile-partial-training -Wno-missing-profile" "$WORK/prefix" ||
    { PGO_ERR="build with the profile failed"; return 1; }
  say "build with the profile: $(($(date +%s) - s)) s"
}

# 5. checks before installing anything (return non-zero with CHECK_ERR set)
SYS=$(readlink -f "$(dpkg -L libtesseract5 2>/dev/null | grep -m1 '/libtesseract\.so\.5$')")
check_lib() {
  local soname missing n=0 f
  NEW=$(readlink -f "$P/lib/libtesseract.so.5")
  [ -f "$NEW" ] || { CHECK_ERR="no libtesseract.so.5 in the build output"; return 1; }
  soname=$(readelf -d "$NEW" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [ "$soname" = "libtesseract.so.5" ] || { CHECK_ERR="built library has SONAME '$soname', not libtesseract.so.5"; return 1; }
  # The C API (what leptess uses) must be complete. (Some C++ template instantiations are
  # inlined away by LTO; no C API user can depend on those.)
  if [ -f "$SYS" ]; then
    missing=$(comm -23 \
      <(nm -D --defined-only "$SYS" | awk '$3 !~ /^_/ {print $3}' | sort -u) \
      <(nm -D --defined-only "$NEW" | awk '$3 !~ /^_/ {print $3}' | sort -u) | head -n 3)
    [ -z "$missing" ] || { CHECK_ERR="built library lacks C API symbols: $missing"; return 1; }
  fi
  # Same OCR output as the system library on a few fixture pages (Debian's tesseract CLI loads
  # either library).
  if command -v tesseract >/dev/null 2>&1 && [ -d "$REPO/fixtures" ]; then
    rm -rf "${WORK:?}/lib" "${WORK:?}/cmp" && mkdir -p "$WORK/lib" "$WORK/cmp"
    cp -P "$P"/lib/libtesseract.so.5* "$WORK/lib/"
    while IFS= read -r f; do
      n=$((n + 1))
      OMP_THREAD_LIMIT=1 tesseract "$f" "$WORK/cmp/sys$n" --psm 3 tsv >>"$LOG" 2>&1 &&
        OMP_THREAD_LIMIT=1 LD_LIBRARY_PATH="$WORK/lib" tesseract "$f" "$WORK/cmp/new$n" --psm 3 tsv >>"$LOG" 2>&1 ||
        { CHECK_ERR="tesseract CLI failed on $f"; return 1; }
      cmp -s "$WORK/cmp/sys$n.tsv" "$WORK/cmp/new$n.tsv" || { CHECK_ERR="OCR output differs from the system library on $f"; return 1; }
    done < <(find "$REPO/fixtures" -type f \( -name '*.png' -o -name '*.jpg' \) -size -400k | sort | head -n 3)
    say "output identical to the system library on $n fixture page(s)"
  fi
}

start=$(date +%s)
P="$WORK/prefix"
(cd "$SRC" && ./autogen.sh) >>"$LOG" 2>&1 || fail "autogen.sh failed" tail
FALLBACK=
if [ "$PGO" = 1 ]; then
  say "building libtesseract $SRC_VER with $OPT + PGO (about 15 minutes on 2 cores; log: $LOG)"
  if ! pgo_build; then
    FALLBACK="PGO stage failed ($PGO_ERR)"
  elif ! check_lib; then
    FALLBACK="PGO build failed a check ($CHECK_ERR)"
  fi
  if [ -n "$FALLBACK" ]; then
    echo "build-tesseract: WARNING: $FALLBACK -- building the plain O3+LTO library instead (log: $LOG)" >&2
  fi
fi
if [ "$PGO" = 0 ] || [ -n "$FALLBACK" ]; then
  [ "$PGO" = 1 ] || say "building libtesseract $SRC_VER with $OPT (about 6 minutes on 2 cores; log: $LOG)"
  rm -rf "$P"
  build_lib "" "$P" || fail "build failed" tail
  check_lib || fail "$CHECK_ERR"
fi
say "built in $(($(date +%s) - start)) s"

# 6. install: only the stripped runtime library + SONAME link, then the stamp.
mkdir -p "$LIB_DIR" || fail "cannot create $LIB_DIR"
base=$(basename "$NEW")
install -m 0644 "$NEW" "$LIB_DIR/.$base.tmp" &&
  mv -f "$LIB_DIR/.$base.tmp" "$LIB_DIR/$base" &&
  ln -sfn "$base" "$LIB_DIR/libtesseract.so.5" &&
  { echo "$STAMP_TEXT"; [ -z "$FALLBACK" ] || echo "$FALLBACK: installed the plain O3+LTO build"; } >"$STAMP" ||
  { remove_installed; fail "could not install into $LIB_DIR"; }
say "installed $LIB_DIR/$base ($STAMP_TEXT${FALLBACK:+; PGO fell back to plain})"
