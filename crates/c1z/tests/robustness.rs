//! Damaged or hostile files give a clear error, never a panic, and never damage the
//! previous `.c1z` when a writer is involved.

use std::io::Write;
use std::path::{Path, PathBuf};

use c1z::{Error, Limits, ReadOptions, Reader, SyncKind, Writer, WriterConfig};

use crate::support;

fn open_err(path: &Path, limits: Limits) -> Error {
    match Reader::open(
        path,
        &ReadOptions {
            limits,
            temp_dir: None,
        },
    ) {
        Ok(_) => panic!("{} should not open", path.display()),
        Err(e) => e,
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("fixture written");
    path
}

fn valid_c1z(dir: &Path) -> Vec<u8> {
    let path = dir.join("valid.c1z");
    let mut writer = Writer::open(&path, WriterConfig::default()).expect("opens");
    writer.start_sync(SyncKind::Full).expect("starts");
    writer.write_batch(&support::graph(2)).expect("commits");
    writer.finish().expect("publishes");
    std::fs::read(&path).expect("readable")
}

fn c1z_of(
    content: &[u8],
    configure: impl FnOnce(&mut zstd::stream::write::Encoder<'static, Vec<u8>>),
) -> Vec<u8> {
    let mut encoder = zstd::stream::write::Encoder::new(Vec::new(), 1).expect("encoder");
    configure(&mut encoder);
    encoder.write_all(content).expect("compress");
    let mut bytes = c1z::MAGIC.to_vec();
    bytes.extend(encoder.finish().expect("finish"));
    bytes
}

#[test]
fn wrong_header_is_not_a_c1z() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zip = write(dir.path(), "a.zip", b"PK\x03\x04 not a c1z at all");
    assert!(matches!(open_err(&zip, Limits::default()), Error::NotC1z { path } if path == zip));
    let short = write(dir.path(), "short", b"C1Z");
    assert!(matches!(
        open_err(&short, Limits::default()),
        Error::NotC1z { .. }
    ));
    let sqlite = write(dir.path(), "raw.db", b"SQLite format 3\0");
    assert_eq!(
        open_err(&sqlite, Limits::default()).to_string(),
        format!(
            "{}: not a c1z file (the first bytes are not the C1ZF header)",
            sqlite.display()
        )
    );
}

#[test]
fn pebble_v3_file_is_reported_as_unsupported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v3 = write(dir.path(), "v3.c1z", b"C1Z3\0\0\0\0\x10manifest");
    assert!(matches!(
        open_err(&v3, Limits::default()),
        Error::UnsupportedVersion { .. }
    ));
}

#[test]
fn random_bytes_give_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A fixed xorshift stream keeps the test deterministic.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut noise = vec![0u8; 64 * 1024];
    for byte in &mut noise {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *byte = state as u8;
    }
    let random = write(dir.path(), "random", &noise);
    assert!(matches!(
        open_err(&random, Limits::default()),
        Error::NotC1z { .. }
    ));
    let mut after_header = c1z::MAGIC.to_vec();
    after_header.extend(&noise);
    let random = write(dir.path(), "random.c1z", &after_header);
    assert!(matches!(
        open_err(&random, Limits::default()),
        Error::Corrupt { .. }
    ));
}

#[test]
fn truncated_files_are_reported_as_damaged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let valid = valid_c1z(dir.path());
    for cut in [5, 7, 12, valid.len() / 2, valid.len() - 1] {
        let path = write(dir.path(), &format!("cut{cut}.c1z"), &valid[..cut]);
        let err = open_err(&path, Limits::default());
        assert!(matches!(err, Error::Corrupt { .. }), "cut at {cut}: {err}");
    }
}

#[test]
fn valid_zstd_of_something_other_than_sqlite_is_damaged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "text.c1z", &c1z_of(&[b'x'; 10_000], |_| {}));
    let err = open_err(&path, Limits::default());
    assert!(
        matches!(err, Error::Corrupt { ref reason, .. } if reason.contains("not a database")),
        "{err}"
    );

    let err = Writer::open(&path, WriterConfig::default())
        .err()
        .expect("writer refuses it");
    assert!(
        matches!(err, Error::Corrupt { path: ref p, .. } if *p == path),
        "{err}"
    );
    assert!(
        !dir.path().join("text.c1z.partial").exists(),
        "no working file left behind"
    );
}

#[test]
fn zstd_bomb_stops_at_the_decoded_size_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zeros = vec![0u8; 32 << 20];
    let bomb = c1z_of(&zeros, |_| {});
    assert!(bomb.len() < 64 * 1024, "a small file: {} bytes", bomb.len());
    let path = write(dir.path(), "bomb.c1z", &bomb);
    let limits = Limits {
        max_decoded: 1 << 20,
        ..Limits::default()
    };
    assert!(matches!(open_err(&path, limits), Error::TooLarge { limit, .. } if limit == 1 << 20));

    // A frame that declares its size is refused before decoding anything.
    let declared = c1z_of(&zeros, |e| {
        e.set_pledged_src_size(Some(zeros.len() as u64))
            .expect("pledge");
        e.include_contentsize(true).expect("fcs");
    });
    let path = write(dir.path(), "declared.c1z", &declared);
    assert!(matches!(open_err(&path, limits), Error::TooLarge { .. }));
}

#[test]
fn window_over_128_mib_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let huge_window = c1z_of(b"tiny", |e| {
        e.long_distance_matching(true).expect("ldm");
        e.window_log(28).expect("window");
    });
    let path = write(dir.path(), "window.c1z", &huge_window);
    let err = open_err(&path, Limits::default());
    assert!(
        matches!(err, Error::WindowTooLarge { window, limit, .. } if window == 1 << 28 && limit == 128 << 20),
        "{err}"
    );
    assert_eq!(
        Limits::default(),
        Limits {
            max_window: 128 << 20,
            max_decoded: 3 << 30
        }
    );
}

#[test]
fn missing_file_is_an_io_error_and_empty_file_has_no_syncs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.c1z");
    assert!(
        matches!(open_err(&missing, Limits::default()), Error::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound)
    );
    let empty = write(dir.path(), "empty.c1z", b"");
    let reader = support::read(&empty);
    assert_eq!(reader.sync_runs().expect("runs"), []);
    assert_eq!(reader.view(None).expect("view").sync(), None);
}

#[test]
fn writer_refuses_a_damaged_target_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let valid = valid_c1z(dir.path());
    let target = write(dir.path(), "sync.c1z", &valid[..valid.len() / 2]);
    let err = match Writer::open(&target, WriterConfig::default()) {
        Ok(_) => panic!("damaged target should be refused"),
        Err(e) => e,
    };
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    assert_eq!(
        std::fs::read(&target).expect("target readable"),
        &valid[..valid.len() / 2]
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n != "sync.c1z" && n != "valid.c1z")
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

#[test]
fn writer_names_a_missing_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-dir");
    let err = Writer::open(missing.join("sync.c1z"), WriterConfig::default())
        .err()
        .expect("missing folder refused");
    assert!(
        matches!(err, Error::Io { ref path, ref error } if *path == missing && error.kind() == std::io::ErrorKind::NotFound),
        "{err}"
    );
}
