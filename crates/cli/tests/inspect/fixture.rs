//! Fixtures for the inspect tests: a seeded simulated Zoom account, written into a `.c1z`
//! with the connector's own resource builders (the rows a sync of that account writes), and
//! a runner for the built binary.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::Path;
use std::process::{Command, Output};

use c1z::{Batch, SyncKind, Writer, WriterConfig};
use connector::kinds::license::License;
use connector::kinds::{contact_group, group, invite, role, user};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use zoom_sim::GroundTruth;
use zoom_sim::generator::{Preset, generate};
use zoom_sim::tenant::{ContactMemberType, Tenant};

/// The small seeded account every test starts from.
pub fn tenant() -> Tenant {
    generate(&Preset::Small.spec(), 7)
}

/// A simulator record read as the connector's Zoom model, through Zoom's JSON shape.
fn zoom<T: DeserializeOwned>(record: &impl Serialize, extra: Value) -> T {
    let mut value = serde_json::to_value(record).expect("simulator records serialise");
    if let (Value::Object(object), Value::Object(extra)) = (&mut value, extra) {
        object.extend(extra);
    }
    serde_json::from_value(value).expect("simulator records read as Zoom payloads")
}

/// Every row a full sync of `truth` writes.
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

/// Appends a finished full sync of `truth` to the `.c1z` at `path` (creating it).
pub fn write_sync(path: &Path, truth: &GroundTruth) {
    let mut writer = Writer::open(path, WriterConfig::default()).expect("writer opens");
    writer.start_sync(SyncKind::Full).expect("sync starts");
    writer.write_batch(&rows(truth)).expect("rows are written");
    writer.finish().expect("sync is published");
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
