//! The crate's error type: one variant per situation a caller acts on differently.

use std::io;
use std::path::PathBuf;

use crate::sync_run::SyncId;

/// Everything that can go wrong reading or writing a `.c1z` file.
///
/// Each message is whole: where a variant wraps another error, its text is part of the
/// message and `source()` does not return it again.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file does not start with the `C1ZF\0` magic.
    #[error("{path}: not a c1z file (the first bytes are not the C1ZF header)")]
    NotC1z {
        /// The file.
        path: PathBuf,
    },
    /// The file is a c1z v3 (Pebble) file, which only the newest Go SDK writes.
    #[error(
        "{path}: c1z v3 (Pebble) files are not supported; write it with --storage-engine sqlite"
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
    },
    /// The zstd stream asks for a larger window than the reader allows (a decompression bomb
    /// or a file compressed with long-distance settings).
    #[error(
        "{path}: the compressed data needs a {window} byte window, over the {limit} byte limit"
    )]
    WindowTooLarge {
        /// The file.
        path: PathBuf,
        /// The window the frame declares.
        window: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The decompressed database would be larger than the reader allows.
    #[error("{path}: the decompressed database exceeds the {limit} byte limit")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The configured limit.
        limit: u64,
    },
    /// The file has a valid header but its content is truncated or damaged.
    #[error("{path}: damaged c1z file: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What was found wrong.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        error: io::Error,
    },
    /// Another process is writing a sync into the same file.
    #[error("{path}: another sync is writing to this file")]
    Busy {
        /// The working file that is locked.
        path: PathBuf,
    },
    /// A SQLite statement failed.
    #[error("sqlite: {0}")]
    Sqlite(rusqlite::Error),
    /// A stored row does not decode as the message its table holds.
    #[error("{table} row {row_id}: invalid protobuf data: {error}")]
    Decode {
        /// The table.
        table: &'static str,
        /// The row's `id`.
        row_id: i64,
        /// The decoding error.
        error: prost::DecodeError,
    },
    /// A message lacks a field the file's index columns are built from.
    #[error("{message} {id:?} has no {field}")]
    MissingField {
        /// The message kind, e.g. `Grant`.
        message: &'static str,
        /// The message's id, as far as known.
        id: String,
        /// The missing field path, e.g. `entitlement.resource.id`.
        field: &'static str,
    },
    /// A write was attempted with no sync run started or resumed.
    #[error("no sync run is in progress; start or resume one first")]
    NoActiveSync,
    /// A sync was started while another one is in progress on the same writer.
    #[error("sync {0} is already in progress")]
    SyncInProgress(SyncId),
    /// Resume was requested but the file holds no unfinished sync younger than 7 days.
    #[error("there is no unfinished sync to resume")]
    NothingToResume,
    /// The requested sync id is not in the file.
    #[error("sync {0} is not in the file")]
    SyncNotFound(String),
    /// A page token was not one this reader produced.
    #[error("invalid page token {0:?}")]
    InvalidPageToken(String),
    /// The writer thread has stopped (finished, closed, or panicked).
    #[error("the c1z writer has stopped")]
    WriterStopped,
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn io(path: impl Into<PathBuf>, error: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        Error::Sqlite(error)
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn a_wrapped_error_is_part_of_the_message_and_not_a_source_again() {
        let error = Error::io("x.c1z", io::Error::other("disk full"));
        assert_eq!(error.to_string(), "x.c1z: disk full");
        assert!(error.source().is_none());
        let error = Error::from(rusqlite::Error::InvalidQuery);
        assert!(error.to_string().starts_with("sqlite: "), "{error}");
        assert!(error.source().is_none());
    }
}
