//! UploadAsset: a sync file streamed as metadata, data chunks and a checksum.

use prost_types::Any;

/// `BatonServiceUploadAssetRequest.UploadMetadata`: the first message of an upload.
#[derive(Clone, PartialEq, prost::Message)]
pub struct UploadMetadata {
    /// The connector host's id.
    #[prost(string, tag = "1")]
    pub host_id: String,
    /// The sync task the file belongs to.
    #[prost(string, tag = "2")]
    pub task_id: String,
    /// Annotations (at most 16). Field 3 is not used.
    #[prost(message, repeated, tag = "4")]
    pub annotations: Vec<Any>,
}

/// `BatonServiceUploadAssetRequest.UploadData`: one chunk, 1 byte to 1 MiB.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct UploadData {
    /// The bytes.
    #[prost(bytes = "vec", tag = "1")]
    pub data: Vec<u8>,
}

/// `BatonServiceUploadAssetRequest.UploadEOF`: the last message, with the file's checksum.
#[derive(Clone, PartialEq, prost::Message)]
pub struct UploadEof {
    /// SHA-256 of the whole file, 32 raw bytes.
    #[prost(bytes = "vec", tag = "1")]
    pub sha256_checksum: Vec<u8>,
    /// Annotations (at most 16).
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
}

/// The `msg` oneof of [`BatonServiceUploadAssetRequest`].
#[derive(Clone, PartialEq, prost::Oneof)]
pub enum UploadMessage {
    /// First.
    #[prost(message, tag = "100")]
    Metadata(UploadMetadata),
    /// Each chunk.
    #[prost(message, tag = "101")]
    Data(UploadData),
    /// Last.
    #[prost(message, tag = "102")]
    Eof(UploadEof),
}

/// `c1.connectorapi.baton.v1.BatonServiceUploadAssetRequest`: one message of the stream.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceUploadAssetRequest {
    /// What this message carries (required).
    #[prost(oneof = "UploadMessage", tags = "100, 101, 102")]
    pub msg: Option<UploadMessage>,
}

/// `c1.connectorapi.baton.v1.BatonServiceUploadAssetResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceUploadAssetResponse {
    /// Annotations.
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
}
