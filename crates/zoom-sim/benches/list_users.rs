//! Throughput of `GET /users` with latency and rate limits off: how many pages a second the
//! simulator serves, so it is never the bottleneck of a client benchmark.
//!
//! Run: `cargo bench -p zoom-sim --bench list_users` (optionally `-- SECONDS CONCURRENCY`).
//! Client and server share the machine: the figure includes the cost of the HTTP client.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use zoom_sim::{Preset, RateLimitMode, SimConfig, Simulator};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with('-'));
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime starts");
    runtime.block_on(run(Duration::from_secs(seconds), concurrency));
}

async fn run(duration: Duration, concurrency: usize) {
    let config = SimConfig::preset(Preset::Medium)
        .seed(7)
        .rate_limits(RateLimitMode::Off);
    let sim = Simulator::start(config)
        .await
        .expect("the simulator starts");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .expect("an HTTP client builds");
    let creds = sim.credentials();
    let grant: serde_json::Value = http
        .post(sim.oauth_url())
        .basic_auth(&creds.client_id, Some(&creds.client_secret))
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", sim.account_id()),
        ])
        .send()
        .await
        .expect("token request answered")
        .json()
        .await
        .expect("token JSON");
    let token: Arc<str> = Arc::from(grant["access_token"].as_str().expect("access_token"));
    println!(
        "zoom-sim list-users throughput: medium account (10,000 users), {concurrency} concurrent clients, {} s per size",
        duration.as_secs()
    );
    for page_size in [30, 300] {
        // Warm the per-user row cache once, as any second listing would find it.
        measure(
            &http,
            &sim.api_url(),
            &token,
            page_size,
            Duration::from_millis(500),
            concurrency,
        )
        .await;
        let (pages, bytes, elapsed) = measure(
            &http,
            &sim.api_url(),
            &token,
            page_size,
            duration,
            concurrency,
        )
        .await;
        let rate = pages as f64 / elapsed.as_secs_f64();
        println!(
            "page_size {page_size:>3}: {pages:>7} pages in {:.2} s = {rate:>8.0} pages/s ({:.0} users/s, {:.0} MB/s)",
            elapsed.as_secs_f64(),
            rate * page_size as f64,
            bytes as f64 / elapsed.as_secs_f64() / 1e6,
        );
    }
    sim.shutdown().await;
}

/// The page's `next_page_token`, found without parsing the whole page so that the client's
/// share of the CPU stays small (the token is base64url: no escapes to handle).
fn next_page_token(body: &[u8]) -> String {
    let text = std::str::from_utf8(body).expect("pages are UTF-8");
    let key = r#""next_page_token":""#;
    let start = text.find(key).expect("pages carry next_page_token") + key.len();
    let end = text[start..].find('"').expect("the token string is closed");
    text[start..start + end].to_owned()
}

async fn measure(
    http: &reqwest::Client,
    api_url: &str,
    token: &Arc<str>,
    page_size: usize,
    duration: Duration,
    concurrency: usize,
) -> (u64, u64, Duration) {
    let pages = Arc::new(AtomicU64::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (http, token) = (http.clone(), Arc::clone(token));
            let (pages, bytes) = (Arc::clone(&pages), Arc::clone(&bytes));
            let url = format!("{api_url}/users?page_size={page_size}");
            tokio::spawn(async move {
                let mut next = String::new();
                while start.elapsed() < duration {
                    let body = http
                        .get(format!("{url}&next_page_token={next}"))
                        .bearer_auth(&*token)
                        .send()
                        .await
                        .expect("page answered")
                        .bytes()
                        .await
                        .expect("page body");
                    next = next_page_token(&body);
                    pages.fetch_add(1, Ordering::Relaxed);
                    bytes.fetch_add(body.len() as u64, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker finished");
    }
    (
        pages.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed),
        start.elapsed(),
    )
}
