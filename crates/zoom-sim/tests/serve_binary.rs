//! `zoom-sim serve` prints one JSON object with URLs and credentials on its first stdout line,
//! and those credentials work.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

#[tokio::test]
async fn serve_prints_working_credentials_on_its_first_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zoom-sim"))
        .args([
            "serve",
            "--preset",
            "small",
            "--seed",
            "5",
            "--addr",
            "127.0.0.1:0",
            "--token-ttl",
            "600",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a first line").expect("readable");
    let ready: Value = serde_json::from_str(&first).expect("the first line is one JSON object");
    let summary = lines.next().expect("a summary line").expect("readable");
    assert!(summary.contains("zoom-sim serving account"), "{summary}");

    let field = |name: &str| {
        ready[name]
            .as_str()
            .unwrap_or_else(|| panic!("{name} in {first}"))
            .to_owned()
    };
    let http = reqwest::Client::new();
    let token_for = |id: String, secret: String| {
        let request = http
            .post(field("oauth_url"))
            .basic_auth(id, Some(secret))
            .form(&[
                ("grant_type", "account_credentials".to_owned()),
                ("account_id", field("account_id")),
            ]);
        async move {
            request
                .send()
                .await
                .expect("answered")
                .json::<Value>()
                .await
                .expect("JSON")
        }
    };
    let full = token_for(field("client_id"), field("client_secret")).await;
    assert_eq!(full["expires_in"], 600);
    let read_only = token_for(
        field("read_only_client_id"),
        field("read_only_client_secret"),
    )
    .await;
    let scopes = read_only["scope"].as_str().expect("scope");
    assert!(
        scopes.contains("user:read:list_users:admin") && !scopes.contains("write"),
        "{scopes}"
    );

    let users = http
        .get(format!("{}/users", field("api_url")))
        .bearer_auth(full["access_token"].as_str().expect("token"))
        .send()
        .await
        .expect("answered");
    assert_eq!(users.status(), 200);
    child.kill().expect("the server stops");
    child.wait().expect("the server is reaped");
}
