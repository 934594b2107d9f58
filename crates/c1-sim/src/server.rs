//! The listening side: accepts TCP connections on one port, completes TLS, and serves
//! HTTP/1.1 or HTTP/2 (whichever the client speaks) with the router. It can also go away
//! for a while (listener closed, every open connection dropped) and come back on the same
//! port, as a server that restarts does.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;
use tokio_rustls::TlsAcceptor;

use crate::counters::Event;
use crate::state::State;

/// How long a client may take to finish the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long coming back may take when the port is still held (e.g. by a closing socket).
const REBIND_ATTEMPTS: u32 = 100;
const REBIND_PAUSE: Duration = Duration::from_millis(50);

/// How the server is away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outage {
    /// The port is closed: connecting is refused.
    ClosedPort,
    /// The port accepts, and every connection is closed at once (counted), as behind a
    /// load balancer whose backend is down.
    ResetConnections,
}

/// What the owner of the server can tell it.
pub(crate) enum Command {
    /// Drop every open connection now, be away in the way `outage` says for `period`
    /// (from now, or longer if already away), then serve again; answer `gone` once away.
    GoAway {
        period: Duration,
        outage: Outage,
        gone: oneshot::Sender<()>,
    },
    /// Close everything for good.
    Stop,
}

/// The running accept loop.
pub(crate) struct Server {
    pub(crate) commands: mpsc::UnboundedSender<Command>,
    pub(crate) task: JoinHandle<()>,
}

/// Binds `addr` (port 0: a random free port), allowing a quick rebind of the same port.
pub(crate) fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

/// Starts serving `router` on `listener` with TLS.
pub(crate) fn spawn(
    listener: TcpListener,
    tls: Arc<tokio_rustls::rustls::ServerConfig>,
    router: Router,
    state: Arc<State>,
) -> Server {
    let (commands, receiver) = mpsc::unbounded_channel();
    let acceptor = TlsAcceptor::from(tls);
    let task = tokio::spawn(run(listener, acceptor, router, state, receiver));
    Server { commands, task }
}

enum Step {
    Command(Option<Command>),
    Accepted(std::io::Result<(TcpStream, SocketAddr)>),
    Reaped,
    Back,
}

async fn run(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    router: Router,
    state: Arc<State>,
    mut commands: mpsc::UnboundedReceiver<Command>,
) {
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(error) => {
            tracing::warn!(%error, "c1-sim cannot tell its own address; stopping");
            return;
        }
    };
    let mut listener = Some(listener);
    let mut away_until: Option<Instant> = None;
    let mut connections = JoinSet::new();
    loop {
        let step = tokio::select! {
            command = commands.recv() => Step::Command(command),
            accepted = accept(listener.as_ref()) => Step::Accepted(accepted),
            _ = connections.join_next(), if !connections.is_empty() => Step::Reaped,
            () = sleep_until(away_until) => Step::Back,
        };
        match step {
            Step::Accepted(Ok((stream, _))) if away_until.is_some() => {
                state.counters.count(Event::ResetConnection);
                drop(stream);
            }
            Step::Accepted(Ok((stream, _))) => {
                connections.spawn(serve_connection(
                    stream,
                    acceptor.clone(),
                    router.clone(),
                    Arc::clone(&state),
                ));
            }
            Step::Accepted(Err(error)) => tracing::warn!(%error, "c1-sim accept failed"),
            Step::Reaped => {}
            Step::Back => {
                away_until = None;
                if listener.is_none() {
                    listener = rebind(addr).await;
                    if listener.is_none() {
                        return;
                    }
                }
            }
            Step::Command(None | Some(Command::Stop)) => {
                connections.abort_all();
                return;
            }
            Step::Command(Some(Command::GoAway {
                period,
                outage,
                gone,
            })) => {
                let until = Instant::now() + period;
                away_until = Some(away_until.map_or(until, |current| current.max(until)));
                match outage {
                    Outage::ClosedPort => listener = None,
                    Outage::ResetConnections if listener.is_none() => {
                        listener = rebind(addr).await;
                        if listener.is_none() {
                            return;
                        }
                    }
                    Outage::ResetConnections => {}
                }
                connections.abort_all();
                while connections.join_next().await.is_some() {}
                let _ = gone.send(());
            }
        }
    }
}

/// The next connection, or never when the port is closed.
async fn accept(listener: Option<&TcpListener>) -> std::io::Result<(TcpStream, SocketAddr)> {
    match listener {
        Some(listener) => listener.accept().await,
        None => std::future::pending().await,
    }
}

/// Sleeps until `until`, or forever when there is nothing to wait for.
async fn sleep_until(until: Option<Instant>) {
    match until {
        Some(until) => tokio::time::sleep_until(until).await,
        None => std::future::pending().await,
    }
}

async fn rebind(addr: SocketAddr) -> Option<TcpListener> {
    for _ in 0..REBIND_ATTEMPTS {
        match bind(addr) {
            Ok(listener) => return Some(listener),
            Err(error) => {
                tracing::debug!(%error, %addr, "c1-sim cannot listen again yet");
                tokio::time::sleep(REBIND_PAUSE).await;
            }
        }
    }
    tracing::warn!(%addr, "c1-sim cannot listen on its port again; it stays away");
    None
}

async fn serve_connection(
    stream: TcpStream,
    acceptor: TlsAcceptor,
    router: Router,
    state: Arc<State>,
) {
    let tls = match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
        Ok(Ok(tls)) => tls,
        Ok(Err(error)) => {
            state.counters.count(Event::TlsFailure);
            tracing::debug!(%error, "c1-sim TLS handshake failed");
            return;
        }
        Err(_) => {
            state.counters.count(Event::TlsFailure);
            tracing::debug!("c1-sim TLS handshake timed out");
            return;
        }
    };
    state.counters.count(Event::Connection);
    let served = auto::Builder::new(TokioExecutor::new())
        .serve_connection(TokioIo::new(tls), TowerToHyperService::new(router))
        .await;
    if let Err(error) = served {
        tracing::debug!(%error, "c1-sim connection ended with an error");
    }
}
