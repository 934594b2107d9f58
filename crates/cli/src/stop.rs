//! When a long-running command stops: Ctrl-C at a terminal, SIGTERM from a service
//! manager or Kubernetes. Both end the command the same orderly way, so its temporary files
//! (a decompressed copy of the sync, a working file) are cleaned up or kept as on Ctrl-C.

/// Resolves on SIGINT or SIGTERM (Kubernetes stops pods with SIGTERM).
pub async fn stop_signal() {
    let interrupt = async {
        // A signal that cannot be watched never arrives: run until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; stopping on SIGINT only");
                interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        interrupt.await;
    }
}
