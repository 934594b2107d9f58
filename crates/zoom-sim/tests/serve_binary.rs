//! `zoom-sim serve` prints one JSON object with URLs and credentials on its first stdout line,
//! and those credentials work.

use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStdout, Command, Stdio};

use serde_json::Value;

/// A `zoom-sim serve` process, its first line read, the rest of its stdout still open.
struct Served {
    child: Child,
    ready: Value,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Served {
    fn start(args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zoom-sim"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("a first line").expect("readable");
        let ready = serde_json::from_str(&first).expect("the first line is one JSON object");
        Served {
            child,
            ready,
            lines,
        }
    }

    fn field(&self, name: &str) -> String {
        self.ready[name]
            .as_str()
            .unwrap_or_else(|| panic!("{name} in {}", self.ready))
            .to_owned()
    }

    /// The next line of the summary.
    fn line(&mut self) -> String {
        self.lines.next().expect("a line").expect("readable")
    }

    /// The token answer for the app named by the `id` and `secret` fields of the first line.
    async fn token(&self, http: &reqwest::Client, id: &str, secret: &str) -> Value {
        http.post(self.field("oauth_url"))
            .basic_auth(self.field(id), Some(self.field(secret)))
            .form(&[
                ("grant_type", "account_credentials".to_owned()),
                ("account_id", self.field("account_id")),
            ])
            .send()
            .await
            .expect("answered")
            .json::<Value>()
            .await
            .expect("JSON")
    }

    /// `GET {api_url}{path}` with `token`.
    async fn get(&self, http: &reqwest::Client, path: &str, token: &Value) -> reqwest::Response {
        http.get(format!("{}{path}", self.field("api_url")))
            .bearer_auth(token["access_token"].as_str().expect("token"))
            .send()
            .await
            .expect("answered")
    }

    fn stop(mut self) {
        self.child.kill().expect("the server stops");
        self.child.wait().expect("the server is reaped");
    }
}

#[tokio::test]
async fn serve_prints_working_credentials_on_its_first_line() {
    let mut served = Served::start(&["--preset", "small", "--seed", "5", "--token-ttl", "600"]);
    let summary = served.line();
    assert!(summary.contains("zoom-sim serving account"), "{summary}");
    let http = reqwest::Client::new();
    let full = served.token(&http, "client_id", "client_secret").await;
    assert_eq!(full["expires_in"], 600);
    let read_only = served
        .token(&http, "read_only_client_id", "read_only_client_secret")
        .await;
    let scopes = read_only["scope"].as_str().expect("scope");
    assert!(
        scopes.contains("user:read:list_users:admin") && !scopes.contains("write"),
        "{scopes}"
    );
    assert_eq!(served.get(&http, "/users", &full).await.status(), 200);
    served.stop();
}

#[tokio::test]
async fn serve_sets_the_printed_apps_scopes_plan_and_limits() {
    let mut served = Served::start(&[
        "--scopes",
        "conductorone",
        "--plan",
        "business-plus",
        "--rate-limits",
        "medium=120,heavy=50",
    ]);
    // Read on while the server runs: it may still be writing its summary.
    let limits = std::iter::repeat_with(|| served.line())
        .find(|line| line.contains("rate limits"))
        .expect("the summary names the rate limits");
    assert!(
        limits.contains("business-plus plan: light 80/s, medium 120/s, heavy 50/s"),
        "{limits}"
    );
    assert_eq!(
        served.ready["scopes"].as_array().map(Vec::len),
        Some(15),
        "{}",
        served.ready
    );
    let http = reqwest::Client::new();
    let token = served.token(&http, "client_id", "client_secret").await;
    let scopes = token["scope"].as_str().expect("scope");
    assert!(
        scopes.contains("contact_group:read:list_groups:admin"),
        "{scopes}"
    );
    assert!(
        !scopes.contains("contact_group:read:list_members:admin"),
        "{scopes}"
    );
    let groups = served.get(&http, "/groups", &token).await;
    assert_eq!(groups.status(), 200);
    assert_eq!(
        groups
            .headers()
            .get("x-ratelimit-limit")
            .and_then(|v| v.to_str().ok()),
        Some("120")
    );
    served.stop();
}
