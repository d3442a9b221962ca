//! `symdiff serve`: every endpoint of the JSON API over HTTP on an
//! ephemeral port, against the binary as a user starts it. The answers are
//! held to the command line's (the same engine, the same field names), the
//! errors to their status, kind and span, and the limits to a 4xx JSON
//! answer each.

mod common;

use common::symdiff;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running `symdiff serve --port 0`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    client: reqwest::Client,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_symdiff"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout is piped"))
            .read_line(&mut line)
            .expect("the server prints its address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server {
            child,
            url,
            client: reqwest::Client::new(),
        }
    }

    /// POSTs raw bytes to `path`: the status and the JSON answer.
    async fn post_bytes(&self, path: &str, body: Vec<u8>) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        let value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
        (status, value)
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.post_bytes(path, body.to_string().into_bytes()).await
    }

    /// POSTs a request that must succeed.
    async fn ok(&self, path: &str, body: Value) -> Value {
        let (status, answer) = self.post(path, body.clone()).await;
        assert_eq!(status, 200, "{body} answered {answer}");
        answer
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The command line's JSON answer for `args`.
fn cli_json(args: &[&str]) -> Value {
    let out = symdiff(args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    serde_json::from_str(&common::stdout(&out)).expect("JSON")
}

/// An error answer: its status, its kind, its message and its span.
fn assert_error(answer: &(u16, Value), status: u16, kind: &str, message: &str) {
    let (got, body) = answer;
    assert_eq!(*got, status, "{body}");
    assert_eq!(body["kind"], kind, "{body}");
    let text = body["error"].as_str().expect("a message");
    assert!(text.contains(message), "{text:?} lacks {message:?}");
}

fn span(body: &Value) -> (usize, usize) {
    let s = body["span"].as_array().expect("a span");
    (
        s[0].as_u64().unwrap() as usize,
        s[1].as_u64().unwrap() as usize,
    )
}

#[tokio::test]
async fn derivatives_are_the_command_lines() {
    let server = Server::start(&[]);
    for (expr, vars) in [
        ("x^x", vec!["x"]),
        ("sin(2*x^2) + 1", vec!["x"]),
        ("exp(-(x - mu)^2/(2*sigma^2))/(sigma*sqrt(2*pi))", vec!["x"]),
        ("x^2*y^3", vec!["x", "y", "y"]),
        ("g(h(x))", vec!["x"]),
    ] {
        let mut args = vec![expr];
        args.extend(&vars);
        args.extend(["--format", "json"]);
        let cli = cli_json(&args);
        let answer = server
            .ok(
                "/api/derivative",
                json!({"expression": expr, "variables": vars}),
            )
            .await;
        for field in ["derivative", "latex", "expression", "variables"] {
            assert_eq!(answer[field], cli[field], "{field} of {expr}");
        }
    }
}

#[tokio::test]
async fn derivative_with_conditions_steps_order_and_value() {
    let server = Server::start(&[]);
    let answer = server
        .ok(
            "/api/derivative",
            json!({"expression": "x^x", "steps": true}),
        )
        .await;
    assert_eq!(answer["derivative"], "x^x*(ln(x) + 1)");
    assert_eq!(answer["latex"], r"x^{x} \left(\ln\left(x\right) + 1\right)");
    assert_eq!(answer["where"], "x > 0");
    assert_eq!(answer["conditions"][0]["kind"], "domain");
    let steps = answer["steps"].as_array().expect("steps");
    let rules: Vec<&str> = steps.iter().map(|s| s["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["power_rewrite", "product", "exponential"]);
    assert_eq!(steps.last().unwrap()["after"], answer["derivative"]);
    // The same steps as the command line's JSON.
    let cli = cli_json(&["x^x", "x", "--steps", "--format", "json"]);
    for (mine, theirs) in steps.iter().zip(cli["steps"].as_array().unwrap()) {
        for field in ["rule", "formula", "before", "after", "inner", "depth"] {
            assert_eq!(mine[field], theirs[field]);
        }
    }

    let second = server
        .ok(
            "/api/derivative",
            json!({"expression": "x^4/4 - x^2 + 1/2", "order": 2, "at": {"x": 2}}),
        )
        .await;
    assert_eq!(second["derivative"], "3*x^2 - 2");
    assert_eq!(second["variables"], json!(["x", "x"]));
    assert_eq!(second["value"], json!({"at": {"x": 2.0}, "value": 10.0}));

    // The conditions of every derivative on the way: x^(3/2) has a first
    // derivative at 0 but no second.
    let root = server
        .ok(
            "/api/derivative",
            json!({"expression": "x^(3/2)", "order": 2}),
        )
        .await;
    assert_eq!(root["where"], "x > 0");

    let outside = server
        .ok(
            "/api/derivative",
            json!({"expression": "ln(x)", "at": {"x": "-1"}}),
        )
        .await;
    assert_eq!(
        outside["value"]["error"],
        "undefined at x = -1: ln(-1) is undefined over the reals"
    );
    let several = server
        .ok(
            "/api/derivative",
            json!({"expression": "x*y", "variables": "y", "steps": true}),
        )
        .await;
    assert_eq!(several["derivative"], "x");
    assert_eq!(several["steps"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn parse_gives_the_preview_or_the_error_with_its_span() {
    let server = Server::start(&[]);
    let answer = server
        .ok("/api/parse", json!({"expression": "x^2/2 + y"}))
        .await;
    assert_eq!(answer["latex"], r"\frac{x^{2}}{2} + y");
    assert_eq!(answer["variables"], json!(["x", "y"]));
    let vector = server
        .ok("/api/parse", json!({"expression": "[x, 2*y]"}))
        .await;
    assert_eq!(vector["text"], "[x, 2*y]");

    let bad = server
        .post("/api/parse", json!({"expression": "1 + $"}))
        .await;
    assert_error(&bad, 422, "syntax", "unexpected character '$'");
    assert_eq!(span(&bad.1), (4, 5));

    let unfinished = server
        .post("/api/parse", json!({"expression": "sin(x +"}))
        .await;
    assert_error(&unfinished, 422, "syntax", "ends too early");

    // Spans count bytes of UTF-8, as the engine's do.
    let input = "x² + €";
    let wide = server
        .post("/api/parse", json!({"expression": input}))
        .await;
    assert_error(&wide, 422, "syntax", "unexpected character '€'");
    let (start, end) = span(&wide.1);
    assert_eq!(&input[start..end], "€");

    let note = server
        .ok("/api/derivative", json!({"expression": "sinn(x)"}))
        .await;
    assert_eq!(note["notes"][0]["span"], json!([0, 4]));
    assert!(note["notes"][0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean sin?"));
}

#[tokio::test]
async fn plot_samples_and_tangents_from_the_engine() {
    let server = Server::start(&[]);
    let answer = server
        .ok(
            "/api/plot",
            json!({"expression": "x^2", "from": -2, "to": 2, "points": 5, "tangent": -1}),
        )
        .await;
    assert_eq!(answer["x"], json!([-2.0, -1.0, 0.0, 1.0, 2.0]));
    assert_eq!(
        answer["series"][0]["values"],
        json!([4.0, 1.0, 0.0, 1.0, 4.0])
    );
    assert_eq!(answer["series"][1]["name"], "f'");
    assert_eq!(
        answer["series"][1]["values"],
        json!([-4.0, -2.0, 0.0, 2.0, 4.0])
    );
    assert_eq!(answer["tangent"]["equation"], "y = -2*x - 1");
    assert_eq!(answer["tangent"]["slope"], -2.0);

    // No value: null in the samples, and the reason instead of a tangent.
    let log = server
        .ok(
            "/api/plot",
            json!({"expression": "ln(x)", "from": -1, "to": 1, "points": 2, "tangent": -0.5}),
        )
        .await;
    assert_eq!(log["series"][0]["values"], json!([null, 0.0]));
    assert_eq!(
        log["tangent"]["error"],
        "undefined at x = -0.5: ln(-0.5) is undefined over the reals"
    );
    let corner = server
        .ok("/api/plot", json!({"expression": "abs(x)", "tangent": 0}))
        .await;
    assert_eq!(
        corner["tangent"]["error"],
        "not differentiable at x = 0 (needs x ≠ 0)"
    );

    let two = server
        .post(
            "/api/plot",
            json!({"expression": "x*y", "variables": ["x"]}),
        )
        .await;
    assert_error(&two, 422, "usage", "also has y");
    let backwards = server
        .post("/api/plot", json!({"expression": "x", "from": 1, "to": 0}))
        .await;
    assert_error(&backwards, 422, "usage", "smaller to a larger");
    let many = server
        .post("/api/plot", json!({"expression": "x", "points": 100000000}))
        .await;
    assert_error(&many, 422, "usage", "points must be from 2 to");
}

#[tokio::test]
async fn matrices_are_the_command_lines_with_values() {
    let server = Server::start(&[]);
    for (kind, flag, expr) in [
        ("gradient", "--grad", "x^2*y + abs(x)"),
        ("hessian", "--hessian", "sin(x*y)"),
        ("jacobian", "--jacobian", "[2*x^2, x*sqrt(y)]"),
    ] {
        let cli = cli_json(&[flag, expr, "--format", "json"]);
        let answer = server
            .ok("/api/matrix", json!({"kind": kind, "expression": expr}))
            .await;
        assert_eq!(answer["rows"], cli["rows"], "{kind} of {expr}");
        assert_eq!(answer["variables"], json!(["x", "y"]));
    }
    let at = server
        .ok(
            "/api/matrix",
            json!({"kind": "hessian", "expression": "sin(x*y)", "at": {"x": 1, "y": "pi/2"}}),
        )
        .await;
    let cli = cli_json(&[
        "--hessian",
        "sin(x*y)",
        "--at",
        "x=1,y=pi/2",
        "--format",
        "json",
    ]);
    assert_eq!(at["value"]["rows"], cli["rows"]);
    assert_eq!(at["value"]["at"], cli["at"]);

    let corner = server
        .ok(
            "/api/matrix",
            json!({"kind": "gradient", "expression": "x^2*y + abs(x)", "at": {"x": 0, "y": 1}}),
        )
        .await;
    assert_eq!(
        corner["value"]["error"],
        "not differentiable at x = 0, y = 1 (needs x ≠ 0)"
    );

    let scalar = server
        .post(
            "/api/matrix",
            json!({"kind": "jacobian", "expression": "x*y"}),
        )
        .await;
    assert_error(&scalar, 422, "syntax", "expected a vector");
    let missing = server
        .post(
            "/api/matrix",
            json!({"kind": "gradient", "expression": "x*y", "at": {"x": 1}}),
        )
        .await;
    assert_error(&missing, 422, "usage", "no value for y");
    let unknown = server
        .post(
            "/api/matrix",
            json!({"kind": "laplacian", "expression": "x"}),
        )
        .await;
    assert_error(&unknown, 400, "request", "unknown variant `laplacian`");
}

#[tokio::test]
async fn check_gives_the_engines_verdict() {
    let server = Server::start(&[]);
    let right = server
        .ok(
            "/api/check",
            json!({"expression": "x^x", "answer": "x^x*ln(x) + x^x"}),
        )
        .await;
    assert_eq!(right["equal"], true);
    assert_eq!(right["verdict"], "equal");
    assert_eq!(right["derivative"], "x^x*(ln(x) + 1)");

    let wrong = server
        .ok(
            "/api/check",
            json!({"expression": "x^x", "answer": "x^x*ln(x)"}),
        )
        .await;
    assert_eq!(wrong["equal"], false);
    assert_eq!(wrong["verdict"], "not equal");
    let x = wrong["point"]["x"]
        .as_f64()
        .expect("the point where they differ");
    let (expected, answer) = (
        wrong["expected"].as_f64().unwrap(),
        wrong["answer"].as_f64().unwrap(),
    );
    assert!((expected - x.powf(x) * (x.ln() + 1.0)).abs() < 1e-12);
    assert!((answer - x.powf(x) * x.ln()).abs() < 1e-12);
    assert!(wrong["message"]
        .as_str()
        .unwrap()
        .starts_with("not equal: at x = "));

    // The same verdict as the command line's --check.
    let cli = symdiff(&[
        "x^2*y^3", "x", "y", "--check", "6*x*y^2", "--format", "json",
    ]);
    let cli: Value = serde_json::from_str(&common::stdout(&cli)).expect("JSON");
    let mixed = server
        .ok(
            "/api/check",
            json!({"expression": "x^2*y^3", "variables": ["x", "y"], "answer": "6*x*y^2"}),
        )
        .await;
    assert_eq!(mixed["equal"], cli["equal"]);
    assert_eq!(mixed["equal"], true);

    let bad = server
        .post(
            "/api/check",
            json!({"expression": "x^2", "answer": "2*x +"}),
        )
        .await;
    assert_error(&bad, 422, "syntax", "ends too early");
    assert_eq!(bad.1["field"], "answer");
    assert_eq!(span(&bad.1), (5, 5));
}

#[tokio::test]
async fn bad_requests_are_4xx_json() {
    let server = Server::start(&[]);
    let cut = server
        .post_bytes("/api/derivative", b"{\"expression\": \"x".to_vec())
        .await;
    assert_error(&cut, 400, "request", "EOF while parsing");
    let utf8 = server
        .post_bytes("/api/derivative", b"{\"expression\": \"x\xff\"}".to_vec())
        .await;
    assert_error(&utf8, 400, "request", "not valid UTF-8");
    assert_eq!(span(&utf8.1), (17, 18)); // the byte 0xff
    let huge = server
        // Just over the 64 KiB limit: the server answers 413 without reading
        // the body and closes, so a body much larger than the socket buffers
        // would fail the client's write (a broken pipe) before the answer.
        .post_bytes("/api/derivative", vec![b' '; 64 * 1024 + 1])
        .await;
    assert_error(&huge, 413, "too_large", "length limit exceeded");
    // The unread rest of the body leaves the connection unusable: said so.
    let closed = server
        .client
        .post(format!("{}/api/parse", server.url))
        .body(vec![b' '; 100_000])
        .send()
        .await
        .unwrap();
    assert_eq!(closed.headers()["connection"], "close");
    let missing = server
        .post("/api/derivative", json!({"variables": ["x"]}))
        .await;
    assert_error(&missing, 400, "request", "missing field `expression`");
    let unknown = server
        .post("/api/derivative", json!({"expression": "x", "ordre": 2}))
        .await;
    assert_error(&unknown, 400, "request", "unknown field `ordre`");
    let negative = server
        .post("/api/derivative", json!({"expression": "x", "order": -1}))
        .await;
    assert_error(&negative, 400, "request", "invalid value");
    let several = server
        .post("/api/derivative", json!({"expression": "x*y"}))
        .await;
    assert_error(&several, 422, "usage", "several variables (x, y)");
    let bad_name = server
        .post(
            "/api/derivative",
            json!({"expression": "x", "variables": ["2x"]}),
        )
        .await;
    assert_error(&bad_name, 422, "usage", "'2x' is not a variable name");

    let nowhere = server
        .client
        .get(format!("{}/api/nothing", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(nowhere.status().as_u16(), 404);
    let body: Value = nowhere.json().await.unwrap();
    assert_eq!(body["kind"], "not_found");
}

#[tokio::test]
async fn limits_are_4xx_json_with_the_message() {
    let server = Server::start(&[]);
    let long = "x+".repeat(6000) + "x";
    let answer = server
        .post("/api/derivative", json!({"expression": long}))
        .await;
    assert_error(&answer, 422, "limit", "over the limit of 10000");

    let deep = "(".repeat(1000) + "x" + &")".repeat(1000);
    let answer = server.post("/api/parse", json!({"expression": deep})).await;
    assert_error(
        &answer,
        422,
        "limit",
        "nesting is deeper than the limit of 500",
    );
    assert!(span(&answer.1).0 >= 500, "the span points into the nesting");

    // Just over the 64 KiB body limit (see bad_requests_are_4xx_json).
    let calls = "sin(".repeat(13_200) + "x" + &")".repeat(13_200);
    let answer = server
        .post("/api/derivative", json!({"expression": calls}))
        .await;
    assert_error(&answer, 413, "too_large", "length limit exceeded");

    let answer = server
        .post(
            "/api/derivative",
            json!({"expression": "x^2", "order": 1_000_000_000}),
        )
        .await;
    assert_error(
        &answer,
        422,
        "limit",
        "derivative order 1000000000 is over the limit of 20",
    );
    let answer = server
        .post(
            "/api/derivative",
            json!({"expression": "x*y", "variables": ["x", "y"], "order": 11}),
        )
        .await;
    assert_error(
        &answer,
        422,
        "limit",
        "derivative order 22 is over the limit of 20",
    );

    let answer = server
        .post(
            "/api/derivative",
            json!({"expression": "x^x^x^x", "order": 20}),
        )
        .await;
    assert_error(&answer, 422, "limit", "grew past the limit of 200000 nodes");

    let answer = server
        .post("/api/parse", json!({"expression": "9".repeat(3000)}))
        .await;
    assert_error(&answer, 422, "limit", "number too large");
}

#[tokio::test]
async fn past_the_time_budget_is_a_timeout_answer_and_the_server_goes_on() {
    let server = Server::start(&["--budget-ms", "1"]);
    let answer = server
        .post(
            "/api/derivative",
            json!({"expression": "x^x^x^x", "order": 20}),
        )
        .await;
    assert_error(
        &answer,
        422,
        "timeout",
        "longer than the time budget of 1 ms",
    );
    // The page itself needs no computation and is still served.
    let page = server
        .client
        .get(format!("{}/", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
}

#[tokio::test]
async fn concurrent_requests_each_get_their_own_answer() {
    let server = std::sync::Arc::new(Server::start(&[]));
    // A slow request first: the others are answered while it works.
    let slow = {
        let server = std::sync::Arc::clone(&server);
        tokio::spawn(async move {
            server
                .post(
                    "/api/derivative",
                    json!({"expression": "x^x^x^x", "order": 20}),
                )
                .await
        })
    };
    let tasks: Vec<_> = (1..=40)
        .map(|n| {
            let server = std::sync::Arc::clone(&server);
            tokio::spawn(async move {
                let expr = format!("x^{n}");
                let answer = server
                    .ok("/api/derivative", json!({"expression": expr}))
                    .await;
                (n, answer["derivative"].as_str().unwrap().to_string())
            })
        })
        .collect();
    for task in tasks {
        let (n, derivative) = task.await.unwrap();
        let expected = match n {
            1 => "1".to_string(),
            2 => "2*x".to_string(),
            n => format!("{n}*x^{}", n - 1),
        };
        assert_eq!(derivative, expected);
    }
    assert!(
        !slow.is_finished(),
        "the quick requests waited for the slow one"
    );
    assert_error(&slow.await.unwrap(), 422, "limit", "grew past the limit");
}

#[tokio::test]
async fn the_page_and_its_files_are_built_in() {
    let server = Server::start(&[]);
    let get = |path: &str| server.client.get(format!("{}{path}", server.url)).send();
    let page = get("/?expression=x%5Ex&variables=x&order=1&steps=1")
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let html = page.text().await.unwrap();
    assert!(html.contains("<title>symdiff"));
    for (path, kind) in [
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/app.css", "text/css; charset=utf-8"),
        (
            "/assets/katex/katex.min.js",
            "text/javascript; charset=utf-8",
        ),
        ("/assets/katex/fonts/KaTeX_Main-Regular.woff2", "font/woff2"),
    ] {
        let response = get(path).await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "{path}");
        assert_eq!(response.headers()["content-type"], kind, "{path}");
        assert!(
            html.contains(path) || path.ends_with(".woff2"),
            "the page loads {path}"
        );
    }
    assert_eq!(
        get("/assets/missing.js").await.unwrap().status().as_u16(),
        404
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start(&[]);
    let stopped = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(stopped.success());
    let status = server.child.wait().expect("the server ends");
    assert!(status.success(), "{status}");
    let mut rest = String::new();
    std::io::Read::read_to_string(server.child.stdout.as_mut().unwrap(), &mut rest).unwrap();
    assert_eq!(rest, "symdiff serve: stopped\n");
}

#[test]
fn a_taken_port_is_an_error() {
    let server = Server::start(&[]);
    let port = server.url.rsplit(':').next().unwrap();
    let out = symdiff(&["serve", "--port", port]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).starts_with(&format!("error: cannot listen on 127.0.0.1:{port}")));
}
