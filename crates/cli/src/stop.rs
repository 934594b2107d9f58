//! When a long-running command stops: Ctrl-C at a terminal, SIGTERM from a service
//! manager or Kubernetes. Both end the command the same orderly way, so its temporary files
//! (a decompressed copy of the sync, a working file) are cleaned up or kept as on Ctrl-C.

use std::future::Future;

/// Listens for SIGINT and SIGTERM from this call on (Kubernetes stops pods with SIGTERM);
/// the future resolves at the first of them. Call it before telling anyone the process is
/// ready, so that no signal finds the default action (ending at once) in place.
pub fn stop_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                (Ok(mut one), Err(error)) | (Err(error), Ok(mut one)) => {
                    tracing::warn!(%error, "cannot listen for both SIGINT and SIGTERM");
                    one.recv().await;
                }
                (Err(error), Err(_)) => {
                    tracing::warn!(%error, "cannot listen for SIGINT or SIGTERM; running until killed");
                    std::future::pending::<()>().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        // A signal that cannot be watched never arrives: run until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
