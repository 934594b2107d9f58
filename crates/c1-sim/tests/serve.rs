//! `c1-sim serve` prints one JSON object with the address, the credentials and the CA file
//! on its first stdout line; those credentials get a token, its preset task is handed out,
//! and tasks can be queued over `/_sim/tasks` while it runs.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use c1_proto::baton::TaskType;
use serde_json::Value;
use tonic::transport::{Certificate, Channel, ClientTlsConfig};

use crate::support::{Assertion, HOST_ID, token_form};

/// Kills the child when the test ends, passing or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends `request` and reads its JSON answer.
async fn json(request: reqwest::RequestBuilder) -> Value {
    let response = request.send().await.expect("answered");
    response.json().await.expect("a JSON answer")
}

#[tokio::test]
async fn serve_prints_working_credentials_and_serves_its_preset_tasks() {
    // The CA goes into the test's own folder: a killed process cannot remove a temporary one.
    let dir = tempfile::tempdir().expect("temp dir");
    let ca_file = dir.path().join("ca.pem");
    let mut child = Command::new(env!("CARGO_BIN_EXE_c1-sim"))
        .args([
            "serve",
            "--tasks",
            "sync",
            "--token-ttl",
            "5",
            "--next-poll-ms",
            "200",
        ])
        .arg("--ca-file")
        .arg(&ca_file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let _running = Running(child);
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a first line").expect("readable");
    let ready: Value = serde_json::from_str(&first).expect("the first line is one JSON object");
    let summary = lines.next().expect("a summary line").expect("readable");
    assert!(summary.contains("c1-sim serving ConductorOne"), "{summary}");
    let field = |name: &str| {
        ready[name]
            .as_str()
            .unwrap_or_else(|| panic!("{name} in {first}"))
            .to_owned()
    };

    assert_eq!(field("ca_file"), ca_file.display().to_string());
    let ca = std::fs::read_to_string(&ca_file).expect("the CA file exists");
    let http = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(ca.as_bytes()).expect("PEM")])
        .build()
        .expect("client");
    let assertion = Assertion::new(&field("client_id"), &field("client_secret")).sign();
    let form = token_form(&field("client_id"), &assertion);
    let token = json(http.post(field("token_url")).form(&form)).await;
    assert_eq!(token["expires_in"], 5);
    let access_token = token["access_token"].as_str().expect("a token");

    let channel = Channel::from_shared(field("url"))
        .expect("URL")
        .tls_config(ClientTlsConfig::new().ca_certificate(Certificate::from_pem(&ca)))
        .expect("TLS")
        .connect_lazy();
    let mut client = crate::support::Baton::over(channel).with_token(access_token);
    let reply = client.get_task(HOST_ID).await.expect("served");
    let task = reply.task.expect("the preset's task");
    assert!(matches!(task.task_type, Some(TaskType::SyncFull(_))));

    let script = r#"[{"kind":"delete_resource","resource":"user:U1"}]"#;
    let queued = json(
        http.post(format!("{}/_sim/tasks", field("url")))
            .body(script),
    )
    .await;
    let id = queued["ids"][0].as_str().expect("an id").to_owned();
    let reply = client.get_task(HOST_ID).await.expect("served");
    assert_eq!(reply.task.map(|t| t.id), Some(id.clone()));
    let history = json(http.get(format!("{}/_sim/tasks/{id}", field("url")))).await;
    assert_eq!(history["kind"], "delete_resource");
    assert_eq!(history["handed_out"].as_array().map(Vec::len), Some(1));
    let counters = json(http.get(format!("{}/_sim/counters", field("url")))).await;
    assert_eq!(counters["get_task"], 2);
    assert_eq!(counters["tokens_issued"], 1);
}
