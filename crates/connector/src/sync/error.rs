//! Why a sync failed, each with what to do about it.

use std::path::PathBuf;

/// A sync that did not finish. Whatever was stored before the failure stays in the working
/// file next to `--file` and the next run on the same file resumes from it; the previous
/// `.c1z` is never touched unless the run finishes.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// Zoom refused or failed a request (the text names the fix: credentials, scopes,
    /// rate limits, network).
    #[error(transparent)]
    Zoom(#[from] zoom_api::Error),
    /// Another process is syncing into the same file.
    #[error(
        "another sync is writing to {}: wait for it to finish, or sync into another --file",
        .path.display()
    )]
    Busy {
        /// The working file that is locked.
        path: PathBuf,
    },
    /// The `.c1z` file could not be read, written or published.
    #[error("{error}; {}", file_fix(.error))]
    File {
        /// The file error, part of the message.
        error: c1z::Error,
    },
    /// The run was stopped from inside (its writer or a worker ended early).
    #[error("the sync stopped before it finished; run it again to resume where it stopped")]
    Stopped,
}

impl From<c1z::Error> for SyncError {
    fn from(error: c1z::Error) -> Self {
        match error {
            c1z::Error::Busy { path } => SyncError::Busy { path },
            error => SyncError::File { error },
        }
    }
}

/// The advice that goes with a file error.
fn file_fix(error: &c1z::Error) -> &'static str {
    match error {
        c1z::Error::NotC1z { .. } | c1z::Error::UnsupportedVersion { .. } => {
            "point --file at a baton .c1z file or at a new path"
        }
        c1z::Error::Corrupt { .. }
        | c1z::Error::TooLarge { .. }
        | c1z::Error::WindowTooLarge { .. } => {
            "move the damaged file away (or pick another --file) and sync again"
        }
        c1z::Error::Io { .. } => "check that the folder of --file exists and is writable",
        _ => "check --file and the free disk space, then run the sync again to resume it",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_name_a_fix_and_busy_is_its_own_case() {
        let not_c1z = SyncError::from(c1z::Error::NotC1z {
            path: "x.c1z".into(),
        });
        assert!(
            not_c1z
                .to_string()
                .ends_with("point --file at a baton .c1z file or at a new path"),
            "{not_c1z}"
        );
        let busy = SyncError::from(c1z::Error::Busy {
            path: "x.c1z.partial".into(),
        });
        assert!(matches!(busy, SyncError::Busy { .. }));
        assert!(busy.to_string().contains("another --file"));
    }

    #[test]
    fn wrapped_errors_are_told_once() {
        use std::error::Error as _;
        let file = SyncError::from(c1z::Error::NotC1z {
            path: "x.c1z".into(),
        });
        assert!(
            file.to_string().starts_with("x.c1z: not a c1z file"),
            "{file}"
        );
        assert!(file.source().is_none());
        let zoom = SyncError::from(zoom_api::Error::MissingScopes(vec![
            "user:read:admin".into(),
        ]));
        assert_eq!(
            zoom.to_string(),
            zoom_api::Error::MissingScopes(vec!["user:read:admin".into()]).to_string()
        );
        assert!(zoom.source().is_none());
    }
}
