//! `symdiff serve`: the derivative calculator in a browser. One page (with
//! KaTeX, built in) and a JSON API over the library, on axum and tokio.
//!
//! Every computation runs on the blocking pool within [`limits`] and a time
//! budget (`work.rs`), so one slow request never stalls the others.

mod api;
mod assets;
mod error;
mod request;
mod work;

use axum::extract::{DefaultBodyLimit, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::sync::Arc;
use std::time::Duration;
use symdiff::Limits;
use work::Work;

/// `symdiff serve`'s options.
#[derive(clap::Args, Debug, Clone)]
pub struct Options {
    /// The port to listen on (0: any free port, printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// The address to listen on; the default keeps the server to this machine.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,

    /// How long a request may take before it is answered with an error, in
    /// milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    pub budget_ms: u64,
}

/// The limits every request runs within: small enough that the longest
/// computation they allow takes seconds, not minutes, and ample for
/// anything a person types.
pub fn limits() -> Limits {
    Limits {
        max_input_len: 10_000,
        max_depth: 500,
        max_nodes: 200_000,
        max_order: 20,
        max_digits: 2_000,
    }
}

/// The largest request body: an expression at the length limit, escaped,
/// with the other fields.
const MAX_BODY: usize = 64 * 1024;

/// The router: the page, its files and the API.
fn app(work: Arc<Work>) -> Router {
    Router::new()
        .route("/", get(assets::page))
        .route("/assets/{*path}", get(assets::file))
        .route("/favicon.ico", get(assets::icon))
        .route("/api/parse", post(parse))
        .route("/api/derivative", post(derivative))
        .route("/api/plot", post(plot))
        .route("/api/matrix", post(matrix))
        .route("/api/check", post(check))
        .fallback(|| async { assets::not_found() })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(work)
}

type Answer = Result<Json<serde_json::Value>, error::ApiError>;

async fn parse(
    State(work): State<Arc<Work>>,
    request: request::ApiJson<api::ParseRequest>,
) -> Answer {
    work.run(move |limits| api::parse(request.0, limits))
        .await
        .map(Json)
}

async fn derivative(
    State(work): State<Arc<Work>>,
    request: request::ApiJson<api::DerivativeRequest>,
) -> Answer {
    work.run(move |limits| api::derivative(request.0, limits))
        .await
        .map(Json)
}

async fn plot(
    State(work): State<Arc<Work>>,
    request: request::ApiJson<api::PlotRequest>,
) -> Answer {
    work.run(move |limits| api::plot(request.0, limits))
        .await
        .map(Json)
}

async fn matrix(
    State(work): State<Arc<Work>>,
    request: request::ApiJson<api::MatrixRequest>,
) -> Answer {
    work.run(move |limits| api::matrix(request.0, limits))
        .await
        .map(Json)
}

async fn check(
    State(work): State<Arc<Work>>,
    request: request::ApiJson<api::CheckRequest>,
) -> Answer {
    work.run(move |limits| api::check(request.0, limits))
        .await
        .map(Json)
}

/// Runs the server until Ctrl-C; an error if the address cannot be bound.
pub fn run(options: &Options) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(serve(options))
}

async fn serve(options: &Options) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind((options.host.as_str(), options.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.host, options.port))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the address: {e}"))?;
    // Watched before the address is printed, so that a Ctrl-C right after
    // the server announces itself already stops it cleanly.
    let stop = stop_signal().map_err(|e| format!("cannot watch for Ctrl-C: {e}"))?;
    let url = format!("http://{address}/");
    crate::cli::print_line(&format!("symdiff serve: listening on {url} (Ctrl-C stops)"));
    if options.open {
        open_browser(&url);
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let work = Work::new(
        limits(),
        Duration::from_millis(options.budget_ms),
        2 * cores,
    );
    axum::serve(listener, app(Arc::new(work)))
        .with_graceful_shutdown(stop)
        .await
        .map_err(|e| format!("the server failed: {e}"))?;
    crate::cli::print_line("symdiff serve: stopped");
    Ok(())
}

/// A future that ends at Ctrl-C (SIGINT) or, on Unix, SIGTERM; the
/// handlers are installed when this is called, not when it is first awaited.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    let mut interrupt = tokio::signal::windows::ctrl_c()?;
    Ok(async move {
        interrupt.recv().await;
    })
}

/// Opens `url` with the system's opener; a failure is only a note, since
/// the address is printed anyway.
fn open_browser(url: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let opened = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        eprintln!("note: cannot open a browser ({program}: {e}); open {url} yourself");
    }
}
