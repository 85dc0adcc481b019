//! The `prebuilt-portal` binary: the command line lives in `cli::args`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    prebuilt_portal::cli::run().await
}
