//! Fixtures for the inspect tests: a seeded simulated Zoom account served in-process and
//! synced into a `.c1z` by the connector's sync engine, the same account's rows written
//! directly with the connector's resource builders (for files too large to sync in a
//! test), and a runner for the built binary.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::Path;
use std::process::{Command, Output};

use c1z::Batch;
use connector::kinds::license::License;
use connector::kinds::{contact_group, group, invite, role, user};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::runtime::Runtime;
use zoom_sim::generator::Preset;
use zoom_sim::tenant::ContactMemberType;
use zoom_sim::{GroundTruth, RateLimitMode, SimConfig, Simulator};

/// A simulator of the small seeded account every test starts from, with its runtime.
pub struct Sim {
    /// Runs the simulator's server and the syncs.
    pub runtime: Runtime,
    /// The simulated account.
    pub sim: Simulator,
}

impl Sim {
    /// Starts the simulator (rate limits off: these tests are about content, not pacing).
    pub fn start() -> Sim {
        let runtime = Runtime::new().expect("a tokio runtime");
        let config = SimConfig::preset(Preset::Small)
            .seed(7)
            .rate_limits(RateLimitMode::Off);
        let sim = runtime
            .block_on(Simulator::start(config))
            .expect("the simulator starts on a free loopback port");
        Sim { runtime, sim }
    }

    /// Syncs the account into `file` (appending a sync when it already holds some) by
    /// running `baton-zoom` as a user would.
    pub fn sync(&self, file: &Path) {
        let output = sync_command(&self.sim, file)
            .output()
            .expect("baton-zoom runs");
        assert!(
            output.status.success(),
            "the sync succeeds: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The account as the simulator holds it now.
    pub fn truth(&self) -> GroundTruth {
        self.sim.ground_truth()
    }
}

/// A `.c1z` holding one sync of the seeded account, and that account's ground truth.
pub fn synced_file(file: &Path) -> GroundTruth {
    let sim = Sim::start();
    sim.sync(file);
    sim.truth()
}

/// A simulator record read as the connector's Zoom model, through Zoom's JSON shape.
fn zoom<T: DeserializeOwned>(record: &impl Serialize, extra: Value) -> T {
    let mut value = serde_json::to_value(record).expect("simulator records serialise");
    if let (Value::Object(object), Value::Object(extra)) = (&mut value, extra) {
        object.extend(extra);
    }
    serde_json::from_value(value).expect("simulator records read as Zoom payloads")
}

/// Every row a full sync of `truth` writes, built with the connector's resource builders.
pub fn rows(truth: &GroundTruth) -> Batch {
    let mut batch = Batch {
        resource_types: connector::kinds::resource_types(),
        ..Batch::default()
    };
    for u in &truth.users {
        let zoom_user: zoom_api::User = zoom(u, json!({}));
        batch.resources.extend(user::resource(&zoom_user));
        batch.grants.push(role::member_grant(&u.role_id, &u.id));
        if let Some(license) = License::of(zoom_user.user_type) {
            batch.grants.push(license.grant(&u.id));
        }
    }
    for pending in &truth.pending_users {
        let zoom_user: zoom_api::User = zoom(pending, json!({"status": "pending"}));
        batch.resources.push(invite::resource(&zoom_user));
    }
    for g in &truth.groups {
        let resource = group::resource(&zoom(g, json!({})));
        batch.entitlements.extend(group::entitlements(&resource));
        batch.resources.push(resource);
        for member in &g.member_ids {
            batch.grants.push(group::member_grant(&g.id, member));
        }
        for admin in &g.admin_ids {
            batch.grants.push(group::admin_grant(&g.id, admin));
        }
    }
    for r in &truth.roles {
        let resource = role::resource(&zoom(r, json!({})));
        batch.entitlements.push(role::entitlement(&resource));
        batch.resources.push(resource);
    }
    for c in &truth.contact_groups {
        let resource = contact_group::resource(&zoom(c, json!({})));
        batch
            .entitlements
            .push(contact_group::entitlement(&resource));
        batch.resources.push(resource);
        for member in &c.members {
            match member.member_type {
                ContactMemberType::User => batch
                    .grants
                    .push(contact_group::user_member_grant(&c.id, &member.id)),
                ContactMemberType::Group if !c.dangling_group_ids.contains(&member.id) => batch
                    .grants
                    .push(contact_group::group_member_grant(&c.id, &member.id)),
                ContactMemberType::Group => {}
            }
        }
    }
    for license in License::ALL {
        batch.entitlements.push(license.entitlement());
        batch.resources.push(license.resource());
    }
    batch
}

/// Runs `baton-zoom --file <file> <args>` with no terminal and no `COLUMNS`.
pub fn run(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baton-zoom"))
        .arg("--file")
        .arg(file)
        .args(args)
        .env_remove("COLUMNS")
        .env_remove("BATON_FILE")
        .output()
        .expect("the binary runs")
}

/// Runs a subcommand that must succeed and returns its stdout.
pub fn stdout(file: &Path, args: &[&str]) -> String {
    let output = run(file, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// Runs a subcommand with `-o json` and parses its output.
pub fn json_of(file: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["-o", "json"]);
    let text = stdout(file, &args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
}

/// The strings at `pointer` in each element of `list`, sorted.
pub fn sorted_at(list: &Value, pointer: &str) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|item| {
            item.pointer(pointer)
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("no string at {pointer} in {item}"))
                .to_owned()
        })
        .collect();
    out.sort();
    out
}

/// `baton-zoom` set up to sync `sim` into `file`, with the credentials as flags.
pub fn sync_command(sim: &Simulator, file: &Path) -> Command {
    let credentials = sim.credentials();
    let mut command = Command::new(env!("CARGO_BIN_EXE_baton-zoom"));
    command
        .arg("--file")
        .arg(file)
        .args(["--account-id", sim.account_id()])
        .args(["--zoom-client-id", &credentials.client_id])
        .args(["--zoom-client-secret", &credentials.client_secret])
        .args(["--zoom-api-url", &sim.api_url()])
        .args(["--zoom-oauth-url", &sim.oauth_url()])
        .args(["--zoom-plan", "business", "--log-level", "warn"]);
    command
}
