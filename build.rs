//! Gives chartscan's binaries (the main binary, tests, benches) a RUNPATH to chartscan's private
//! library directory, so they load the optimised `libtesseract.so.5` that
//! `scripts/build-tesseract.sh` installs there (docs/tesseract-build.md). When the directory
//! holds no libtesseract the loader falls through to the system one, and `LD_LIBRARY_PATH` still
//! wins over RUNPATH (handy for comparing the two builds).
//!
//! DT_RUNPATH (not the older DT_RPATH) on purpose: it applies to the binary's direct
//! dependencies only (libtesseract is one: leptess calls its C API) and comes after
//! `LD_LIBRARY_PATH`.
//!
//! `CHARTSCAN_LIB_DIR` overrides the directory at build time (it must match the one the build
//! script installed into); set it to an empty string for no RUNPATH at all.

use std::env;

/// Same directory as `DEFAULT_PDFIUM_DIR` in src/decode/pdf.rs (where setup.sh puts libpdfium.so).
const DEFAULT_LIB_DIR: &str = "/usr/local/lib/chartscan";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CHARTSCAN_LIB_DIR");

    let dir = env::var("CHARTSCAN_LIB_DIR").unwrap_or_else(|_| DEFAULT_LIB_DIR.to_string());
    if dir.is_empty() {
        return;
    }
    // An ELF/GNU-ld feature; nothing to do elsewhere.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    // Applies to every linked target of this package (bins, tests, benches, examples).
    println!("cargo:rustc-link-arg=-Wl,--enable-new-dtags,-rpath,{dir}");
}
