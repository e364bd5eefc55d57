//! The Wegwijs server (`wegwijs serve`, or the `wegwijs-server` binary): serves a folder
//! (the demo portal, or a municipality's widget bundle and data files) with the security
//! headers Wegwijs is built for: a strict Content-Security-Policy without `'unsafe-inline'`,
//! no referrer, no sniffing. It sends the precompressed `.br` or
//! `.gz` file beside a file when the browser accepts it (`cargo xtask dist` writes them), says
//! `charset=utf-8` on text, and lets browsers revalidate with ETags.
//!
//! It also runs the samenwerkingsscan's live sessions ([`live`]): an API under `/api/`
//! over an SQLite file or PostgreSQL, with `GET /health`.
//!
//! It is hardened for the open internet: [`guard`] refuses hidden files, paths outside the
//! root (symlinks too), empty or overlong segments and other methods than GET and HEAD;
//! [`listen`] gives clients a deadline for their headers and serves a bounded number of
//! connections at once.

mod guard;
mod listen;
mod live;
mod revalidate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use guard::Root;
use listen::Limits;
use live::{Live, Settings};

use anyhow::Context;
use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use clap::Args;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy the demo portal is served with; hosts need at least the
/// `script-src` part (see the README).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; \
img-src 'self' data:; \
font-src 'self'; \
connect-src 'self'; \
object-src 'none'; \
base-uri 'none'; \
form-action 'self'; \
frame-ancestors 'self'";

/// What to serve, where, and how strictly; the command-line options of `wegwijs serve` and
/// `wegwijs-server`.
#[derive(Debug, Args)]
pub struct Options {
    /// The folder to serve.
    #[arg(long, default_value = "target/demo")]
    root: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The live sessions' database: `sqlite:FILE` (created when missing) for one server, or
    /// `postgres://USER:PASSWORD@HOST/DATABASE` for several servers on one database. Both are
    /// migrated on start. `DATABASE_URL` gives it when the option is left out.
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite:wegwijs-sessions.sqlite"
    )]
    database: String,
    /// Days a live session and its answers are kept after it was opened.
    #[arg(long, default_value_t = 90)]
    retention_days: u64,
    /// An origin whose pages may call the live-session API (repeat for more); by default
    /// only pages from this server may.
    #[arg(long = "allow-origin")]
    allowed_origins: Vec<String>,
    /// Live sessions one client may open per minute (0: no limit).
    #[arg(long, default_value_t = 20)]
    opens_per_minute: u32,
    /// Join-code lookups and answers one client may send per minute (0: no limit; one
    /// office network can hold a whole team).
    #[arg(long, default_value_t = 600)]
    answers_per_minute: u32,
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// The router: the live-session API, and static files (precompressed where a `.br` or `.gz`
/// file sits beside them), with security headers on every response.
fn app(root: Root, live: Live) -> Router {
    let files = ServeDir::new(root.path())
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip();
    let files = Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn_with_state(
            root,
            guard::only_files_inside,
        ))
        .layer(axum::middleware::from_fn(revalidate::entity_tags));
    live::router(live)
        .merge(files)
        .layer(axum::middleware::from_fn(revalidate::text_charset))
        .layer(SetResponseHeaderLayer::appending(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::REFERRER_POLICY, "no-referrer"))
        .layer(header_layer(header::CACHE_CONTROL, "no-cache"))
        .layer(header_layer(
            HeaderName::from_static("permissions-policy"),
            "geolocation=(self), camera=(), microphone=()",
        ))
}

/// Serves until Ctrl+C: opens (and migrates) the database, prints the address on the first
/// line of standard output, and deletes expired sessions while it runs.
pub async fn run(options: Options) -> anyhow::Result<()> {
    anyhow::ensure!(
        options.root.join("index.html").is_file(),
        "{} has no index.html; build the demo first with `cargo xtask demo`",
        options.root.display()
    );
    let store = live::store::Store::open(&options.database).await?;
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| format!("cannot listen on {}", options.addr))?;
    let addr = listener.local_addr()?;
    // The first line is read by `cargo xtask test` to find the port.
    println!(
        "Wegwijs serves {} on http://{addr}/",
        options.root.display()
    );
    let root = Root::new(&options.root)
        .with_context(|| format!("cannot open {}", options.root.display()))?;
    let settings = Settings {
        retention: Duration::from_secs(options.retention_days.max(1) * 24 * 3600),
        opens_per_minute: options.opens_per_minute,
        answers_per_minute: options.answers_per_minute,
        allowed_origins: options.allowed_origins,
    };
    let live = Live::new(store, settings)
        .await
        .context("cannot listen for live updates on the database")?;
    tokio::spawn(live::delete_expired_regularly(live.clone()));
    listen::serve(listener, app(root, live), Limits::default(), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

#[cfg(test)]
mod tests;
