//! Running a [`Writer`] on its own thread and feeding it from async code.
//!
//! SQLite and zstd block, so they must not run on the async runtime. The writer thread
//! owns the connection; producers hold cheap clones of a [`WriterHandle`] and send batches
//! over a bounded channel, so a slow disk slows producers down instead of growing memory.
//! Each write awaits the commit, so a producer knows its rows and checkpoint are durable
//! before it moves on.

use tokio::sync::{mpsc, oneshot};

use super::{Batch, FinishReport, Writer};
use crate::error::{Error, Result};
use crate::sync_run::SyncId;

enum Command {
    Write(Batch, oneshot::Sender<Result<()>>),
    Finish(oneshot::Sender<Result<FinishReport>>),
    Close(oneshot::Sender<()>),
    Discard(oneshot::Sender<Result<()>>),
}

/// A cloneable, async front for a [`Writer`] running on its own thread.
///
/// The thread stops after [`WriterHandle::finish`], [`WriterHandle::close`] or
/// [`WriterHandle::discard`], or when the last handle is dropped (which, like `close`,
/// leaves the run resumable).
#[derive(Clone)]
pub struct WriterHandle {
    commands: mpsc::Sender<Command>,
    sync_id: SyncId,
}

impl Writer {
    /// Moves the writer to a new thread. `queue` bounds how many batches may wait.
    ///
    /// Fails with [`Error::NoActiveSync`] unless a run was started or resumed first.
    pub fn spawn(self, queue: usize) -> Result<WriterHandle> {
        let sync_id = self.current.clone().ok_or(Error::NoActiveSync)?;
        let (commands, receiver) = mpsc::channel(queue.max(1));
        let target = self.paths.target.clone();
        std::thread::Builder::new()
            .name("c1z-writer".into())
            .spawn(move || serve(self, receiver))
            .map_err(|e| Error::io(target, e))?;
        Ok(WriterHandle { commands, sync_id })
    }
}

/// The writer thread: applies commands in arrival order until told to stop.
fn serve(mut writer: Writer, mut commands: mpsc::Receiver<Command>) {
    let last = loop {
        match commands.blocking_recv() {
            Some(Command::Write(batch, reply)) => {
                // The producer may have given up waiting; the batch is committed anyway.
                let _ = reply.send(writer.write_batch(&batch));
            }
            other => break other,
        }
    };
    match last {
        Some(Command::Finish(reply)) => {
            let _ = reply.send(writer.finish());
        }
        Some(Command::Close(reply)) => {
            drop(writer);
            let _ = reply.send(());
        }
        Some(Command::Discard(reply)) => {
            let _ = reply.send(writer.discard());
        }
        Some(Command::Write(..)) | None => {}
    }
}

impl WriterHandle {
    /// The run this handle writes into.
    pub fn sync_id(&self) -> &SyncId {
        &self.sync_id
    }

    /// Commits `batch` (rows and optional checkpoint in one transaction) and waits for it.
    pub async fn write(&self, batch: Batch) -> Result<()> {
        self.ask(|reply| Command::Write(batch, reply)).await?
    }

    /// Ends the run and publishes the `.c1z` (see [`Writer::finish`]); later writes from
    /// other clones fail with [`Error::WriterStopped`].
    pub async fn finish(self) -> Result<FinishReport> {
        self.ask(Command::Finish).await?
    }

    /// Stops the writer without ending the run, e.g. on Ctrl-C: everything committed so far
    /// stays in the working file and the next open offers the run for resume.
    pub async fn close(self) -> Result<()> {
        self.ask(Command::Close).await
    }

    /// Abandons the run and deletes the working file (see [`Writer::discard`]), after
    /// committing the batches sent before it.
    pub async fn discard(self) -> Result<()> {
        self.ask(Command::Discard).await?
    }

    /// Sends a command to the writer thread and waits for its answer.
    async fn ask<T>(&self, command: impl FnOnce(oneshot::Sender<T>) -> Command) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(command(reply))
            .await
            .map_err(|_| Error::WriterStopped)?;
        answer.await.map_err(|_| Error::WriterStopped)
    }
}
