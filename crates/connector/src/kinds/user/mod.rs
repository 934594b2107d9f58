//! The `user` resource kind: Zoom users that have an id, active (ENABLED) and inactive
//! (DISABLED). Pending users have no id and are the `invite` kind.
//!
//! Users hold no entitlements of their own (`SkipEntitlementsAndGrants`, as in the Go
//! connector); the access they have is recorded as grants on groups, roles, contact groups
//! and licences, with `user:<id>` as principal.

mod provision;

use c1z::{
    AccountType, Annotated, Resource, ResourceId, ResourceType, SkipEntitlementsAndGrants, Trait,
    UserStatusKind, UserTrait,
};
use serde_json::Value;
use zoom_api::{User, UserStatus};

use super::{profile, timestamp};
use crate::ids;

/// The `user` resource type.
pub fn resource_type() -> ResourceType {
    ResourceType::new(ids::USER, "User", &[Trait::User]).annotate(&SkipEntitlementsAndGrants {})
}

/// The resource id of the user with Zoom id `user_id`.
pub fn resource_id(user_id: &str) -> ResourceId {
    ResourceId::new(ids::USER, user_id)
}

/// The resource of a user row; `None` for a row without an id (a pending user, which is
/// an [`crate::kinds::invite`]).
pub fn resource(user: &User) -> Option<Resource> {
    let id = user.id.as_deref()?;
    Some(Resource::new(resource_id(id), display_name(user)).annotate(&user_trait(user)))
}

/// The name people know a user by: Zoom's display name, else "first last", else the email.
pub fn display_name(user: &User) -> String {
    if let Some(name) = user
        .display_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        return name.to_owned();
    }
    let full = [user.first_name.as_deref(), user.last_name.as_deref()]
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if full.is_empty() {
        user.email.clone()
    } else {
        full
    }
}

/// The baton status of a Zoom status: active → ENABLED, inactive → DISABLED, pending or
/// unknown → UNSPECIFIED (Zoom's word goes into the status details).
pub fn status_kind(status: Option<UserStatus>) -> UserStatusKind {
    match status {
        Some(UserStatus::Active) => UserStatusKind::Enabled,
        Some(UserStatus::Inactive) => UserStatusKind::Disabled,
        Some(UserStatus::Pending | UserStatus::Other) | None => UserStatusKind::Unspecified,
    }
}

/// The user trait of a user row (also used for invites): primary email, status, login
/// (the email, as Zoom signs users in by email), creation and last sign-in times, the SSO
/// employee id, and a profile with Zoom's fields.
pub(crate) fn user_trait(user: &User) -> UserTrait {
    let mut user_trait = UserTrait::new()
        .with_email(user.email.clone(), true)
        .with_status(
            status_kind(user.status),
            user.status.map(UserStatus::as_str).unwrap_or_default(),
        )
        .with_account_type(AccountType::Human)
        .with_login(user.email.clone())
        .with_profile(user_profile(user));
    if let Some(created) = user.user_created_at.or(user.created_at) {
        user_trait = user_trait.with_created_at(timestamp(created));
    }
    if let Some(last_login) = user.last_login_time {
        user_trait = user_trait.with_last_login(timestamp(last_login));
    }
    if let Some(employee_id) = &user.employee_unique_id {
        user_trait = user_trait.with_employee_id(employee_id.clone());
    }
    user_trait
}

/// Zoom's fields of a user row, under Zoom's names (`login` and `user_id` as the Go
/// connector names them).
fn user_profile(user: &User) -> prost_types::Struct {
    let text = |value: &Option<String>| value.clone().map(Value::from);
    profile([
        ("first_name", text(&user.first_name)),
        ("last_name", text(&user.last_name)),
        ("display_name", text(&user.display_name)),
        ("email", Some(Value::from(user.email.clone()))),
        ("login", Some(Value::from(user.email.clone()))),
        ("user_id", text(&user.id)),
        ("type", Some(Value::from(user.user_type.code()))),
        ("status", user.status.map(|s| Value::from(s.as_str()))),
        ("role_id", text(&user.role_id)),
        ("role_name", text(&user.role_name)),
        ("dept", text(&user.dept)),
        (
            "group_ids",
            (!user.group_ids.is_empty()).then(|| Value::from(user.group_ids.clone())),
        ),
        ("timezone", text(&user.timezone)),
        ("verified", user.verified.map(Value::from)),
        ("language", text(&user.language)),
        // PMIs are 10-11 digits: kept as text so no digit is lost to a double.
        ("pmi", user.pmi.map(|pmi| Value::from(pmi.to_string()))),
        ("employee_unique_id", text(&user.employee_unique_id)),
        ("last_client_version", text(&user.last_client_version)),
        ("plan_united_type", text(&user.plan_united_type)),
        ("job_title", text(&user.job_title)),
        ("company", text(&user.company)),
        ("location", text(&user.location)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::json_from_struct;

    fn row(json: &str) -> User {
        serde_json::from_str(json).expect("test rows are valid user rows")
    }

    #[test]
    fn active_user_becomes_an_enabled_user_resource_with_zoom_fields() {
        let user = row(
            r#"{"id":"u1","email":"ada@example.com","first_name":"Ada","last_name":"L",
                "display_name":"Ada L","type":2,"status":"active","role_id":"2",
                "group_ids":["g1","g2"],"dept":"Eng","employee_unique_id":"E1",
                "user_created_at":"2020-01-02T03:04:05Z","last_login_time":"2021-01-02T03:04:05Z",
                "timezone":"UTC","verified":1,"pmi":3542471135}"#,
        );
        let resource = resource(&user).expect("a row with an id is a user");
        assert_eq!(resource.id, Some(ResourceId::new("user", "u1")));
        assert_eq!(resource.display_name, "Ada L");
        let t: UserTrait = resource
            .annotation()
            .expect("trait decodes")
            .expect("user resources carry a user trait");
        assert_eq!(t.emails[0].address, "ada@example.com");
        assert!(t.emails[0].is_primary);
        assert_eq!(
            t.status.as_ref().map(|s| (s.status, s.details.as_str())),
            Some((UserStatusKind::Enabled as i32, "active"))
        );
        assert_eq!(t.login, "ada@example.com");
        assert_eq!(t.account_type, AccountType::Human as i32);
        assert_eq!(t.employee_ids, ["E1"]);
        assert_eq!(t.created_at.map(|c| c.seconds), Some(1_577_934_245));
        assert_eq!(t.last_login.map(|c| c.seconds), Some(1_609_556_645));
        let p = json_from_struct(t.profile.as_ref().expect("profile is set"));
        assert_eq!(p["type"], 2);
        assert_eq!(p["user_id"], "u1");
        assert_eq!(p["login"], "ada@example.com");
        assert_eq!(p["group_ids"], serde_json::json!(["g1", "g2"]));
        assert_eq!(p["pmi"], "3542471135");
        assert_eq!(p["verified"], true);
        assert!(!p.contains_key("language"));
    }

    #[test]
    fn inactive_user_is_disabled_and_pending_row_is_no_user() {
        let inactive = row(r#"{"id":"u2","email":"b@x.y","type":1,"status":"inactive"}"#);
        let t: UserTrait = resource(&inactive)
            .expect("has an id")
            .annotation()
            .expect("decodes")
            .expect("present");
        assert_eq!(
            t.status.map(|s| s.status),
            Some(UserStatusKind::Disabled as i32)
        );
        let pending = row(r#"{"email":"c@x.y","type":1,"status":"pending"}"#);
        assert_eq!(resource(&pending), None);
    }

    #[test]
    fn display_name_falls_back_to_names_then_email() {
        let named = row(r#"{"email":"a@x.y","type":1,"first_name":"Ada","last_name":"L"}"#);
        assert_eq!(display_name(&named), "Ada L");
        let first_only = row(r#"{"email":"a@x.y","type":1,"first_name":"Ada"}"#);
        assert_eq!(display_name(&first_only), "Ada");
        let bare = row(r#"{"email":"a@x.y","type":1,"display_name":" "}"#);
        assert_eq!(display_name(&bare), "a@x.y");
    }

    #[test]
    fn resource_type_skips_entitlements_and_grants() {
        assert!(resource_type().has_annotation::<SkipEntitlementsAndGrants>());
    }
}
