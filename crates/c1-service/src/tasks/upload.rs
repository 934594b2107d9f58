//! UploadAsset: the sync file as metadata, 512 KiB chunks and its SHA-256.

use std::path::{Path, PathBuf};

use c1_proto::baton::{
    BatonServiceUploadAssetRequest, UploadData, UploadEof, UploadMessage, UploadMetadata,
};
use futures::{Stream, StreamExt, stream};
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;
use tonic::Code;

use crate::api::BatonApi;
use crate::connector::TaskError;

/// The size of every data message but the last.
pub(crate) const CHUNK_SIZE: usize = 512 * 1024;

/// Uploads the sync file `file` as the asset of `task_id`, as a sync task does: metadata,
/// the bytes in 512 KiB chunks, then their SHA-256.
pub async fn upload<A: BatonApi>(
    api: &A,
    host_id: &str,
    task_id: &str,
    file: &Path,
) -> Result<(), TaskError> {
    let checksum = sha256(file.to_owned())
        .await
        .map_err(|e| read_error(file, &e))?;
    let opened = tokio::fs::File::open(file)
        .await
        .map_err(|e| read_error(file, &e))?;
    let metadata = message(UploadMessage::Metadata(UploadMetadata {
        host_id: host_id.to_owned(),
        task_id: task_id.to_owned(),
        annotations: Vec::new(),
    }));
    let eof = message(UploadMessage::Eof(UploadEof {
        sha256_checksum: checksum,
        annotations: Vec::new(),
    }));
    let messages = stream::iter([metadata])
        .chain(chunks(opened, file.to_owned()))
        .chain(stream::iter([eof]));
    api.upload_asset(messages).await.map_err(|error| {
        TaskError::transient(
            Code::Unavailable,
            format!("uploading the sync file failed: {error}"),
        )
    })
}

/// The file's data messages. A read error ends them early; the checksum in the EOF then
/// does not match what was sent, and the server refuses the upload.
fn chunks(
    file: tokio::fs::File,
    path: PathBuf,
) -> impl Stream<Item = BatonServiceUploadAssetRequest> + Send + 'static {
    stream::unfold(Some(file), move |state| {
        let path = path.clone();
        async move {
            let mut file = state?;
            let mut chunk = Vec::with_capacity(CHUNK_SIZE);
            match (&mut file)
                .take(CHUNK_SIZE as u64)
                .read_to_end(&mut chunk)
                .await
            {
                Ok(0) => None,
                Ok(_) => Some((
                    message(UploadMessage::Data(UploadData { data: chunk })),
                    Some(file),
                )),
                Err(error) => {
                    tracing::warn!(path = %path.display(), %error, "reading the sync file for upload failed");
                    None
                }
            }
        }
    })
}

fn message(msg: UploadMessage) -> BatonServiceUploadAssetRequest {
    BatonServiceUploadAssetRequest { msg: Some(msg) }
}

async fn sha256(file: PathBuf) -> std::io::Result<Vec<u8>> {
    tokio::task::spawn_blocking(move || {
        let mut hasher = Sha256::new();
        std::io::copy(&mut std::fs::File::open(file)?, &mut hasher)?;
        Ok(hasher.finalize().to_vec())
    })
    .await
    .unwrap_or_else(|join| std::panic::resume_unwind(join.into_panic()))
}

fn read_error(file: &Path, error: &std::io::Error) -> TaskError {
    TaskError::transient(
        Code::Internal,
        format!("cannot read the sync file {}: {error}", file.display()),
    )
}
