//! `POST /auth/v1/token`: a correctly signed assertion gets a token; every way of getting
//! it wrong is refused and recorded.

use std::time::Duration;

use c1_sim::{C1SimConfig, TokenOutcome};
use serde_json::{Value, json};

use crate::support::{Assertion, TOKEN_USER_AGENT, https, sim, start, token_request};

/// The status and `error_description` of a refused request.
async fn refused(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("a JSON error body");
    let description = body["error_description"].as_str().unwrap_or_default();
    (status, description.to_owned())
}

#[tokio::test]
async fn assertion_signed_as_the_sdk_signs_it_gets_a_token_with_the_configured_lifetime() {
    let sim = start(C1SimConfig::default().token_ttl(Duration::from_secs(5))).await;
    let response = token_request(&sim, &Assertion::of(&sim).sign(), &[]).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 5);
    assert!(!body["access_token"].as_str().unwrap_or_default().is_empty());
    let requests = sim.token_requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].outcome, TokenOutcome::Issued);
    assert_eq!(requests[0].user_agent.as_deref(), Some(TOKEN_USER_AGENT));
    assert_eq!(sim.counters().tokens_issued, 1);
}

#[tokio::test]
async fn assertion_signed_by_another_key_is_refused() {
    let sim = sim().await;
    let forged = Assertion::of(&sim).with_key_seed([9; 32]).sign();
    let (status, description) = refused(token_request(&sim, &forged, &[]).await).await;
    assert_eq!(status, 401);
    assert_eq!(
        description,
        "assertion signature does not verify with the client's key"
    );
}

#[tokio::test]
async fn assertion_for_another_audience_is_refused() {
    let sim = sim().await;
    let with_port = sim.addr().to_string();
    for aud in [json!(with_port), json!(["127.0.0.1"]), json!("localhost")] {
        let mut assertion = Assertion::of(&sim);
        assertion.claims["aud"] = aud.clone();
        let (status, description) =
            refused(token_request(&sim, &assertion.sign(), &[]).await).await;
        assert_eq!(status, 401, "{aud}");
        assert!(description.starts_with("assertion aud is"), "{description}");
    }
    assert_eq!(sim.counters().tokens_issued, 0);
}

#[tokio::test]
async fn assertion_naming_only_the_client_name_is_refused() {
    let sim = sim().await;
    let mut assertion = Assertion::of(&sim);
    assertion.claims["iss"] = json!("c1-sim");
    let (status, description) = refused(token_request(&sim, &assertion.sign(), &[]).await).await;
    assert_eq!(
        (status, description.as_str()),
        (401, "assertion iss is \"c1-sim\", expected the client id")
    );
}

#[tokio::test]
async fn reused_nonce_is_refused() {
    let sim = sim().await;
    let assertion = Assertion::of(&sim);
    assert_eq!(
        token_request(&sim, &assertion.sign(), &[]).await.status(),
        200
    );
    let (status, description) = refused(token_request(&sim, &assertion.sign(), &[]).await).await;
    assert_eq!(
        (status, description.as_str()),
        (401, "assertion nonce was already used")
    );
    // A fresh nonce works again.
    assert_eq!(
        token_request(&sim, &Assertion::of(&sim).sign(), &[])
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn expired_assertion_is_refused() {
    let sim = sim().await;
    let mut assertion = Assertion::of(&sim);
    let exp = assertion.claims["iat"].as_i64().unwrap_or_default() - 600;
    assertion.claims["exp"] = json!(exp);
    let (status, description) = refused(token_request(&sim, &assertion.sign(), &[]).await).await;
    assert_eq!(status, 401);
    assert!(
        description.starts_with("assertion expired at"),
        "{description}"
    );
}

#[tokio::test]
async fn form_fields_other_than_the_sdks_are_refused() {
    let sim = sim().await;
    let cases: [(&str, &str, u16, &str); 3] = [
        ("grant_type", "password", 400, "unsupported_grant_type"),
        ("client_assertion_type", "urn:other", 400, "invalid_request"),
        ("client_id", "someone@127.0.0.1/pcc", 401, "invalid_client"),
    ];
    for (field, value, expected_status, expected_error) in cases {
        let response = token_request(&sim, &Assertion::of(&sim).sign(), &[(field, value)]).await;
        assert_eq!(response.status().as_u16(), expected_status, "{field}");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["error"], expected_error, "{field}");
    }
}

#[tokio::test]
async fn token_endpoint_answers_the_status_it_is_told_until_told_otherwise() {
    let sim = sim().await;
    sim.set_token_endpoint_status(Some(401));
    let response = token_request(&sim, &Assertion::of(&sim).sign(), &[]).await;
    assert_eq!(response.status(), 401);
    sim.set_token_endpoint_status(None);
    let response = token_request(&sim, &Assertion::of(&sim).sign(), &[]).await;
    assert_eq!(response.status(), 200);
    let outcomes: Vec<_> = sim
        .token_requests()
        .into_iter()
        .map(|r| r.outcome)
        .collect();
    assert!(matches!(
        outcomes[0],
        TokenOutcome::Refused { status: 401, .. }
    ));
    assert_eq!(outcomes[1], TokenOutcome::Issued);
}

#[tokio::test]
async fn certificate_is_valid_for_localhost_speaks_both_http_versions_and_is_untrusted_without_the_ca()
 {
    let sim = sim().await;
    let by_name = format!("https://localhost:{}/auth/v1/token", sim.addr().port());
    let response = https(&sim)
        .post(by_name)
        .send()
        .await
        .expect("TLS to localhost works");
    assert_eq!(response.status(), 400, "an empty form is a bad request");

    let ca = reqwest::Certificate::from_pem(sim.ca_pem().as_bytes()).expect("PEM");
    let http1 = reqwest::Client::builder()
        .tls_certs_only([ca])
        .http1_only()
        .build()
        .expect("client");
    let response = http1
        .post(sim.token_url())
        .send()
        .await
        .expect("HTTP/1.1 works too");
    assert_eq!(response.version(), reqwest::Version::HTTP_11);
    assert_eq!(response.status(), 400);

    let pem = std::fs::read_to_string(sim.ca_pem_path()).expect("the CA file");
    assert_eq!(pem, sim.ca_pem());

    let system_roots_only = reqwest::Client::new();
    assert!(
        system_roots_only
            .post(sim.token_url())
            .send()
            .await
            .is_err()
    );
    sim.wait_until("a failed TLS handshake", crate::support::PATIENCE, |sim| {
        (sim.counters().tls_failures == 1).then_some(())
    })
    .await
    .expect("the failed handshake is counted");
}
