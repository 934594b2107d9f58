//! The three kinds of UploadAsset stream message and the empty reply.

use c1_proto::baton::*;
use sha2::{Digest, Sha256};

use crate::support::{HOST_ID, fixture, pinned};

/// `C1ZF\0` and the zstd frame magic: the first bytes of every c1z.
const CHUNK: [u8; 9] = [0x43, 0x31, 0x5a, 0x46, 0x00, 0x28, 0xb5, 0x2f, 0xfd];

#[test]
fn upload_starts_with_metadata_naming_host_and_task() {
    pinned(
        "upload_asset_metadata",
        &BatonServiceUploadAssetRequest {
            msg: Some(UploadMessage::Metadata(UploadMetadata {
                host_id: HOST_ID.into(),
                task_id: "2uVd5RmJ7pW1sE9vKx3NqD5tHbL".into(),
                annotations: vec![],
            })),
        },
    );
}

#[test]
fn data_chunk_and_eof_checksum_of_it() {
    pinned(
        "upload_asset_data",
        &BatonServiceUploadAssetRequest {
            msg: Some(UploadMessage::Data(UploadData {
                data: CHUNK.to_vec(),
            })),
        },
    );
    let checksum = Sha256::digest(CHUNK).to_vec();
    assert_eq!(
        checksum[..4],
        [0x5c, 0x0e, 0x9f, 0x57],
        "the README's sha256 prefix"
    );
    pinned(
        "upload_asset_eof",
        &BatonServiceUploadAssetRequest {
            msg: Some(UploadMessage::Eof(UploadEof {
                sha256_checksum: checksum,
                annotations: vec![],
            })),
        },
    );
}

#[test]
fn empty_replies_are_zero_bytes() {
    for name in [
        "upload_asset_response",
        "hello_response",
        "finish_task_response",
    ] {
        assert!(fixture(name).is_empty(), "{name}");
    }
    pinned(
        "upload_asset_response",
        &BatonServiceUploadAssetResponse::default(),
    );
    pinned("hello_response", &BatonServiceHelloResponse::default());
    pinned(
        "finish_task_response",
        &BatonServiceFinishTaskResponse::default(),
    );
}
