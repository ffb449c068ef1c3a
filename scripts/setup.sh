#!/usr/bin/env bash
# Installs everything chartscan needs on a fresh Debian 12 machine, then builds the
# release binary. Idempotent: safe to run again. Must run as root (or via sudo).
#
#   scripts/setup.sh            # system packages + PDFium + release build
#   scripts/setup.sh --no-build # only the dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Where PDFium goes; chartscan looks here when neither --pdfium nor CHARTSCAN_PDFIUM is set.
PDFIUM_DIR="${CHARTSCAN_PDFIUM_DIR:-/usr/local/lib/chartscan}"
PDFIUM_VERSION="5.15.2"   # pypdfium2 wheel that ships a self-contained libpdfium.so

pkgs=(
  # OCR engine and image library (leptess links against them) + bindgen's clang
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd
  clang libclang-dev pkg-config build-essential
  # fixture / evaluation-set generator (scripts/*.py) and its fonts
  python3 python3-pil python3-numpy fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf
  # getting PDFium out of its registry package
  python3-pip unzip ca-certificates curl
  # browser tests of the review workstation
  chromium chromium-driver
  # used by tests and the benchmarks (python3-venv: the FHIR validator's environment)
  sqlite3 time python3-venv
)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=300 \
    --no-install-recommends "${missing[@]}"
fi

if [ ! -s "$PDFIUM_DIR/libpdfium.so" ]; then
  echo "setup: fetching libpdfium.so from the pypdfium2 $PDFIUM_VERSION wheel"
  tmp=$(mktemp -d)
  pipbin=$(command -v pip3 || command -v pip || echo "python3 -m pip")
  $pipbin download -q --no-deps --only-binary=:all: --platform manylinux_2_17_x86_64 \
    "pypdfium2==$PDFIUM_VERSION" -d "$tmp"
  $SUDO mkdir -p "$PDFIUM_DIR"
  $SUDO unzip -q -o -j "$tmp"/pypdfium2-*.whl 'pypdfium2_raw/libpdfium.so' -d "$PDFIUM_DIR"
  rm -rf "$tmp"
fi

# Runs scripts/SCRIPT as root with the opt-out variable OPTOUT and CHARTSCAN_LIB_DIR passed on.
# Never fatal: on failure chartscan uses the system library (LIB).
native_lib() { # SCRIPT OPTOUT LIB
  local run=(bash "scripts/$1")
  if [ -n "$SUDO" ]; then
    run=("$SUDO" env "$2=${!2:-0}" ${CHARTSCAN_LIB_DIR:+CHARTSCAN_LIB_DIR="$CHARTSCAN_LIB_DIR"} "${run[@]}")
  fi
  "${run[@]}" || echo "setup: WARNING: scripts/$1 failed; using the system $3" >&2
}

# Faster liblept.so.5 (Debian's own leptonlib source and version, -O3, x86-64-v3 where the CPU
# has it, FP contraction off) into the same directory; chartscan links liblept directly, so its
# RUNPATH picks this copy and libtesseract shares it. Opt out with CHARTSCAN_SYSTEM_LEPTONICA=1.
native_lib build-leptonica.sh CHARTSCAN_SYSTEM_LEPTONICA liblept

# Faster libtesseract.so.5 (Debian's own source and version, -O3 + LTO + PGO) into the same
# directory; chartscan's binaries find it through their RUNPATH (build.rs). A system
# dependency, so it is built with --no-build too. Opt out with CHARTSCAN_SYSTEM_TESSERACT=1.
# Both: see docs/tesseract-build.md.
native_lib build-tesseract.sh CHARTSCAN_SYSTEM_TESSERACT libtesseract

# FHIR validator for the export tests (test time only; not a run-time dependency).
FHIR_VENV="${CHARTSCAN_FHIR_VENV:-/opt/chartscan-fhir}"
if ! "$FHIR_VENV/bin/python" -c 'import fhir.resources.R4B' 2>/dev/null; then
  echo "setup: installing the FHIR validator (fhir.resources) into $FHIR_VENV"
  $SUDO /usr/bin/python3 -m venv "$FHIR_VENV"
  $SUDO "$FHIR_VENV/bin/pip" install -q "fhir.resources==8.3.0"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install a Rust toolchain (rustup) first" >&2
  exit 1
fi

if [ "${1:-}" != "--no-build" ]; then
  cargo build --release --locked 2>&1 | tail -n 3
fi
echo "setup: done"
