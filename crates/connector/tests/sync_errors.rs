//! A sync that cannot run fails with a typed error whose text names the fix, and leaves the
//! file it was pointed at as it was.

use connector::sync::{NoProgress, SyncError};
use secrecy::SecretString;
use zoom_api::Client;
use zoom_sim::{Preset, SimConfig};

use crate::support::start;
use crate::support::sync::{assert_exact, client, config, sync, sync_with, unlimited};

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
async fn wrong_credentials_fail_before_anything_is_published() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small))).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let mut bad = config(&sim);
    bad.client_secret = SecretString::from("not-the-secret".to_owned());
    let client = Client::new(bad).expect("a well-formed configuration");
    let error = sync_with(&client, &file, &NoProgress)
        .await
        .expect_err("the credentials are wrong");
    assert!(
        matches!(error, SyncError::Zoom(zoom_api::Error::Auth(_))),
        "{error:?}"
    );
    assert!(!error.to_string().contains("not-the-secret"));
    assert!(!file.exists(), "nothing is published by a failed sync");
}

#[tokio::test]
async fn missing_scopes_are_named_and_the_next_run_with_them_finishes() {
    let sim = start(unlimited(SimConfig::preset(Preset::Small))).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sync.c1z");
    let users_only = sim.add_app(["user:read:list_users:admin"]);
    let mut limited = config(&sim);
    limited.client_id = users_only.client_id.clone();
    limited.client_secret = SecretString::from(users_only.client_secret.clone());
    let error = sync_with(&Client::new(limited).expect("valid"), &file, &NoProgress)
        .await
        .expect_err("group and role scopes are missing");
    assert!(
        matches!(error, SyncError::Zoom(zoom_api::Error::MissingScopes(_))),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("add them to the Server-to-Server OAuth app"),
        "{error}"
    );
    assert!(!file.exists());
    // With the scopes granted, the next run resumes what the first one stored and finishes.
    let report = sync_with(&client(&sim), &file, &NoProgress)
        .await
        .expect("the sync finishes");
    assert!(report.resumed);
    assert_exact(&file, &report.sync_id, &sim.ground_truth());
}
