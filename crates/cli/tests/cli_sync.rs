//! `baton-zoom` as a user runs it: the default command syncs a simulated account into
//! `--file`, survives being killed and resumes, reads `.baton.yaml`, and answers bad input
//! with one line naming the fix, a non-zero exit and the previous file untouched.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use c1z::{GrantFilter, ReadOptions, Reader};
use rand::{RngExt, SeedableRng};
use tokio::runtime::Runtime;
use zoom_sim::generator::Preset;
use zoom_sim::{Latency, RateLimitMode, SimConfig, Simulator};

use crate::support::{error_line, sync_command};

fn start(preset: Preset, latency_ms: u64) -> (Runtime, Simulator) {
    let runtime = Runtime::new().expect("a tokio runtime");
    let config = SimConfig::preset(preset)
        .seed(11)
        .rate_limits(RateLimitMode::Off)
        .latency(Latency {
            base: Duration::from_millis(latency_ms),
            ..Latency::default()
        });
    let sim = runtime
        .block_on(Simulator::start(config))
        .expect("the simulator starts");
    (runtime, sim)
}

/// Every resource id and grant id of the latest finished sync in `file`.
fn contents(file: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let reader = Reader::open(file, &ReadOptions::default()).expect("the file opens");
    let view = reader.view(None).expect("a finished sync");
    let resources = view
        .resources(None)
        .into_iter()
        .map(|r| {
            let id = r.expect("resource row").id.expect("resource id");
            format!("{}:{}", id.resource_type, id.resource)
        })
        .collect();
    let grants = view
        .grants(GrantFilter::All)
        .into_iter()
        .map(|g| g.expect("grant row").id)
        .collect();
    (resources, grants)
}

fn finished_syncs(file: &Path) -> usize {
    let reader = Reader::open(file, &ReadOptions::default()).expect("the file opens");
    let runs = reader.sync_runs().expect("sync runs");
    runs.iter().filter(|run| run.ended_at.is_some()).count()
}

#[test]
fn the_default_command_syncs_every_user_of_the_account() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("sync.c1z");
    let output = sync_command(&sim, &file).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    let truth = sim.ground_truth();
    assert!(
        summary.contains(&format!("user {}", truth.users.len())),
        "{summary}"
    );

    let (resources, grants) = contents(&file);
    let users: BTreeSet<String> = resources
        .iter()
        .filter(|id| id.starts_with("user:"))
        .cloned()
        .collect();
    let expected: BTreeSet<String> = truth
        .users
        .iter()
        .map(|u| format!("user:{}", u.id))
        .collect();
    assert_eq!(users, expected);
    let memberships: usize = truth.groups.iter().map(|g| g.member_ids.len()).sum();
    let member_grants = grants
        .iter()
        .filter(|id| id.starts_with("group:") && id.contains(":member:"))
        .count();
    assert_eq!(member_grants, memberships);
}

#[test]
fn a_sync_killed_at_random_points_resumes_to_the_same_result_and_keeps_the_earlier_sync() {
    let (_runtime, sim) = start(Preset::Medium, 20);
    let folder = tempfile::tempdir().unwrap();
    let reference = folder.path().join("reference.c1z");
    assert!(sync_command(&sim, &reference).status().unwrap().success());
    let expected = contents(&reference);

    let file = folder.path().join("sync.c1z");
    assert!(sync_command(&sim, &file).status().unwrap().success());
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    for _ in 0..3 {
        let mut child = sync_command(&sim, &file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.random_range(150..1200)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        assert_eq!(
            contents(&file),
            expected,
            "the earlier finished sync reads back intact"
        );
    }
    let output = sync_command(&sim, &file).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(contents(&file), expected);
    assert_eq!(
        finished_syncs(&file),
        2,
        "the first sync and the resumed one (cleanup keeps two)"
    );
}

/// The working file a sync into `file` writes before publishing.
fn working_file(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    name.into()
}

#[test]
fn bad_credentials_are_named_and_leave_the_previous_file_untouched_and_no_working_file() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("sync.c1z");
    assert!(sync_command(&sim, &file).status().unwrap().success());
    let before = std::fs::read(&file).unwrap();

    let output = sync_command(&sim, &file)
        .args(["--zoom-client-secret", "-not-the-secret"])
        .output()
        .unwrap();
    let line = error_line(&output);
    assert!(line.contains("client"), "{line}");
    assert!(!line.contains(&sim.credentials().client_secret), "{line}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert!(
        !working_file(&file).exists(),
        "nothing was stored, so no copy of the previous sync stays beside it"
    );
}

/// `baton-zoom` for `sim` with the credentials of `app` instead of the full-scope app's.
fn command_for_app(sim: &Simulator, file: &Path, app: &zoom_sim::AppCredentials) -> Command {
    let mut command = sync_command(sim, file);
    command.args([
        "--zoom-client-id",
        &app.client_id,
        "--zoom-client-secret",
        &app.client_secret,
    ]);
    command
}

/// Runs `validate` (with `args`) for `app`, expects it to pass, and returns its stdout.
fn validate_passes(sim: &Simulator, app: &zoom_sim::AppCredentials, args: &[&str]) -> String {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("sync.c1z");
    let validate = command_for_app(sim, &file, app)
        .arg("validate")
        .args(args)
        .output()
        .unwrap();
    assert!(
        validate.status.success(),
        "{}",
        String::from_utf8_lossy(&validate.stderr)
    );
    String::from_utf8_lossy(&validate.stdout).into_owned()
}

#[test]
fn validate_fails_naming_the_user_listing_scope_when_it_is_missing() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let app = sim.add_app([
        "group:read:admin",
        "role:read:admin",
        "contact_group:read:admin",
    ]);
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("sync.c1z");
    let validate = command_for_app(&sim, &file, &app)
        .arg("validate")
        .output()
        .unwrap();
    let line = error_line(&validate);
    assert!(line.contains("user:read:list_users:admin"), "{line}");
    let stdout = String::from_utf8_lossy(&validate.stdout);
    assert!(
        stdout.contains(
            "error: missing scope user:read:list_users:admin: a sync cannot list users without it"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("warning"), "{stdout}");

    let sync = command_for_app(&sim, &file, &app).output().unwrap();
    let line = error_line(&sync);
    assert!(line.contains("user:read:list_users:admin"), "{line}");
    assert!(!file.exists(), "nothing half-written is published");

    // With the scope granted, the next run finishes and leaves no working file behind.
    let full = sync_command(&sim, &file).output().unwrap();
    assert!(
        full.status.success(),
        "{}",
        String::from_utf8_lossy(&full.stderr)
    );
    assert!(file.is_file());
    assert!(!working_file(&file).exists());
}

#[test]
fn validate_warns_once_per_missing_optional_scope_and_passes() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let app = sim.add_app(["user:read:admin"]);
    let stdout = validate_passes(&sim, &app, &[]);
    let warnings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("warning: missing scope "))
        .collect();
    assert_eq!(warnings.len(), 6, "{stdout}");
    for (scope, left_out) in [
        ("group:read:list_groups:admin", "a sync leaves out groups"),
        (
            "group:read:administrator:admin",
            "a sync leaves out group admin grants",
        ),
        ("role:read:list_roles:admin", "a sync leaves out roles"),
        ("role:read:role:admin", "a sync leaves out role privileges"),
        (
            "contact_group:read:list_groups:admin",
            "a sync leaves out contact groups",
        ),
        (
            "contact_group:read:list_members:admin",
            "a sync leaves out contact-group member grants",
        ),
    ] {
        let named = format!("missing scope {scope}:");
        assert_eq!(stdout.matches(&named).count(), 1, "{scope} in {stdout}");
        let line = warnings
            .iter()
            .find(|l| l.contains(&named))
            .unwrap_or_else(|| panic!("{scope} in {stdout}"));
        assert!(line.contains(left_out), "{line}");
    }
    assert!(!stdout.contains("per kind of change"), "{stdout}");

    let stdout = validate_passes(&sim, sim.credentials(), &[]);
    assert!(!stdout.contains("missing"), "{stdout}");
}

#[test]
fn validate_with_provisioning_says_per_change_what_the_scopes_allow() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let app = sim.add_app(zoom_sim::conductorone_scopes());
    let stdout = validate_passes(&sim, &app, &["--provisioning"]);
    assert!(
        stdout.contains("provisioning, per kind of change:"),
        "{stdout}"
    );
    for (change, verdict) in [
        ("grant or revoke a role", "allowed"),
        ("grant or revoke group admin", "not allowed"),
        ("create a user", "allowed"),
        ("activate or deactivate a user", "not allowed"),
        ("delete a user or an invitation", "not allowed"),
        ("grant or revoke contact-group membership", "not allowed"),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{change}:")))
            .unwrap_or_else(|| panic!("{change} in {stdout}"));
        assert!(
            line.ends_with(verdict) || line.contains(&format!("{verdict} ")),
            "{line}"
        );
        assert_eq!(
            verdict == "allowed",
            !line.contains("not allowed"),
            "{line}"
        );
    }
    // Each missing scope once, with everything it stops.
    let status = "user:update:status:admin";
    assert_eq!(stdout.matches(status).count(), 1, "{stdout}");
    let members = stdout
        .lines()
        .find(|l| l.contains("contact_group:read:list_members:admin"))
        .expect("the member scope is named");
    assert!(
        members.contains("a sync leaves out contact-group member grants"),
        "{members}"
    );
    assert!(
        members.contains("provisioning cannot grant or revoke contact-group membership"),
        "{members}"
    );
}

#[test]
fn a_sync_with_the_setup_guides_scopes_finishes_and_names_what_it_left_out() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let app = sim.add_app(zoom_sim::conductorone_scopes());
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("sync.c1z");
    let output = command_for_app(&sim, &file, &app).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let summary = String::from_utf8_lossy(&output.stdout);
    for line in [
        "not synced: contact-group members — add contact_group:read:list_members:admin",
        "not synced: role privileges — add role:read:role:admin",
    ] {
        assert!(summary.contains(&format!("  {line}")), "{summary}");
        let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains(line)).collect();
        assert_eq!(warnings.len(), 1, "{stderr}");
        assert!(warnings[0].contains("WARN"), "{}", warnings[0]);
    }
    let (_, grants) = contents(&file);
    assert!(grants.iter().all(|g| !g.starts_with("contactGroup:")));
    assert!(grants.iter().any(|g| g.starts_with("group:")));
}

#[test]
fn missing_credentials_unreachable_api_unwritable_path_and_foreign_files_are_refused() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("sync.c1z");

    let bare = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("--file")
        .arg(&file)
        .env_remove("BATON_ACCOUNT_ID")
        .output()
        .unwrap();
    assert!(error_line(&bare).contains("--account-id"));

    let unreachable = sync_command(&sim, &file)
        .args([
            "--zoom-api-url",
            "http://127.0.0.1:9/v2",
            "--zoom-oauth-url",
            "http://127.0.0.1:9/oauth/token",
        ])
        .output()
        .unwrap();
    error_line(&unreachable);
    assert!(!file.exists());
    assert!(!working_file(&file).exists());

    let nowhere = folder.path().join("missing-folder").join("sync.c1z");
    let line = error_line(&sync_command(&sim, &nowhere).output().unwrap());
    assert!(line.contains("missing-folder"), "{line}");

    std::fs::write(&file, b"not a c1z file").unwrap();
    let line = error_line(&sync_command(&sim, &file).output().unwrap());
    assert!(line.to_lowercase().contains("c1z"), "{line}");
    assert_eq!(std::fs::read(&file).unwrap(), b"not a c1z file");
}

#[test]
fn c1z_temp_dir_takes_the_decompressed_copies_and_must_exist() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("sync.c1z");
    let temp = folder.path().join("temp");
    std::fs::create_dir(&temp).unwrap();
    // With the system temp folder gone, only a run that decompresses into --c1z-temp-dir
    // can read a .c1z: the sync (which reads the published file back to count it) and the
    // inspect commands.
    let no_system_temp = folder.path().join("no-such-tmp");
    let sync = sync_command(&sim, &file)
        .arg("--c1z-temp-dir")
        .arg(&temp)
        .env("TMPDIR", &no_system_temp)
        .output()
        .unwrap();
    assert!(
        sync.status.success(),
        "{}",
        String::from_utf8_lossy(&sync.stderr)
    );
    let stats = |temp_dir: Option<&Path>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_baton-zoom"));
        command
            .args(["stats", "--file"])
            .arg(&file)
            .env("TMPDIR", &no_system_temp)
            .env_remove("BATON_C1Z_TEMP_DIR");
        if let Some(dir) = temp_dir {
            command.env("BATON_C1Z_TEMP_DIR", dir);
        }
        command.output().unwrap()
    };
    let read = stats(Some(&temp));
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    assert!(error_line(&stats(None)).contains("no-such-tmp"));
    assert_eq!(
        std::fs::read_dir(&temp).unwrap().count(),
        0,
        "copies are removed"
    );

    let missing = folder.path().join("missing-temp");
    let expected = format!(
        "error: the specified c1z temp dir does not exist: {}",
        missing.display()
    );
    assert_eq!(error_line(&stats(Some(&missing))), expected);
    let explore = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .args(["explore", "--file"])
        .arg(&file)
        .arg("--c1z-temp-dir")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(error_line(&explore), expected);
    let sync = sync_command(&sim, &file)
        .arg("--c1z-temp-dir")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(error_line(&sync), expected);

    // Stopped by Ctrl-C, or by SIGTERM as a service manager stops it, explore removes the
    // copy it reads.
    for signal in ["-INT", "-TERM"] {
        let mut explore = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
            .args(["explore", "--file"])
            .arg(&file)
            .arg("--c1z-temp-dir")
            .arg(&temp)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut url = String::new();
        BufReader::new(explore.stdout.take().unwrap())
            .read_line(&mut url)
            .unwrap();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        assert_eq!(
            std::fs::read_dir(&temp).unwrap().count(),
            1,
            "a copy is read"
        );
        let sent = Command::new("kill")
            .arg(signal)
            .arg(explore.id().to_string())
            .status()
            .unwrap();
        assert!(sent.success(), "{signal} is delivered");
        let status = explore.wait().unwrap();
        assert!(
            status.success(),
            "explore ends cleanly on {signal}: {status}"
        );
        assert_eq!(
            std::fs::read_dir(&temp).unwrap().count(),
            0,
            "explore removes its copy on {signal}"
        );
    }
}

#[test]
fn baton_yaml_supplies_flags_and_the_environment_beats_it() {
    let (_runtime, sim) = start(Preset::Small, 0);
    let folder = tempfile::tempdir().unwrap();
    let credentials = sim.credentials();
    std::fs::write(
        folder.path().join(".baton.yaml"),
        format!(
            "account-id: {}\nzoom-client-id: {}\nzoom-client-secret: \"{}\"\nzoom-api-url: {}\nzoom-oauth-url: {}\nfile: from-yaml.c1z\nlog-level: warn\n",
            sim.account_id(),
            credentials.client_id,
            credentials.client_secret,
            sim.api_url(),
            sim.oauth_url()
        ),
    )
    .unwrap();
    let run = |env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_baton-zoom"));
        command
            .current_dir(folder.path())
            .env_remove("BATON_CONFIG_PATH");
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().unwrap()
    };
    let output = run(&[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(folder.path().join("from-yaml.c1z").is_file());

    let output = run(&[("BATON_ACCOUNT_ID", "someone-else")]);
    error_line(&output);
}

#[test]
fn capabilities_and_config_print_the_go_connector_shapes() {
    let capabilities = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("capabilities")
        .output()
        .unwrap();
    assert!(capabilities.status.success());
    let value: serde_json::Value = serde_json::from_slice(&capabilities.stdout).unwrap();
    let types: Vec<&str> = value["resourceTypeCapabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["resourceType"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["contactGroup", "group", "invite", "license", "role", "user"]
    );
    assert_eq!(
        value["resourceTypeCapabilities"][1]["resourceType"]["displayName"],
        "Group"
    );
    assert_eq!(
        value["resourceTypeCapabilities"][1]["resourceType"]["traits"][0],
        "TRAIT_GROUP"
    );

    let config = Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("config")
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&config.stdout).unwrap();
    let names: Vec<&str> = value["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"zoom-client-secret") && names.contains(&"account-id"),
        "{names:?}"
    );
}
