//! Replacing the target `.c1z` atomically: compress into a temp file in the same folder,
//! fsync it, rename it over the target, fsync the folder.
//!
//! Until the rename, the target is untouched; after it, the new file is complete on disk.
//! A failure or kill in between leaves at most a stray temp file, which the temp-file guard
//! deletes on every error path the process survives.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::container;
use crate::error::{Error, Result};

/// The folder holding `path` (`.` for a bare file name).
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A hidden temp-file name prefix naming the target and the purpose, e.g.
/// `.sync.c1z.publish.`, so a leftover from a killed process says where it came from.
pub(super) fn temp_prefix(target: &Path, purpose: &str) -> String {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.{purpose}.")
}

/// Publishes database `db` as the `.c1z` at `target`; returns the file's size.
///
/// `before_rename` runs once the temp file is complete and synced, just before it replaces
/// the target: the last moment a failure can still leave the previous file in place.
pub(super) fn publish(
    db: &Path,
    target: &Path,
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<u64> {
    let dir = folder_of(target);
    let prefix = temp_prefix(target, "publish");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // Like Go's os.Create: 0666 minus the umask, not tempfile's private 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    let temp_path = temp.path().to_path_buf();
    {
        let mut out = BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        container::compress(db, &mut out, &temp_path)?;
        out.flush().map_err(|e| Error::io(&temp_path, e))?;
    }
    let file = temp.as_file();
    file.sync_all().map_err(|e| Error::io(&temp_path, e))?;
    let size = file.metadata().map_err(|e| Error::io(&temp_path, e))?.len();
    before_rename(&temp_path).map_err(|e| Error::io(&temp_path, e))?;
    temp.persist(target)
        .map_err(|e| Error::io(target, e.error))?;
    // Make the rename itself durable.
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))?;
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn temp_files(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .expect("test dir is readable")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.starts_with(".sync.c1z.publish."))
            .collect()
    }

    #[test]
    fn failure_between_write_and_rename_keeps_the_previous_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("sync.c1z");
        let db = dir.path().join("db");
        fs::write(&target, b"previous c1z bytes").expect("write previous");
        fs::write(&db, b"new database bytes").expect("write db");

        let mut saw_temp = None;
        let result = publish(&db, &target, |temp| {
            saw_temp = Some(fs::read(temp).expect("temp file is complete before the rename"));
            Err(io::Error::other("injected failure before rename"))
        });

        assert!(matches!(result, Err(Error::Io { .. })));
        assert_eq!(
            fs::read(&target).expect("target still there"),
            b"previous c1z bytes"
        );
        let written = saw_temp.expect("hook ran");
        assert_eq!(&written[..5], b"C1ZF\0");
        assert!(
            temp_files(dir.path()).is_empty(),
            "temp file removed on failure"
        );
    }

    #[test]
    fn publish_replaces_the_target_with_header_and_zstd_stream() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("sync.c1z");
        let db = dir.path().join("db");
        fs::write(&target, b"previous").expect("write previous");
        fs::write(&db, b"database content").expect("write db");

        let size = publish(&db, &target, |_| Ok(())).expect("publish succeeds");

        let bytes = fs::read(&target).expect("target readable");
        assert_eq!(size, bytes.len() as u64);
        assert_eq!(&bytes[..5], b"C1ZF\0");
        assert_eq!(&bytes[5..9], [0x28, 0xB5, 0x2F, 0xFD]);
        let decoded = zstd::decode_all(&bytes[5..]).expect("valid zstd");
        assert_eq!(decoded, b"database content");
        assert!(temp_files(dir.path()).is_empty());
    }
}
