//! No client secret or access token appears in any log line, error text or Debug output,
//! across failing and succeeding runs, with every log level on.

use std::io;
use std::process::Command;
use std::sync::{Arc, Mutex, PoisonError};

use base64::Engine;
use secrecy::SecretString;
use zoom_api::{Client, StartAt};
use zoom_sim::{Faults, Preset, SimConfig};

use crate::support;

/// Every access token the simulator issues starts with this JWT header part.
const SIM_TOKEN_PREFIX: &str = "eyJzdiI6IjAwMDAwMiIsImFsZyI6IkhTNTEyIiwidiI6IjIuMCJ9";

/// A log sink that keeps everything written to it.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}

/// Set in the child process that runs the check with a global log subscriber.
const CHILD: &str = "ZOOM_API_SECRETS_CHILD";

/// The check runs in a child process of this test binary: its logs are captured by a global
/// subscriber, which sees everything the client and its HTTP stack log on any thread, and
/// which must not also catch (or be missed by) the other tests of the binary.
#[test]
fn no_secret_or_token_appears_in_logs_or_errors() {
    let child = "secrets::child_logs_and_errors_hold_no_secret";
    let output = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args([child, "--exact", "--ignored", "--nocapture"])
        .env(CHILD, "1")
        .output()
        .expect("the child test runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "child process of no_secret_or_token_appears_in_logs_or_errors"]
async fn child_logs_and_errors_hold_no_secret() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let capture = Capture::default();
    let sink = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        // Everything this client and its HTTP stack log; the simulator's own logs are not
        // the client's output.
        .with_env_filter(tracing_subscriber::EnvFilter::new("trace,zoom_sim=off"))
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");

    let sim = support::start(SimConfig::preset(Preset::Small).seed(71)).await;
    let secret = sim.credentials().client_secret.clone();
    let wrong_secret = "wrong-but-still-secret-0123456789".to_owned();
    let mut texts: Vec<String> = Vec::new();

    // Failing run: wrong secret.
    let mut config = support::config(&sim);
    config.client_secret = SecretString::from(wrong_secret.clone());
    texts.push(format!("{config:?}"));
    let client = Client::new(config).expect("valid configuration");
    let err = client.groups().get("any").await.expect_err("refused");
    texts.push(format!("{err} {err:?}"));

    // Failing run: a token without the needed scope.
    let app = sim.add_app(["group:read:admin"]);
    let client = Client::new(support::config_with(&sim, &app)).expect("valid configuration");
    let err = support::rows(client.roles().list())
        .await
        .expect_err("missing scope");
    texts.push(format!("{err} {err:?}"));

    // Succeeding run through revoked tokens, server errors and resets.
    let client = support::client(&sim);
    texts.push(format!("{client:?}"));
    support::rows(client.groups().list(StartAt::Beginning))
        .await
        .expect("groups");
    sim.revoke_tokens();
    sim.set_faults(Faults {
        seed: 71,
        server_error_rate: 0.2,
        reset_rate: 0.05,
        ..Faults::default()
    });
    support::assert_full_listing_matches(&client, &sim.ground_truth()).await;
    sim.set_faults(Faults::default());
    // Failing run: a fresh token still refused (the app is disabled after the token).
    let user_id = sim.ground_truth().users[0].id.clone();
    sim.set_app_enabled(&sim.credentials().client_id, false);
    sim.revoke_tokens();
    let err = client
        .users()
        .get(&user_id)
        .await
        .expect_err("app disabled");
    texts.push(format!("{err} {err:?}"));

    let logs = capture.text();
    assert!(logs.contains("zoom answered"), "debug logs were captured");
    assert!(
        logs.contains("tracking_id="),
        "responses are logged with their tracking id"
    );
    let stats = client.stats();
    assert!(
        stats.token_rejections >= 1 && stats.retries >= 1,
        "{stats:?}"
    );

    let basic = |s: &str| {
        base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{s}", sim.credentials().client_id))
    };
    let needles = [
        secret.clone(),
        wrong_secret.clone(),
        app.client_secret.clone(),
        basic(&secret),
        basic(&wrong_secret),
        SIM_TOKEN_PREFIX.to_owned(),
    ];
    for needle in &needles {
        for (i, line) in logs.lines().enumerate() {
            assert!(
                !line.contains(needle.as_str()),
                "log line {i} leaks a secret: {line}"
            );
        }
        for text in &texts {
            assert!(
                !text.contains(needle.as_str()),
                "error text leaks a secret: {text}"
            );
        }
    }
}
