//! A sync that cannot run fails with a typed error whose text names the fix, and leaves the
//! file it was pointed at as it was.

use std::path::{Path, PathBuf};

use connector::sync::{NoProgress, SyncError};
use zoom_sim::{Preset, SimConfig};

use crate::support::start;
use crate::support::sync::{client_with_secret, sync, sync_with, unlimited};

/// The working file a sync into `file` writes before publishing.
fn working_file(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    name.into()
}

#[tokio::test]
async fn a_file_that_is_not_a_c1z_is_refused_and_left_untouched() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small))).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("notes.c1z");
    std::fs::write(&file, "my notes, not a sync").expect("write the file");
    let error = sync(&sim, &file).await.expect_err("not a c1z");
    assert!(
        matches!(
            &error,
            SyncError::File {
                error: c1z::Error::NotC1z { .. }
            }
        ),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("point --file at a baton .c1z file"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("still there"),
        "my notes, not a sync"
    );
}

#[tokio::test]
async fn a_missing_folder_is_named() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small))).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("no-such-folder").join("sync.c1z");
    let error = sync(&sim, &file).await.expect_err("the folder is missing");
    let text = error.to_string();
    assert!(text.contains("no-such-folder"), "{text}");
    assert!(text.contains("exists and is writable"), "{text}");
}

#[tokio::test]
async fn wrong_credentials_fail_before_anything_is_published_or_left_behind() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small))).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let client = client_with_secret(&sim, "not-the-secret");
    let error = sync_with(&client, &file, &NoProgress)
        .await
        .expect_err("the credentials are wrong");
    assert!(
        matches!(error, SyncError::Zoom(zoom_api::Error::Auth(_))),
        "{error:?}"
    );
    assert!(!error.to_string().contains("not-the-secret"));
    assert!(!file.exists(), "nothing is published by a failed sync");
    assert!(
        !working_file(&file).exists(),
        "a run that stored nothing from Zoom leaves no working file"
    );
}
