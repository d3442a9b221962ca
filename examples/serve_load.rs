//! A load test of `symdiff serve` (not part of `cargo test`): starts the
//! server on a free port of 127.0.0.1, runs CLIENTS concurrent clients for
//! SECONDS, each sending a mix of ordinary requests and hostile ones (a
//! 1 MB input, 100 000-deep nesting, order 10^9, invalid UTF-8, malformed
//! JSON), and reports requests per second, p50/p99 latency, answers by
//! kind, and the server's peak memory (VmHWM, Linux).
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example serve_load -- [SECONDS] [CLIENTS] [BINARY]
//! ```
//!
//! Every ordinary request must succeed and every hostile one must get its
//! 4xx JSON answer; anything else is counted and makes the exit code 1.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One kind of request: its name, endpoint, body, and the status it must get.
struct Request {
    name: &'static str,
    path: &'static str,
    body: Vec<u8>,
    status: u16,
}

fn json(path: &'static str, name: &'static str, body: serde_json::Value) -> Request {
    Request {
        name,
        path,
        body: body.to_string().into_bytes(),
        status: 200,
    }
}

fn hostile(path: &'static str, name: &'static str, body: Vec<u8>, status: u16) -> Request {
    Request {
        name,
        path,
        body,
        status,
    }
}

/// The mix: ordinary requests as the page sends them, then hostile ones.
/// Each client takes one hostile request after every four ordinary ones.
fn mix() -> (Vec<Request>, Vec<Request>) {
    use serde_json::json as j;
    let ordinary = vec![
        json(
            "/api/parse",
            "parse",
            j!({"expression": "exp(-x^2/2)/sqrt(2*pi)"}),
        ),
        json(
            "/api/derivative",
            "derivative",
            j!({"expression": "x^x", "steps": true}),
        ),
        json(
            "/api/derivative",
            "derivative",
            j!({"expression": "sin(2*x^2)*ln(x)", "order": 3}),
        ),
        json(
            "/api/plot",
            "plot",
            j!({"expression": "x^4/4 - x^2 + 1/2", "points": 401, "tangent": 1}),
        ),
        json(
            "/api/matrix",
            "matrix",
            j!({"kind": "hessian", "expression": "sin(x*y) + x^2*y", "at": {"x": 1, "y": 2}}),
        ),
        json(
            "/api/check",
            "check",
            j!({"expression": "x^x", "answer": "x^x*ln(x)"}),
        ),
    ];
    let long = format!(r#"{{"expression": "{}"}}"#, "x+".repeat(500_000));
    let nested = format!(
        r#"{{"expression": "{}x{}"}}"#,
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    // Within the body limit, so that the depth limit itself answers.
    let deep = format!(
        r#"{{"expression": "{}x{}"}}"#,
        "sin(".repeat(5_000),
        ")".repeat(5_000)
    );
    let hostile = vec![
        hostile("/api/derivative", "1 MB input", long.into_bytes(), 413),
        hostile(
            "/api/parse",
            "100000-deep nesting",
            nested.into_bytes(),
            413,
        ),
        hostile("/api/parse", "5000-deep calls", deep.into_bytes(), 422),
        hostile(
            "/api/derivative",
            "order 10^9",
            br#"{"expression": "x^2", "order": 1000000000}"#.to_vec(),
            422,
        ),
        hostile(
            "/api/derivative",
            "invalid UTF-8",
            b"{\"expression\": \"x\xff\xfe\"}".to_vec(),
            400,
        ),
        hostile(
            "/api/derivative",
            "malformed JSON",
            br#"{"expression": "x^2", "order": }"#.to_vec(),
            400,
        ),
    ];
    (ordinary, hostile)
}

/// What one client saw: latencies by request name, and answers by
/// (name, outcome).
#[derive(Default)]
struct Seen {
    latencies: BTreeMap<&'static str, Vec<Duration>>,
    outcomes: BTreeMap<(&'static str, String), usize>,
    wrong: usize,
}

async fn client(
    url: String,
    until: Instant,
    requests: Arc<(Vec<Request>, Vec<Request>)>,
    id: usize,
) -> Seen {
    let http = reqwest::Client::new();
    let mut seen = Seen::default();
    let (ordinary, hostile) = &*requests;
    let mut n = id;
    while Instant::now() < until {
        let request = if n % 5 == 4 {
            &hostile[(n / 5) % hostile.len()]
        } else {
            &ordinary[n % ordinary.len()]
        };
        n += 1;
        let start = Instant::now();
        let sent = http
            .post(format!("{url}{}", request.path))
            .header("content-type", "application/json")
            .body(request.body.clone())
            .send()
            .await;
        let outcome = match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                let body = response.bytes().await.unwrap_or_default();
                let kind = serde_json::from_slice::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v["kind"].as_str().map(String::from));
                if status != request.status {
                    seen.wrong += 1;
                }
                match kind {
                    _ if status == 200 => "200 ok".to_string(),
                    Some(kind) => format!("{status} {kind}"),
                    None => format!("{status} (not JSON)"),
                }
            }
            // A server refusing an oversized body answers 413 and closes the
            // connection without reading the rest, so a client still
            // sending may see the connection closed instead of the answer.
            Err(_) if request.status == 413 => "closed while sending the body".to_string(),
            Err(e) => {
                seen.wrong += 1;
                format!("transport error: {e}")
            }
        };
        seen.latencies
            .entry(request.name)
            .or_default()
            .push(start.elapsed());
        *seen.outcomes.entry((request.name, outcome)).or_default() += 1;
    }
    seen
}

/// The server's resident memory now and at its peak, in kB (Linux).
fn memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(30);
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let binary = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "target/release/symdiff".to_string());

    let mut server = Command::new(&binary)
        .args(["serve", "--host", "127.0.0.1", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary}: {e} (cargo build --release first)"));
    let pid = server.id();
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("piped"))
        .read_line(&mut line)
        .expect("the server prints its address");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("an address on 127.0.0.1")
        .trim_end_matches('/')
        .to_string();
    let idle = memory(pid);
    println!("load: {clients} clients for {seconds} s against {url} (pid {pid})");

    let requests = Arc::new(mix());
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|id| tokio::spawn(client(url.clone(), until, Arc::clone(&requests), id)))
        .collect();
    let mut latencies: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let mut outcomes: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
    let mut wrong = 0;
    for task in tasks {
        let seen = task.await.expect("a client finished");
        for (name, mut l) in seen.latencies {
            latencies.entry(name).or_default().append(&mut l);
        }
        for (key, n) in seen.outcomes {
            *outcomes.entry(key).or_default() += n;
        }
        wrong += seen.wrong;
    }
    let elapsed = start.elapsed();
    let after = memory(pid);
    let _ = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status();
    let stopped = server.wait().map(|s| s.success()).unwrap_or(false);

    let hostile: Vec<&str> = requests.1.iter().map(|r| r.name).collect();
    let mut all: Vec<Duration> = Vec::new();
    let mut ordinary: Vec<Duration> = Vec::new();
    println!(
        "\n{:<22} {:>8} {:>10} {:>10}",
        "request", "count", "p50", "p99"
    );
    for (name, l) in &mut latencies {
        l.sort();
        println!(
            "{:<22} {:>8} {:>10} {:>10}",
            name,
            l.len(),
            ms(percentile(l, 0.5)),
            ms(percentile(l, 0.99))
        );
        all.extend(l.iter());
        if !hostile.contains(name) {
            ordinary.extend(l.iter());
        }
    }
    all.sort();
    ordinary.sort();
    println!(
        "\nall: {} requests in {:.1} s = {:.0} requests/s; p50 {}, p99 {}",
        all.len(),
        elapsed.as_secs_f64(),
        all.len() as f64 / elapsed.as_secs_f64(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99))
    );
    println!(
        "ordinary: {} requests; p50 {}, p99 {}",
        ordinary.len(),
        ms(percentile(&ordinary, 0.5)),
        ms(percentile(&ordinary, 0.99))
    );
    println!("\nanswers by kind:");
    for ((name, outcome), n) in &outcomes {
        println!("  {name:<22} {outcome:<40} {n}");
    }
    if let (Some((idle_rss, _)), Some((rss, peak))) = (idle, after) {
        println!(
            "\nserver memory: {} MB at start, {} MB after the run, peak {} MB (VmHWM)",
            idle_rss / 1024,
            rss / 1024,
            peak / 1024
        );
    }
    println!("server stopped cleanly on SIGINT: {stopped}");
    println!("answers with an unexpected status or transport errors: {wrong}");
    if wrong > 0 || !stopped {
        std::process::exit(1);
    }
}
