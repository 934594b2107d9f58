//! Putting an `UploadAsset` stream back together and checking it: metadata first, then
//! data chunks, then the EOF with the SHA-256 of everything sent; the bytes must be a c1z
//! file.

use c1_proto::baton::{BatonServiceUploadAssetRequest, UploadMessage};
use sha2::{Digest, Sha256};

use crate::validate::{self, Violation};

/// Every c1z file starts with these five bytes (`C1ZF` and a zero byte).
const C1Z_HEADER: &[u8] = b"C1ZF\0";

/// A stream whose parts arrived in order and whose checksum and header are right.
pub(crate) struct Assembled {
    pub(crate) host_id: String,
    pub(crate) task_id: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) sha256: [u8; 32],
    pub(crate) chunks: usize,
}

/// The stream so far.
#[derive(Default)]
pub(crate) struct Assembly {
    metadata: Option<(String, String)>,
    bytes: Vec<u8>,
    hasher: Sha256,
    chunks: usize,
    checksum: Option<Vec<u8>>,
}

impl Assembly {
    /// The task the metadata named, once it arrived.
    pub(crate) fn task_id(&self) -> Option<&str> {
        self.metadata.as_ref().map(|(_, task)| task.as_str())
    }

    /// Takes the next message of the stream.
    pub(crate) fn push(
        &mut self,
        message: BatonServiceUploadAssetRequest,
    ) -> Result<(), Violation> {
        let message = validate::upload_message(message.msg.as_ref())?;
        if self.checksum.is_some() {
            return Err("a message arrived after eof".into());
        }
        match message {
            UploadMessage::Metadata(metadata) => {
                if self.metadata.is_some() {
                    return Err("metadata arrived twice".into());
                }
                self.metadata = Some((metadata.host_id.clone(), metadata.task_id.clone()));
            }
            UploadMessage::Data(data) => {
                if self.metadata.is_none() {
                    return Err("data arrived before metadata".into());
                }
                self.hasher.update(&data.data);
                self.bytes.extend_from_slice(&data.data);
                self.chunks += 1;
            }
            UploadMessage::Eof(eof) => {
                if self.metadata.is_none() {
                    return Err("eof arrived before metadata".into());
                }
                self.checksum = Some(eof.sha256_checksum.clone());
            }
        }
        Ok(())
    }

    /// Checks the complete stream.
    pub(crate) fn finish(self) -> Result<Assembled, Violation> {
        let Some((host_id, task_id)) = self.metadata else {
            return Err("the stream ended without metadata".into());
        };
        let Some(checksum) = self.checksum else {
            return Err("the stream ended without eof".into());
        };
        let sha256: [u8; 32] = self.hasher.finalize().into();
        if checksum != sha256 {
            return Err(format!(
                "sha256 mismatch: eof says {}, the {} bytes received hash to {}",
                hex(&checksum),
                self.bytes.len(),
                hex(&sha256)
            ));
        }
        if !self.bytes.starts_with(C1Z_HEADER) {
            return Err(format!(
                "not a c1z file: it starts with {:?}, not \"C1ZF\\0\"",
                String::from_utf8_lossy(&self.bytes[..self.bytes.len().min(5)])
            ));
        }
        Ok(Assembled {
            host_id,
            task_id,
            bytes: self.bytes,
            sha256,
            chunks: self.chunks,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use c1_proto::baton::{UploadData, UploadEof, UploadMetadata};

    use super::*;

    const TASK: &str = "2uVd5RmJ7pW1sE9vKx3NqD5tHbL";

    fn msg(message: UploadMessage) -> BatonServiceUploadAssetRequest {
        BatonServiceUploadAssetRequest { msg: Some(message) }
    }

    fn metadata() -> BatonServiceUploadAssetRequest {
        msg(UploadMessage::Metadata(UploadMetadata {
            host_id: "h".into(),
            task_id: TASK.into(),
            annotations: vec![],
        }))
    }

    fn data(bytes: &[u8]) -> BatonServiceUploadAssetRequest {
        msg(UploadMessage::Data(UploadData {
            data: bytes.to_vec(),
        }))
    }

    fn eof(sha256: &[u8]) -> BatonServiceUploadAssetRequest {
        msg(UploadMessage::Eof(UploadEof {
            sha256_checksum: sha256.to_vec(),
            annotations: vec![],
        }))
    }

    fn assemble(messages: Vec<BatonServiceUploadAssetRequest>) -> Result<Assembled, Violation> {
        let mut assembly = Assembly::default();
        for message in messages {
            assembly.push(message)?;
        }
        assembly.finish()
    }

    #[test]
    fn chunks_are_joined_and_checked_against_the_eof_checksum() {
        let file = b"C1ZF\0zstd-bytes";
        let sha: [u8; 32] = Sha256::digest(file).into();
        let assembled = assemble(vec![
            metadata(),
            data(&file[..4]),
            data(&file[4..]),
            eof(&sha),
        ])
        .expect("a good stream");
        assert_eq!(assembled.bytes, file);
        assert_eq!(assembled.chunks, 2);
        assert_eq!(assembled.task_id, TASK);
        assert_eq!(assembled.sha256, sha);
    }

    #[test]
    fn wrong_checksum_is_refused() {
        let error = assemble(vec![metadata(), data(b"C1ZF\0x"), eof(&[0; 32])])
            .err()
            .unwrap_or_default();
        assert!(error.starts_with("sha256 mismatch"), "{error}");
    }

    #[test]
    fn file_without_the_c1z_header_is_refused() {
        let sha: [u8; 32] = Sha256::digest(b"SQLite").into();
        let error = assemble(vec![metadata(), data(b"SQLite"), eof(&sha)])
            .err()
            .unwrap_or_default();
        assert!(error.starts_with("not a c1z file"), "{error}");
    }

    #[test]
    fn out_of_order_streams_are_refused() {
        let sha: [u8; 32] = Sha256::digest(b"C1ZF\0").into();
        let cases = [
            (
                vec![data(b"C1ZF\0"), eof(&sha)],
                "data arrived before metadata",
            ),
            (vec![metadata(), metadata()], "metadata arrived twice"),
            (
                vec![metadata(), eof(&sha), data(b"x")],
                "a message arrived after eof",
            ),
            (
                vec![metadata(), data(b"C1ZF\0")],
                "the stream ended without eof",
            ),
            (vec![], "the stream ended without metadata"),
        ];
        for (messages, expected) in cases {
            assert_eq!(assemble(messages).err().as_deref(), Some(expected));
        }
    }
}
