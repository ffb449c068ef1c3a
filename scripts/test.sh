#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints, then every unit and integration
# test (real Tesseract, real PDFium, real SQLite, real Chromium) on fixtures/ and on
# ../shared/realworld/. Run scripts/setup.sh first on a new machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_THREAD_LIMIT=1
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked --no-fail-fast --all-targets -- --test-threads 2
/usr/bin/python3 scripts/eval_extract.py --selftest
