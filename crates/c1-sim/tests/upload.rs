//! UploadAsset: a c1z sent in chunks is kept with its checksum; a wrong checksum, a file
//! that is not a c1z, an oversized chunk or a task never handed out are refused and not
//! kept. What is kept reads back as the sync file that was sent.

use c1_proto::baton::{
    BatonServiceUploadAssetRequest, SyncFullTask, TaskType, UploadData, UploadEof, UploadMessage,
    UploadMetadata,
};
use c1z::{
    Batch, Grant, GrantFilter, ReadOptions, Reader, ResourceId, SyncKind, Writer, WriterConfig,
};
use sha2::{Digest, Sha256};
use tonic::Code;

use crate::support::{Baton, HOST_ID, sim};

/// The SDK's chunk size.
const CHUNK: usize = 512 * 1024;

/// An upload stream of `bytes` for `task_id` in `chunk`-sized pieces, ending with `sha256`.
fn stream(
    task_id: &str,
    bytes: &[u8],
    chunk: usize,
    sha256: &[u8],
) -> Vec<BatonServiceUploadAssetRequest> {
    let message = |msg| BatonServiceUploadAssetRequest { msg: Some(msg) };
    let mut messages = vec![message(UploadMessage::Metadata(UploadMetadata {
        host_id: HOST_ID.into(),
        task_id: task_id.into(),
        annotations: vec![],
    }))];
    messages.extend(bytes.chunks(chunk).map(|piece| {
        message(UploadMessage::Data(UploadData {
            data: piece.to_vec(),
        }))
    }));
    messages.push(message(UploadMessage::Eof(UploadEof {
        sha256_checksum: sha256.to_vec(),
        annotations: vec![],
    })));
    messages
}

/// The stream of `bytes` in `chunk`-sized pieces with its right checksum.
fn checked_stream(
    task_id: &str,
    bytes: &[u8],
    chunk: usize,
) -> Vec<BatonServiceUploadAssetRequest> {
    let sha: [u8; 32] = Sha256::digest(bytes).into();
    stream(task_id, bytes, chunk, &sha)
}

/// A file of `len` bytes that starts as a c1z does.
fn c1z_like(len: usize) -> Vec<u8> {
    let mut bytes = b"C1ZF\0".to_vec();
    bytes.extend((0..len - 5).map(|i| (i % 251) as u8));
    bytes
}

/// A simulator, a client, and a sync task handed out to it.
async fn handed_out_sync() -> (c1_sim::C1Sim, Baton, String) {
    let sim = sim().await;
    let id = sim.push_task(TaskType::SyncFull(SyncFullTask::default()));
    let mut client = Baton::connect(&sim).await;
    client.get_task(HOST_ID).await.expect("served");
    (sim, client, id)
}

#[tokio::test]
async fn c1z_sent_in_512_kib_chunks_is_kept_byte_for_byte() {
    let (sim, mut client, id) = handed_out_sync().await;
    let file = c1z_like(3 * CHUNK + 1234);
    let sha: [u8; 32] = Sha256::digest(&file).into();
    client
        .upload(stream(&id, &file, CHUNK, &sha))
        .await
        .expect("accepted");
    let uploads = sim.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].bytes(), file.as_slice());
    assert_eq!(uploads[0].sha256, sha);
    assert_eq!(uploads[0].chunks, 4);
    let saved = tempfile::NamedTempFile::new().expect("temp file");
    uploads[0].write_to(saved.path()).expect("written");
    assert_eq!(std::fs::read(saved.path()).expect("read back"), file);
    assert!(sim.refusals().is_empty());
}

/// Sends `messages`, expects INVALID_ARGUMENT with a message starting `reason`, and
/// nothing kept.
async fn assert_refused(
    sim: &c1_sim::C1Sim,
    client: &mut Baton,
    messages: Vec<BatonServiceUploadAssetRequest>,
    reason: &str,
) {
    let status = client.upload(messages).await.expect_err("refused");
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().starts_with(reason), "{}", status.message());
    assert!(sim.uploads().is_empty());
    assert_eq!(sim.invalid_requests().len(), 1);
}

#[tokio::test]
async fn upload_with_a_wrong_checksum_is_refused_and_not_kept() {
    let (sim, mut client, id) = handed_out_sync().await;
    let file = c1z_like(1000);
    let mut sha: [u8; 32] = Sha256::digest(&file).into();
    sha[0] ^= 1;
    let messages = stream(&id, &file, CHUNK, &sha);
    assert_refused(&sim, &mut client, messages, "sha256 mismatch").await;
}

#[tokio::test]
async fn upload_that_is_not_a_c1z_is_refused() {
    let (sim, mut client, id) = handed_out_sync().await;
    let messages = checked_stream(&id, b"SQLite format 3\0", CHUNK);
    assert_refused(&sim, &mut client, messages, "not a c1z file").await;
}

#[tokio::test]
async fn chunk_over_one_mebibyte_is_refused() {
    let (sim, mut client, id) = handed_out_sync().await;
    let file = c1z_like(1024 * 1024 + 1);
    let messages = checked_stream(&id, &file, file.len());
    let reason = "data.data: must be 1 to 1048576 bytes, got 1048577";
    assert_refused(&sim, &mut client, messages, reason).await;
}

#[tokio::test]
async fn upload_for_a_task_never_handed_out_is_not_found() {
    let (sim, mut client, _) = handed_out_sync().await;
    let status = client
        .upload(checked_stream(
            "2uVd5RmJ7pW1sE9vKx3NqD5tHbL",
            &c1z_like(100),
            CHUNK,
        ))
        .await
        .expect_err("refused");
    assert_eq!(status.code(), Code::NotFound);
    assert!(sim.uploads().is_empty());
}

#[tokio::test]
async fn uploaded_sync_file_reads_back_with_the_c1z_reader() {
    let (sim, mut client, id) = handed_out_sync().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let written = dir.path().join("sync.c1z");
    let grant = Grant::new(
        &ResourceId::new("group", "g1"),
        "member",
        ResourceId::new("user", "u1"),
    );
    let mut writer = Writer::open(&written, WriterConfig::default()).expect("writer");
    writer.start_sync(SyncKind::Full).expect("sync starts");
    writer
        .write_batch(&Batch {
            grants: vec![grant.clone()],
            ..Batch::default()
        })
        .expect("batch written");
    writer.finish().expect("file published");
    let file = std::fs::read(&written).expect("the c1z");

    client
        .upload(checked_stream(&id, &file, CHUNK))
        .await
        .expect("accepted");
    let received = dir.path().join("received.c1z");
    sim.uploads()[0].write_to(&received).expect("saved");
    let reader = Reader::open(&received, &ReadOptions::default()).expect("a c1z");
    let view = reader.view(None).expect("its sync");
    let grants: Vec<Grant> = view
        .grants(GrantFilter::Entitlement("group:g1:member"))
        .into_iter()
        .collect::<c1z::Result<_>>()
        .expect("grants");
    assert_eq!(grants, [grant]);
}
