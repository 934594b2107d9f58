//! What every test needs: a simulator, client assertions signed the way the Go SDK signs
//! them (with knobs to get them wrong), a token, and a gRPC client that trusts the
//! simulator's CA.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use axum::http::uri::PathAndQuery;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use c1_proto::baton::{
    BatonServiceFinishTaskRequest, BatonServiceFinishTaskResponse, BatonServiceGetTaskRequest,
    BatonServiceGetTaskResponse, BatonServiceHeartbeatRequest, BatonServiceHeartbeatResponse,
    BatonServiceHelloRequest, BatonServiceHelloResponse, BatonServiceUploadAssetRequest,
    BatonServiceUploadAssetResponse, path,
};
use c1_sim::{C1Sim, C1SimConfig};
use prost::Message;
use serde_json::{Value, json};
use tonic::transport::{Certificate, Channel, ClientTlsConfig};
use tonic_prost::ProstCodec;

/// A generous bound for anything a test waits on.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// The user agent of the Go SDK's token requests, which the test client sends too.
pub const TOKEN_USER_AGENT: &str = "baton-c1-credential-provider baton-sdk/v0.3.11";

/// The start of the user agent of the Go SDK's RPCs for client `c1-sim`, which the test
/// client sends too.
pub const RPC_USER_AGENT: &str = "c1-sim baton-sdk/v0.3.11";

/// The host id the Go SDK fixtures carry.
pub const HOST_ID: &str = "3f6c2a9d81b4";

/// A simulator with the default configuration.
pub async fn sim() -> C1Sim {
    start(C1SimConfig::default()).await
}

/// A simulator with `config`.
pub async fn start(config: C1SimConfig) -> C1Sim {
    C1Sim::start(config).await.expect("the simulator starts")
}

/// The bytes of `crates/c1-proto/tests/fixtures/baton-service/<name>.binpb`, the messages
/// the Go SDK serialised.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../c1-proto/tests/fixtures/baton-service/{name}.binpb",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// A fixture decoded as `M`.
pub fn fixture<M: Message + Default>(name: &str) -> M {
    M::decode(fixture_bytes(name).as_slice()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A client assertion as the Go SDK builds it, as JSON the test may change before signing.
pub struct Assertion {
    pub header: Value,
    pub claims: Value,
    key: Ed25519KeyPair,
}

impl Assertion {
    /// The SDK's assertion for these credentials: fresh nonce, `iss` = `sub` = the client
    /// id, `aud` = the token host without port, `exp` +120 s, `nbf` −120 s, `iat` now.
    pub fn new(client_id: &str, client_secret: &str) -> Assertion {
        let host = client_id
            .split_once('@')
            .and_then(|(_, rest)| rest.split_once('/'))
            .map(|(host, _)| host)
            .expect("client id is name@host/suffix");
        let audience = host.rsplit_once(':').map_or(host, |(name, _)| name);
        let now = i64::try_from(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .expect("after 1970")
                .as_secs(),
        )
        .expect("fits");
        let mut nonce = [0u8; 16];
        rand::fill(&mut nonce);
        let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        Assertion {
            header: json!({"alg": "EdDSA", "nonce": nonce}),
            claims: json!({
                "iss": client_id, "sub": client_id, "aud": audience,
                "exp": now + 120, "iat": now, "nbf": now - 120,
            }),
            key: key_of(client_secret),
        }
    }

    /// The SDK's assertion for the simulator's client.
    pub fn of(sim: &C1Sim) -> Assertion {
        Assertion::new(sim.client_id(), &sim.client_secret())
    }

    /// Signs with another key than the client's.
    pub fn with_key_seed(mut self, seed: [u8; 32]) -> Assertion {
        self.key = Ed25519KeyPair::from_seed_unchecked(&seed).expect("32-byte seed");
        self
    }

    /// The compact JWS.
    pub fn sign(&self) -> String {
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(self.header.to_string()),
            URL_SAFE_NO_PAD.encode(self.claims.to_string())
        );
        let signature = self.key.sign(signed.as_bytes());
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
    }
}

/// The Ed25519 key in a client secret `a:b:v1:<base64url JWK>`, read independently of the
/// simulator.
fn key_of(client_secret: &str) -> Ed25519KeyPair {
    let parts: Vec<&str> = client_secret.splitn(4, ':').collect();
    assert_eq!(parts.len(), 4, "secret has four parts");
    assert_eq!(parts[2], "v1");
    let jwk: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[3]).expect("base64url JWK"))
            .expect("JSON JWK");
    let seed = URL_SAFE_NO_PAD
        .decode(jwk["d"].as_str().expect("a private JWK"))
        .expect("d is base64url");
    let key = Ed25519KeyPair::from_seed_unchecked(&seed).expect("32-byte seed");
    let x = URL_SAFE_NO_PAD
        .decode(jwk["x"].as_str().expect("x"))
        .expect("x is base64url");
    assert_eq!(key.public_key().as_ref(), x.as_slice(), "x matches d");
    key
}

/// An HTTPS client that trusts only the simulator's CA.
pub fn https(sim: &C1Sim) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(sim.ca_pem().as_bytes()).expect("PEM");
    reqwest::Client::builder()
        .tls_certs_only([ca])
        .user_agent(TOKEN_USER_AGENT)
        .build()
        .expect("client")
}

/// The token request's form fields as the SDK sends them.
pub fn token_form(client_id: &str, assertion: &str) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", client_id.to_owned()),
        ("grant_type", "client_credentials".to_owned()),
        (
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_owned(),
        ),
        ("client_assertion", assertion.to_owned()),
    ]
}

/// POSTs the token form as the SDK does, with `fields` replacing or adding form fields.
pub async fn token_request(
    sim: &C1Sim,
    assertion: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = token_form(sim.client_id(), assertion);
    for (name, value) in fields {
        form.retain(|(n, _)| n != name);
        form.push((name, (*value).to_owned()));
    }
    https(sim)
        .post(sim.token_url())
        .form(&form)
        .send()
        .await
        .expect("the token endpoint answers")
}

/// A bearer token for the simulator's client.
pub async fn token(sim: &C1Sim) -> String {
    let response = token_request(sim, &Assertion::of(sim).sign(), &[]).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON");
    body["access_token"].as_str().expect("a token").to_owned()
}

/// A `BatonService` client over TLS that trusts the simulator's CA.
pub struct Baton {
    grpc: tonic::client::Grpc<Channel>,
    token: Option<String>,
}

impl Baton {
    /// A client that sends no token.
    pub fn anonymous(sim: &C1Sim) -> Baton {
        let tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(sim.ca_pem()));
        let channel = Channel::from_shared(sim.url())
            .expect("URL")
            .user_agent(RPC_USER_AGENT)
            .expect("a valid user agent")
            .tls_config(tls)
            .expect("TLS config")
            .connect_lazy();
        Baton::over(channel)
    }

    /// A client on `channel` that sends no token.
    pub fn over(channel: Channel) -> Baton {
        Baton {
            grpc: tonic::client::Grpc::new(channel),
            token: None,
        }
    }

    /// A client with a fresh token.
    pub async fn connect(sim: &C1Sim) -> Baton {
        let token = token(sim).await;
        Baton::anonymous(sim).with_token(&token)
    }

    /// Sends `authorization: Bearer <token>` from now on.
    pub fn with_token(mut self, token: &str) -> Baton {
        self.token = Some(token.to_owned());
        self
    }

    pub async fn hello(
        &mut self,
        request: BatonServiceHelloRequest,
    ) -> Result<BatonServiceHelloResponse, tonic::Status> {
        self.unary(path::HELLO, request).await
    }

    pub async fn get_task(
        &mut self,
        host_id: &str,
    ) -> Result<BatonServiceGetTaskResponse, tonic::Status> {
        let request = BatonServiceGetTaskRequest {
            host_id: host_id.into(),
        };
        self.unary(path::GET_TASK, request).await
    }

    pub async fn heartbeat(
        &mut self,
        task_id: &str,
    ) -> Result<BatonServiceHeartbeatResponse, tonic::Status> {
        let request = BatonServiceHeartbeatRequest {
            host_id: HOST_ID.into(),
            task_id: task_id.into(),
            annotations: vec![],
        };
        self.unary(path::HEARTBEAT, request).await
    }

    pub async fn finish_task(
        &mut self,
        request: BatonServiceFinishTaskRequest,
    ) -> Result<BatonServiceFinishTaskResponse, tonic::Status> {
        self.unary(path::FINISH_TASK, request).await
    }

    pub async fn upload(
        &mut self,
        messages: Vec<BatonServiceUploadAssetRequest>,
    ) -> Result<BatonServiceUploadAssetResponse, tonic::Status> {
        self.grpc.ready().await.map_err(transport)?;
        let request = self.authorized(futures::stream::iter(messages));
        let path = PathAndQuery::from_static(path::UPLOAD_ASSET);
        self.grpc
            .client_streaming(request, path, ProstCodec::default())
            .await
            .map(tonic::Response::into_inner)
    }

    async fn unary<Req, Resp>(
        &mut self,
        path: &'static str,
        request: Req,
    ) -> Result<Resp, tonic::Status>
    where
        Req: Message + Send + Sync + 'static,
        Resp: Message + Default + Send + Sync + 'static,
    {
        self.grpc.ready().await.map_err(transport)?;
        let request = self.authorized(request);
        self.grpc
            .unary(
                request,
                PathAndQuery::from_static(path),
                ProstCodec::default(),
            )
            .await
            .map(tonic::Response::into_inner)
    }

    fn authorized<T>(&self, message: T) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        if let Some(token) = &self.token {
            let value = format!("Bearer {token}").parse().expect("ASCII token");
            request.metadata_mut().insert("authorization", value);
        }
        request
    }
}

/// A channel that cannot connect, as the status a call would get.
fn transport(error: tonic::transport::Error) -> tonic::Status {
    tonic::Status::unavailable(error.to_string())
}
