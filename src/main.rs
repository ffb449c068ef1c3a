//! The chartscan executable: everything lives in the library; this only makes sure Tesseract's
//! OpenMP runtime is limited to one thread per engine before anything starts.

use std::process::ExitCode;

fn main() -> ExitCode {
    // libgomp reads OMP_THREAD_LIMIT before main runs, so setting it here would be too late:
    // start again with it set. Without it each engine spreads over every core and parallel
    // workers fight (measured: 6x slower). A user's own value is respected.
    if std::env::var_os("OMP_THREAD_LIMIT").is_none() {
        use std::os::unix::process::CommandExt;
        if let Ok(exe) = std::env::current_exe() {
            let err = std::process::Command::new(exe)
                .args(std::env::args_os().skip(1))
                .env("OMP_THREAD_LIMIT", "1")
                .exec();
            eprintln!("chartscan: warning: could not restart with OMP_THREAD_LIMIT=1 ({err}); OCR will be slow");
        }
    }
    chartscan::cli::main()
}
