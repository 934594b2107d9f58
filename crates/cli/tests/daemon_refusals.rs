//! Self-hosted mode refused: a malformed client id or secret, a key that is not Ed25519, a
//! secret ConductorOne does not know, a certificate nobody trusts and a token endpoint that
//! answers 401 each end the process with one line naming the fix, nothing secret in it, and
//! a non-zero exit; the malformed ones before any network traffic.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::support::daemon::{SelfHosted, quick_c1, small_zoom};

/// A client secret in ConductorOne's form carrying `jwk`.
fn secret_with(jwk: &str) -> String {
    format!(
        "secret-token:conductorone.com:v1:{}",
        URL_SAFE_NO_PAD.encode(jwk)
    )
}

/// Runs the daemon with `client_id` and `secret` (the simulator's own when `None`) and
/// returns its error line, checking that it is the only one, that the exit failed and that
/// `secret` appears nowhere on stderr.
async fn refused(
    setup: &SelfHosted,
    client_id: Option<&str>,
    secret: Option<&str>,
    trust_ca: bool,
) -> String {
    let mut command = setup.command(&[]);
    if let Some(client_id) = client_id {
        command.env("BATON_CLIENT_ID", client_id);
    }
    let secret = secret.map_or_else(|| setup.c1.client_secret(), str::to_owned);
    command.env("BATON_CLIENT_SECRET", &secret);
    if !trust_ca {
        command.env_remove("SSL_CERT_FILE");
    }
    let (status, stderr) = setup.spawn(command).exit().await;
    assert!(!status.success(), "the daemon must not run: {stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    let jwk_part = secret.rsplit(':').next().unwrap_or_default();
    assert!(
        !stderr.contains(jwk_part),
        "the secret leaked into stderr: {stderr}"
    );
    errors[0].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_credentials_are_refused_before_any_network_traffic() {
    let setup = SelfHosted::start(quick_c1(), small_zoom(31)).await;

    let line = refused(&setup, Some("no-at-sign"), None, true).await;
    assert!(line.starts_with("error: invalid client id"), "{line}");

    let wrong_version = setup.c1.client_secret().replace(":v1:", ":v2:");
    let line = refused(&setup, None, Some(&wrong_version), true).await;
    assert!(line.starts_with("error: invalid client secret"), "{line}");

    let not_base64 = "secret-token:conductorone.com:v1:!!not base64!!";
    let line = refused(&setup, None, Some(not_base64), true).await;
    assert!(line.starts_with("error: invalid client secret"), "{line}");

    let p256 = secret_with(
        r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#,
    );
    let line = refused(&setup, None, Some(&p256), true).await;
    assert!(line.starts_with("error: invalid client secret"), "{line}");
    assert!(line.contains("Ed25519"), "{line}");

    assert_eq!(setup.c1.token_requests(), vec![], "no token was asked for");
    assert_eq!(
        setup.c1.counters().rpcs(),
        0,
        "no call reached ConductorOne"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_conductorone_does_not_know_and_a_token_endpoint_401_are_refused() {
    let setup = SelfHosted::start(quick_c1(), small_zoom(32)).await;

    // Well formed, but another key: ConductorOne cannot verify the assertion.
    let stranger = secret_with(&format!(
        r#"{{"kty":"OKP","crv":"Ed25519","d":"{}"}}"#,
        URL_SAFE_NO_PAD.encode([7u8; 32])
    ));
    let line = refused(&setup, None, Some(&stranger), true).await;
    assert!(line.contains("refused the client credentials"), "{line}");
    assert!(line.contains("--client-secret"), "{line}");

    setup.c1.set_token_endpoint_status(Some(401));
    let line = refused(&setup, None, None, true).await;
    assert!(line.contains("401"), "{line}");
    assert!(line.contains("--client-id and --client-secret"), "{line}");
    assert_eq!(setup.c1.counters().rpcs(), 0, "no call went past the token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_server_certificate_names_ssl_cert_file() {
    let setup = SelfHosted::start(quick_c1(), small_zoom(33)).await;
    let line = refused(&setup, None, None, false).await;
    assert!(line.contains("not trusted"), "{line}");
    assert!(line.contains("SSL_CERT_FILE"), "{line}");
    assert_eq!(setup.c1.token_requests(), vec![], "TLS failed first");
}
