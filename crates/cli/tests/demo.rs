//! `baton-zoom demo --self-hosted`: both simulators in the process, the daemon taken
//! through hello, sync, grant and revoke, each step told on stdout, and the uploaded sync
//! saved into `--file`.

use zoom_sim::{Preset, SimConfig, Simulator};

use crate::support::daemon::only_finished_sync;
use crate::support::{run, succeeded};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_self_hosted_demo_tells_hello_sync_grant_and_revoke_and_saves_the_upload() {
    let folder = tempfile::tempdir().expect("a temp dir");
    let file = folder.path().join("demo.c1z");
    let output = {
        let file = file.clone();
        tokio::task::spawn_blocking(move || run(&file, &["demo", "--self-hosted"]))
            .await
            .expect("the runner thread does not panic")
    };
    let stdout = succeeded(&output);
    let steps: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|word| word.ends_with('.') && word[..word.len() - 1].parse::<u8>().is_ok())
        .collect();
    assert_eq!(steps, ["1.", "2.", "3.", "4."], "{stdout}");
    for expected in [
        "1. hello    baton-zoom",
        "2. sync ",
        "checksum verified; FinishTask success",
        "3. grant ",
        "FinishTask success (GrantManagerServiceGrantResponse)",
        "4. revoke ",
        "FinishTask success (GrantManagerServiceRevokeResponse)",
        "FinishTasks 3, uploads 1",
    ] {
        assert!(stdout.contains(expected), "{expected:?} missing: {stdout}");
    }

    // The demo's account is seed 1 of the small preset; after the grant and the revoke it
    // is as it was when synced, and the saved upload holds exactly it.
    let sim = Simulator::start(SimConfig::preset(Preset::Small).seed(1))
        .await
        .expect("the simulator starts");
    let sync_id = only_finished_sync(&file);
    sync_check::assert_exact(&file, &sync_id, &sim.ground_truth());
}
