//! What a provisioning request did (or, in a dry run, would do): the outcome in baton's
//! terms and the exact Zoom writes behind it.

use std::fmt;

use serde::Serialize;

use super::call::ZoomCall;

/// The result of a request that succeeded. The `Already*` variants are successes that
/// changed nothing, as baton's `GrantAlreadyExists` / `GrantAlreadyRevoked` annotations say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Outcome {
    /// The principal now holds the entitlement.
    Granted,
    /// The principal now holds the entitlement, which replaced an exclusive one (a user's
    /// one role, a user's one licence).
    Replaced {
        /// Entitlement id the principal held before, e.g. `role:2:member`.
        previous: String,
    },
    /// The principal already held the entitlement; nothing was changed.
    AlreadyGranted,
    /// The grant is gone.
    Revoked,
    /// The grant is gone and the principal fell back to a default (Member role, Basic
    /// licence).
    Reverted {
        /// Entitlement id the principal holds now, e.g. `license:1:assigned`.
        to: String,
    },
    /// The principal did not hold the entitlement; nothing was changed.
    AlreadyRevoked,
    /// The user was created.
    Created {
        /// Zoom's id of the new user (unknown in a dry run).
        user_id: Option<String>,
        /// Whether the user is pending (invited) or active.
        pending: bool,
    },
    /// A user with this email already exists; nothing was changed.
    AlreadyExists {
        /// The existing user's id.
        user_id: Option<String>,
    },
    /// The user was reactivated.
    Activated,
    /// The user already was active.
    AlreadyActive,
    /// The user was deactivated.
    Deactivated,
    /// The user already was deactivated.
    AlreadyInactive,
    /// The user or invitation was removed from the account.
    Deleted,
    /// There was no such user or invitation in the account (any more); nothing was changed.
    AlreadyDeleted,
}

impl Outcome {
    /// A short stable label, for logs and scripts.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Granted => "granted",
            Outcome::Replaced { .. } => "replaced",
            Outcome::AlreadyGranted => "already-granted",
            Outcome::Revoked => "revoked",
            Outcome::Reverted { .. } => "reverted",
            Outcome::AlreadyRevoked => "already-revoked",
            Outcome::Created { .. } => "created",
            Outcome::AlreadyExists { .. } => "already-exists",
            Outcome::Activated => "activated",
            Outcome::AlreadyActive => "already-active",
            Outcome::Deactivated => "deactivated",
            Outcome::AlreadyInactive => "already-inactive",
            Outcome::Deleted => "deleted",
            Outcome::AlreadyDeleted => "already-deleted",
        }
    }

    /// Whether the request changed (or, in a dry run, would change) Zoom.
    pub fn is_change(&self) -> bool {
        !matches!(
            self,
            Outcome::AlreadyGranted
                | Outcome::AlreadyRevoked
                | Outcome::AlreadyExists { .. }
                | Outcome::AlreadyActive
                | Outcome::AlreadyInactive
                | Outcome::AlreadyDeleted
        )
    }

    /// The outcome to report when Zoom answered that the change was already there (a
    /// concurrent change made it between our check and our write).
    pub(crate) fn already(self) -> Outcome {
        match self {
            Outcome::Granted | Outcome::Replaced { .. } => Outcome::AlreadyGranted,
            Outcome::Revoked | Outcome::Reverted { .. } => Outcome::AlreadyRevoked,
            Outcome::Created { .. } => Outcome::AlreadyExists { user_id: None },
            Outcome::Activated => Outcome::AlreadyActive,
            Outcome::Deactivated => Outcome::AlreadyInactive,
            Outcome::Deleted => Outcome::AlreadyDeleted,
            already => already,
        }
    }
}

/// What a request did: who and what it was about, the outcome, and the Zoom writes made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The verb: `grant`, `revoke`, `create`, `activate`, `deactivate` or `delete`.
    pub action: &'static str,
    /// What the action applies: an entitlement id, or the resource acted on.
    pub object: String,
    /// Who is affected: the principal of a grant or revoke (`user:<id>`), the user created.
    pub subject: String,
    /// The outcome (in a dry run: the outcome if the writes succeed).
    pub outcome: Outcome,
    /// The writes made (in a dry run: the writes that would be made), in order.
    pub calls: Vec<ZoomCall>,
    /// Whether this was a dry run, which made no write.
    pub dry_run: bool,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            f.write_str("dry run, nothing changed: ")?;
        }
        let (action, object, subject) = (self.action, &self.object, &self.subject);
        match &self.outcome {
            Outcome::Granted => write!(f, "granted {object} to {subject}"),
            Outcome::Replaced { previous } => {
                write!(f, "granted {object} to {subject}, replacing {previous}")
            }
            Outcome::AlreadyGranted => write!(f, "already granted: {subject} holds {object}"),
            Outcome::Revoked => write!(f, "revoked {object} from {subject}"),
            Outcome::Reverted { to } => {
                write!(f, "revoked {object} from {subject}, who now holds {to}")
            }
            Outcome::AlreadyRevoked => {
                write!(f, "already revoked: {subject} does not hold {object}")
            }
            Outcome::Created { user_id, pending } => {
                write!(f, "created {subject}")?;
                if let Some(id) = user_id {
                    write!(f, " (user:{id})")?;
                }
                f.write_str(if *pending {
                    ", pending until the invitation is accepted"
                } else {
                    ", active"
                })
            }
            Outcome::AlreadyExists { user_id } => {
                write!(f, "already exists: {subject}")?;
                match user_id {
                    Some(id) => write!(f, " is user:{id}"),
                    None => f.write_str(" is a Zoom user"),
                }
            }
            Outcome::Activated | Outcome::Deactivated | Outcome::Deleted => {
                write!(f, "{action}d {object}")
            }
            Outcome::AlreadyActive => write!(f, "already active: {object}"),
            Outcome::AlreadyInactive => write!(f, "already deactivated: {object}"),
            Outcome::AlreadyDeleted => write!(f, "already deleted: {object} is not in Zoom"),
        }?;
        if self.dry_run {
            match self.calls.len() {
                0 => f.write_str("; no Zoom call would change anything")?,
                _ => f.write_str("; Zoom calls it would make:")?,
            }
            for call in &self.calls {
                write!(f, "\n  {call}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(action: &'static str, outcome: Outcome) -> Report {
        Report {
            action,
            object: "role:1:member".into(),
            subject: "user:u1".into(),
            outcome,
            calls: Vec::new(),
            dry_run: false,
        }
    }

    #[test]
    fn reports_read_as_sentences() {
        let replaced = Outcome::Replaced {
            previous: "role:2:member".into(),
        };
        assert_eq!(
            report("grant", replaced).to_string(),
            "granted role:1:member to user:u1, replacing role:2:member"
        );
        assert_eq!(
            report("revoke", Outcome::AlreadyRevoked).to_string(),
            "already revoked: user:u1 does not hold role:1:member"
        );
        let mut deactivated = report("deactivate", Outcome::Deactivated);
        deactivated.object = "user:u1".into();
        assert_eq!(deactivated.to_string(), "deactivated user:u1");
    }

    #[test]
    fn dry_run_lists_the_calls() {
        let mut dry = report("grant", Outcome::Granted);
        dry.dry_run = true;
        dry.calls.push(ZoomCall {
            method: "POST",
            path: "/roles/1/members".into(),
            query: Vec::new(),
            body: Some(serde_json::json!({"members": [{"id": "u1"}]})),
        });
        assert_eq!(
            dry.to_string(),
            "dry run, nothing changed: granted role:1:member to user:u1; Zoom calls it would make:\n  POST /roles/1/members {\"members\":[{\"id\":\"u1\"}]}"
        );
    }

    #[test]
    fn concurrent_changes_read_as_already_done() {
        assert_eq!(Outcome::Granted.already(), Outcome::AlreadyGranted);
        assert_eq!(
            Outcome::Reverted { to: "x".into() }.already(),
            Outcome::AlreadyRevoked
        );
        assert!(!Outcome::AlreadyDeleted.is_change());
    }
}
