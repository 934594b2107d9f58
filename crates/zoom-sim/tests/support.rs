//! Helpers shared by the end-to-end tests: a started simulator and a thin HTTP client.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;
use zoom_sim::{AppCredentials, Preset, SimConfig, Simulator};

/// One answer: status, headers and the JSON body (`Null` when empty).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn code(&self) -> Option<i64> {
        self.body["code"].as_i64()
    }
}

/// An HTTP client holding a token for the simulator's API.
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

/// A small-preset simulator with limits off, and a full-scope client.
pub async fn start() -> (Simulator, Api) {
    start_with(
        SimConfig::preset(Preset::Small)
            .seed(7)
            .rate_limits(zoom_sim::RateLimitMode::Off),
    )
    .await
}

pub async fn start_with(config: SimConfig) -> (Simulator, Api) {
    let sim = Simulator::start(config)
        .await
        .expect("the simulator binds a loopback port");
    let api = Api::new(&sim, &sim.credentials().clone()).await;
    (sim, api)
}

/// Requests a token with Basic auth and form parameters; panics unless it is issued.
pub async fn token(http: &reqwest::Client, sim: &Simulator, creds: &AppCredentials) -> String {
    let answer = request_token(http, sim, creds).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["access_token"]
        .as_str()
        .expect("access_token is a string")
        .to_owned()
}

pub async fn request_token(
    http: &reqwest::Client,
    sim: &Simulator,
    creds: &AppCredentials,
) -> Answer {
    let response = http
        .post(sim.oauth_url())
        .basic_auth(&creds.client_id, Some(&creds.client_secret))
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", sim.account_id()),
        ])
        .send()
        .await
        .expect("the simulator answers");
    answer(response).await
}

pub async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("the body arrives whole");
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("JSON body ({e}): {}", String::from_utf8_lossy(&bytes)))
    };
    Answer {
        status,
        headers,
        body,
    }
}

impl Api {
    pub async fn new(sim: &Simulator, creds: &AppCredentials) -> Api {
        let http = reqwest::Client::new();
        let token = token(&http, sim, creds).await;
        Api {
            http,
            base: sim.api_url(),
            token,
        }
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        answer(request.send().await.expect("the simulator answers")).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Answer {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    /// Follows `next_page_token` from `path` (which must already carry a `?`) and returns
    /// every item under `key`.
    pub async fn list_all(&self, path: &str, key: &str) -> Vec<Value> {
        let mut items = Vec::new();
        let mut token = String::new();
        loop {
            let page = self.get(&format!("{path}&next_page_token={token}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
            items.extend(
                page.body[key]
                    .as_array()
                    .expect("the list key holds an array")
                    .iter()
                    .cloned(),
            );
            token = page.body["next_page_token"]
                .as_str()
                .expect("next_page_token is a string")
                .to_owned();
            if token.is_empty() {
                return items;
            }
        }
    }
}

/// The string values of `field` in `items`, sorted.
pub fn sorted_field(items: &[Value], field: &str) -> Vec<String> {
    let mut values: Vec<String> = items
        .iter()
        .map(|item| {
            item[field]
                .as_str()
                .unwrap_or_else(|| panic!("{field} in {item}"))
                .to_owned()
        })
        .collect();
    values.sort();
    values
}
