//! `wegwijs-server`: the server on its own, without the rest of the `wegwijs` command (the
//! same as `wegwijs serve`).

use clap::Parser;

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "Serve the Wegwijs widgets, their data, the demo portal and live sessions")]
struct Command {
    #[command(flatten)]
    options: wegwijs_server::Options,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    wegwijs_server::run(Command::parse().options).await
}
