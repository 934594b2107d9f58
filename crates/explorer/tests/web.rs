//! The explorer over HTTP: the token, its cookie, the headers, and a file left untouched.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_SECURITY_POLICY, COOKIE, LOCATION, SET_COOKIE};

use crate::support::browser::Served;
use crate::support::{self, runtime};

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

#[test]
fn requests_without_the_token_get_401_and_the_token_url_sets_a_strict_cookie() {
    let file = support::reviewed().account.file();
    let before = std::fs::read(&file).expect("the file reads");
    let served = Served::start(&file);
    runtime().block_on(async {
        let client = http();
        for path in [
            "/",
            "/users",
            "/user/x",
            "/assets/app.js",
            "/diff?format=csv",
        ] {
            let response = client
                .get(served.at(path))
                .send()
                .await
                .expect("a response");
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        }
        let wrong = client
            .get(served.at("/?token=0123"))
            .send()
            .await
            .expect("a response");
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

        let first = client.get(&served.url).send().await.expect("a response");
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        assert_eq!(first.headers()[LOCATION], "/");
        let cookie = first.headers()[SET_COOKIE]
            .to_str()
            .expect("text")
            .to_owned();
        assert!(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict"));
        let pair = cookie.split(';').next().expect("name=value").to_owned();
        let token = served
            .url
            .split("token=")
            .nth(1)
            .expect("a token in the URL");
        assert_eq!(pair, format!("baton_zoom_explorer={token}"));

        let page = client
            .get(served.at("/users?status=inactive"))
            .header(COOKIE, &pair)
            .send()
            .await
            .expect("a response");
        assert_eq!(page.status(), StatusCode::OK);
        let csp = page.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("text")
            .to_owned();
        assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        let html = page.text().await.expect("a body");
        assert!(!html.contains("<script>"), "no inline script");
    });
    drop(served);
    assert_eq!(
        std::fs::read(&file).expect("the file reads"),
        before,
        "the file is never written"
    );
}
