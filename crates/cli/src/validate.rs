//! `validate`: checks that the credentials work and reads the app's scopes (from its own
//! token) at three levels, before a long run finds out halfway:
//! - a scope a sync cannot do without (listing users) missing: an error, non-zero exit;
//! - a scope of an optional listing missing: a warning saying what the sync will leave out;
//! - with `--provisioning`: which kinds of change the scopes allow, per change.
//!
//! Each missing scope is named once, on one line that says everything it costs.

use std::collections::BTreeMap;

use connector::provision::CHANGE_KINDS;
use connector::sync::{OptionalListing, REQUIRED_ENDPOINTS};
use zoom_api::{Client, Endpoint, missing_scopes};

/// What one missing scope costs.
#[derive(Debug, Default)]
struct Cost {
    /// A sync cannot run without it.
    required: bool,
    /// What a sync leaves out without it.
    left_out: Vec<&'static str>,
    /// Kinds of change that cannot be made without it.
    changes: Vec<&'static str>,
}

/// Checks the app behind `client`; `provisioning` adds the scopes that changes need.
pub async fn run(client: &Client, provisioning: bool) -> anyhow::Result<()> {
    let granted = client.granted_scopes().await?;
    let report = Report::new(&granted, provisioning);
    print!("{}", report.text());
    if report.required.is_empty() {
        return Ok(());
    }
    anyhow::bail!(
        "the Zoom app lacks the scope(s) a sync needs: add {} to the Server-to-Server OAuth app in the Zoom App Marketplace and activate it again",
        report.required.join(", ")
    )
}

/// What the granted scopes allow.
struct Report {
    /// Missing scopes with their cost, by scope.
    missing: BTreeMap<&'static str, Cost>,
    /// Missing scopes a sync needs.
    required: Vec<&'static str>,
    /// Per kind of change, whether the scopes allow it (with `--provisioning`).
    changes: Vec<(&'static str, bool)>,
}

impl Report {
    fn new(granted: &[String], provisioning: bool) -> Report {
        let missing_for = |endpoints: &[Endpoint]| -> Vec<&'static str> {
            missing_scopes(granted, endpoints)
                .into_iter()
                .map(|(_, scope)| scope)
                .collect()
        };
        let mut missing: BTreeMap<&'static str, Cost> = BTreeMap::new();
        let required = missing_for(REQUIRED_ENDPOINTS);
        for scope in &required {
            missing.entry(scope).or_default().required = true;
        }
        for listing in OptionalListing::ALL {
            for scope in missing_for(&[listing.endpoint()]) {
                missing
                    .entry(scope)
                    .or_default()
                    .left_out
                    .push(listing.left_out());
            }
        }
        let mut changes = Vec::new();
        if provisioning {
            for change in CHANGE_KINDS {
                let lacking = missing_for(change.endpoints);
                for scope in &lacking {
                    missing.entry(scope).or_default().changes.push(change.name);
                }
                changes.push((change.name, lacking.is_empty()));
            }
        }
        Report {
            missing,
            required,
            changes,
        }
    }

    /// The lines to print: an opening verdict, one line per missing scope, then (with
    /// `--provisioning`) one line per kind of change.
    fn text(&self) -> String {
        let mut out = String::new();
        if self.required.is_empty() {
            out.push_str(
                "ok: the credentials work and the app may list users, which a sync needs\n",
            );
        }
        for (scope, cost) in &self.missing {
            let mut parts = Vec::new();
            if cost.required {
                parts.push("a sync cannot list users without it".to_owned());
            }
            if !cost.left_out.is_empty() {
                parts.push(format!("a sync leaves out {}", cost.left_out.join("; ")));
            }
            if !cost.changes.is_empty() {
                parts.push(format!("provisioning cannot {}", cost.changes.join(", ")));
            }
            let level = if cost.required { "error" } else { "warning" };
            out.push_str(&format!(
                "{level}: missing scope {scope}: {}\n",
                parts.join("; ")
            ));
        }
        if self.missing.is_empty() {
            out.push_str("ok: the app holds every scope a sync reads with\n");
        }
        if !self.changes.is_empty() {
            out.push_str("provisioning, per kind of change:\n");
            for (change, allowed) in &self.changes {
                let verdict = if *allowed {
                    "allowed"
                } else {
                    "not allowed (missing scopes above)"
                };
                out.push_str(&format!("  {change}: {verdict}\n"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_missing_scope_is_named_once_with_everything_it_costs() {
        let granted = scopes(&[
            "user:read:list_users:admin",
            "user:read:user:admin",
            "group:read:admin",
            "role:read:admin",
            "contact_group:read:list_groups:admin",
        ]);
        let report = Report::new(&granted, true);
        assert!(report.required.is_empty());
        let text = report.text();
        let line = text
            .lines()
            .find(|l| l.contains("contact_group:read:list_members:admin"))
            .expect("the missing member scope is named");
        assert!(line.starts_with("warning: "), "{line}");
        assert!(
            line.contains("a sync leaves out contact-group member grants"),
            "{line}"
        );
        assert!(
            line.contains("provisioning cannot grant or revoke contact-group membership"),
            "{line}"
        );
        for scope in [
            "contact_group:read:list_members:admin",
            "user:update:status:admin",
        ] {
            assert_eq!(text.matches(scope).count(), 1, "{scope} in {text}");
        }
        assert!(
            text.contains("  activate or deactivate a user: not allowed"),
            "{text}"
        );
        assert!(
            text.contains("  grant or revoke a role: not allowed"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_user_listing_scope_is_the_one_error() {
        let report = Report::new(&scopes(&["group:read:admin"]), false);
        assert_eq!(report.required, ["user:read:list_users:admin"]);
        let text = report.text();
        assert!(text.contains("error: missing scope user:read:list_users:admin: a sync cannot list users without it"), "{text}");
        assert!(!text.contains("per kind of change"));
        let everything = Report::new(
            &scopes(&[
                "user:read:admin",
                "group:read:admin",
                "role:read:admin",
                "contact_group:read:admin",
            ]),
            false,
        );
        assert!(everything.missing.is_empty());
        assert!(everything.text().contains("every scope a sync reads with"));
    }
}
