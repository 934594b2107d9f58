//! Task scripts written as JSON, for `c1-sim serve --tasks` and `POST /_sim/tasks`: one
//! object per task, `{"kind": "sync_full"}`, `{"kind": "grant", "entitlement":
//! "group:<id>:member", "principal": "user:<id>"}` and so on, or the name of a preset.

use std::path::Path;

use c1_proto::baton::{
    EventFeedTask, GrantTask, HelloTask, NoneTask, RevokeTask, SyncFullTask, Task, TaskType,
};
use c1_proto::connector::{
    AccountEmail, AccountInfo, CreateAccountRequest, CredentialOption, CredentialOptions,
    DeleteResourceRequest, NoPassword, RotateCredentialRequest,
};
use c1z::{Entitlement, Grant, Resource, ResourceId};
use serde::Deserialize;

use crate::tasks::task;

/// Why a task script cannot be used. Each message is whole: a wrapped error is part of it,
/// and `source()` does not return it again.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    /// The file cannot be read.
    #[error("cannot read task script {path}: {error}")]
    Read {
        /// The file.
        path: String,
        /// What went wrong, part of the message.
        error: std::io::Error,
    },
    /// The text is not a JSON list of tasks.
    #[error("task script is not a JSON list of tasks: {0}")]
    Json(serde_json::Error),
    /// An id is not of the form the field needs.
    #[error("{field} {value:?} is not of the form {form}")]
    Id {
        /// The field.
        field: &'static str,
        /// Its value.
        value: String,
        /// What it should look like.
        form: &'static str,
    },
}

/// One scripted task, as written in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TaskSpec {
    /// Nothing to do (the connector skips it).
    None,
    /// Say hello again.
    Hello,
    /// Full sync and upload.
    SyncFull,
    /// Event feed (connectors of this SDK answer "unsupported task type").
    EventFeed,
    /// Grant `entitlement` (`type:id:slug`) to `principal` (`type:id`).
    Grant {
        /// `type:id:slug`.
        entitlement: String,
        /// `type:id`.
        principal: String,
    },
    /// Revoke the grant of `entitlement` to `principal`.
    Revoke {
        /// `type:id:slug`.
        entitlement: String,
        /// `type:id`.
        principal: String,
    },
    /// Create an account with this primary email and profile.
    CreateAccount {
        /// Primary email, also the login.
        email: String,
        /// The account form's values.
        #[serde(default)]
        profile: serde_json::Map<String, serde_json::Value>,
    },
    /// Delete `resource` (`type:id`).
    DeleteResource {
        /// `type:id`.
        resource: String,
    },
    /// Rotate the credential of `resource` (`type:id`), no password.
    RotateCredentials {
        /// `type:id`.
        resource: String,
    },
}

impl TaskSpec {
    /// The task this spec describes, without an id yet.
    pub fn to_task(&self) -> Result<Task, ScriptError> {
        let task_type = match self {
            TaskSpec::None => TaskType::None(NoneTask::default()),
            TaskSpec::Hello => TaskType::Hello(HelloTask::default()),
            TaskSpec::SyncFull => TaskType::SyncFull(SyncFullTask::default()),
            TaskSpec::EventFeed => TaskType::EventFeed(EventFeedTask::default()),
            TaskSpec::Grant {
                entitlement,
                principal,
            } => TaskType::Grant(GrantTask {
                entitlement: Some(parse_entitlement(entitlement)?),
                principal: Some(Resource::reference(parse_resource(principal)?)),
                annotations: vec![],
                duration: None,
            }),
            TaskSpec::Revoke {
                entitlement,
                principal,
            } => {
                let entitlement = parse_entitlement(entitlement)?;
                let principal = parse_resource(principal)?;
                let resource = entitlement.resource_id().cloned().unwrap_or_default();
                let compact = Grant::new(&resource, &entitlement.slug, principal);
                TaskType::Revoke(RevokeTask {
                    grant: Some(Grant {
                        entitlement: Some(entitlement),
                        ..compact
                    }),
                    annotations: vec![],
                })
            }
            TaskSpec::CreateAccount { email, profile } => {
                TaskType::CreateAccount(CreateAccountRequest {
                    account_info: Some(AccountInfo {
                        emails: vec![AccountEmail {
                            address: email.clone(),
                            is_primary: true,
                        }],
                        login: email.clone(),
                        login_aliases: vec![],
                        profile: Some(c1z::struct_from_json(profile.clone())),
                    }),
                    credential_options: Some(no_password()),
                    encryption_configs: vec![],
                })
            }
            TaskSpec::DeleteResource { resource } => {
                TaskType::DeleteResource(DeleteResourceRequest {
                    resource_id: Some(parse_resource(resource)?),
                })
            }
            TaskSpec::RotateCredentials { resource } => {
                TaskType::RotateCredentials(RotateCredentialRequest {
                    resource_id: Some(parse_resource(resource)?),
                    credential_options: Some(no_password()),
                    encryption_configs: vec![],
                })
            }
        };
        Ok(task(task_type))
    }
}

/// The named scripts `--tasks` accepts besides a file.
pub const PRESETS: [&str; 3] = ["empty", "sync", "smoke"];

/// The tasks of a preset name (see [`PRESETS`]) or of a JSON file.
pub fn load(preset_or_path: &str) -> Result<Vec<Task>, ScriptError> {
    let specs = match preset_or_path {
        "empty" => vec![],
        "sync" => vec![TaskSpec::SyncFull],
        // Every kind that needs no ids from a Zoom account.
        "smoke" => vec![
            TaskSpec::Hello,
            TaskSpec::SyncFull,
            TaskSpec::None,
            TaskSpec::EventFeed,
        ],
        path => parse(&read(Path::new(path))?)?,
    };
    specs.iter().map(TaskSpec::to_task).collect()
}

/// A JSON list of task specs.
pub fn parse(json: &str) -> Result<Vec<TaskSpec>, ScriptError> {
    serde_json::from_str(json).map_err(ScriptError::Json)
}

fn read(path: &Path) -> Result<String, ScriptError> {
    std::fs::read_to_string(path).map_err(|error| ScriptError::Read {
        path: path.display().to_string(),
        error,
    })
}

fn no_password() -> CredentialOptions {
    CredentialOptions {
        options: Some(CredentialOption::NoPassword(NoPassword {})),
    }
}

/// `type:id` as a resource id.
fn parse_resource(value: &str) -> Result<ResourceId, ScriptError> {
    match value.split_once(':') {
        Some((kind, id)) if !kind.is_empty() && !id.is_empty() => Ok(ResourceId::new(kind, id)),
        _ => Err(ScriptError::Id {
            field: "resource",
            value: value.to_owned(),
            form: "type:id",
        }),
    }
}

/// `type:id:slug` as an entitlement that names its resource and slug.
fn parse_entitlement(value: &str) -> Result<Entitlement, ScriptError> {
    let parsed = value.rsplit_once(':').and_then(|(resource, slug)| {
        let resource = parse_resource(resource).ok()?;
        (!slug.is_empty()).then_some((resource, slug))
    });
    let Some((resource, slug)) = parsed else {
        return Err(ScriptError::Id {
            field: "entitlement",
            value: value.to_owned(),
            form: "type:id:slug",
        });
    };
    Ok(Entitlement::assignment(
        &Resource::reference(resource),
        slug,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::kind;

    #[test]
    fn grant_spec_names_entitlement_resource_slug_and_principal() {
        let specs =
            parse(r#"[{"kind":"grant","entitlement":"group:G1:member","principal":"user:U1"}]"#)
                .expect("valid script");
        let task = specs[0].to_task().expect("valid ids");
        let Some(TaskType::Grant(grant)) = task.task_type else {
            panic!("a grant task, got {}", kind(&task));
        };
        let entitlement = grant.entitlement.unwrap_or_default();
        assert_eq!(entitlement.id, "group:G1:member");
        assert_eq!(entitlement.slug, "member");
        assert_eq!(
            entitlement.resource_id(),
            Some(&ResourceId::new("group", "G1"))
        );
        assert_eq!(
            grant.principal.and_then(|p| p.id),
            Some(ResourceId::new("user", "U1"))
        );
    }

    #[test]
    fn revoke_spec_builds_the_grant_id() {
        let spec = TaskSpec::Revoke {
            entitlement: "role:R:member".into(),
            principal: "user:U".into(),
        };
        let Some(TaskType::Revoke(revoke)) = spec.to_task().expect("ids").task_type else {
            panic!("a revoke task");
        };
        assert_eq!(
            revoke.grant.map(|g| g.id),
            Some("role:R:member:user:U".into())
        );
    }

    #[test]
    fn malformed_ids_are_refused_with_the_expected_form() {
        let spec = TaskSpec::DeleteResource {
            resource: "user".into(),
        };
        assert_eq!(
            spec.to_task().err().map(|e| e.to_string()),
            Some("resource \"user\" is not of the form type:id".into())
        );
        let spec = TaskSpec::Grant {
            entitlement: "group:G".into(),
            principal: "user:U".into(),
        };
        assert!(spec.to_task().is_err());
    }

    #[test]
    fn presets_name_their_kinds() {
        let kinds: Vec<_> = load("smoke")
            .expect("preset")
            .iter()
            .map(|t| kind(t))
            .collect();
        assert_eq!(kinds, ["hello", "sync_full", "none", "event_feed"]);
        assert!(load("empty").expect("preset").is_empty());
        assert!(matches!(
            load("/nonexistent/tasks.json"),
            Err(ScriptError::Read { .. })
        ));
    }
}
