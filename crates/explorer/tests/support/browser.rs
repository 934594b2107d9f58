//! A real headless Chromium driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`), and the explorer served in-process for it.
//!
//! `.ci/run` installs both packages, so CI always runs the browser tests. On a machine
//! without them the tests fail, naming the packages, unless `EXPLORER_SKIP_BROWSER=1` is
//! set: then they print a loud SKIPPED line and pass, for a developer who knowingly runs
//! without a browser.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use explorer::web::{Explorer, Options};
use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use tempfile::TempDir;
use tokio::sync::oneshot;

use super::runtime;

const CHROMEDRIVER: &str = "chromedriver";

/// Where screenshots go, for a reviewer to look at: `target/explorer-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/explorer-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot folder can be created");
    dir
}

/// The Chromium binary: `$CHROME_BIN`, else Debian's.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROME_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A headless Chromium session with its own profile and download folder.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    /// Files the browser downloads land here.
    pub downloads: TempDir,
    driver: Child,
    _profile: TempDir,
}

impl Browser {
    /// Starts chromedriver on a free port and a fresh headless Chromium; `None` (after a
    /// loud message) when they are missing and `EXPLORER_SKIP_BROWSER=1` allows skipping.
    pub async fn start(test: &str) -> Option<Browser> {
        let Some(binary) = chromium().filter(|_| on_path(CHROMEDRIVER)) else {
            if std::env::var("EXPLORER_SKIP_BROWSER").as_deref() == Ok("1") {
                eprintln!(
                    "\n*** SKIPPED {test}: chromium or chromedriver is missing \
                     (EXPLORER_SKIP_BROWSER=1) ***\n"
                );
                return None;
            }
            panic!(
                "{test} needs Chromium and chromedriver: apt-get install -y chromium chromium-driver \
                 (or set EXPLORER_SKIP_BROWSER=1 to skip the browser tests knowingly)"
            );
        };
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver listens within 20 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().expect("a profile folder");
        let downloads = tempfile::tempdir().expect("a download folder");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": binary,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=1366,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.path(),
                    "download.prompt_for_download": false,
                },
            }),
        );
        let client = ClientBuilder::rustls()
            .expect("TLS roots load")
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session starts");
        Some(Browser {
            client,
            downloads,
            driver,
            _profile: profile,
        })
    }

    /// Ends the session and chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    /// Saves a PNG of the page as `name`.png in [`screenshot_dir`].
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("a screenshot");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("the screenshot is saved");
        path
    }

    /// The file the browser finished downloading into its folder, waiting up to 20 s.
    pub async fn downloaded(&self, name: &str) -> String {
        let path = self.downloads.path().join(name);
        let started = Instant::now();
        loop {
            if let Ok(text) = std::fs::read_to_string(&path) {
                return text;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{name} is downloaded within 20 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The explorer over `file`, served in-process on a random loopback port.
pub struct Served {
    /// The URL with the token.
    pub url: String,
    /// The address, for building URLs without the token.
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl Served {
    /// Loads `file` and serves it until dropped.
    pub fn start(file: &Path) -> Served {
        let options = Options {
            file: file.to_owned(),
            addr: "127.0.0.1:0".parse().expect("a socket address"),
            sync_id: None,
            inactive_days: 90,
            read: c1z::ReadOptions::default(),
        };
        let explorer = runtime()
            .block_on(Explorer::open(options))
            .expect("the explorer opens the file");
        let (url, addr) = (explorer.url(), explorer.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        runtime().spawn(explorer.serve(async {
            let _ = stopped.await;
        }));
        Served {
            url,
            addr,
            stop: Some(stop),
        }
    }

    /// `http://addr` + `path`, without the token.
    pub fn at(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
