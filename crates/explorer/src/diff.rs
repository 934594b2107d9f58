//! Who gained or lost what between two syncs: people added and removed, status changes,
//! and every group membership, group admin right, role, licence and contact-group listing
//! that appeared or went away.

use std::collections::BTreeMap;

use c1z::SyncRun;

use crate::snapshot::{Person, PersonKind, Snapshot};

/// What happened to a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// The person is new in the newer sync.
    Added,
    /// The person is gone from the newer sync.
    Removed,
    /// The status changed (e.g. active to inactive).
    Status,
    /// The person gained an access.
    Gained,
    /// The person lost an access.
    Lost,
}

impl Change {
    /// The word shown for the change.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Status => "status",
            Change::Gained => "gained",
            Change::Lost => "lost",
        }
    }
}

/// Something a person holds: an entitlement of a resource.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Access {
    /// Resource type (`group`, `role`, `license`, `contactGroup`).
    pub resource_type: &'static str,
    /// Resource id.
    pub id: String,
    /// Entitlement slug (`member`, `admin`, `assigned`).
    pub slug: &'static str,
    /// Resource name.
    pub name: String,
}

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// User or invite.
    pub kind: PersonKind,
    /// The person's id.
    pub id: String,
    /// The person's name (as the newer sync has it, if it has the person).
    pub name: String,
    /// The person's email.
    pub email: String,
    /// What happened.
    pub change: Change,
    /// The access gained or lost (for [`Change::Gained`] and [`Change::Lost`]).
    pub access: Option<Access>,
    /// For status changes: `active -> inactive`.
    pub detail: String,
}

/// The differences between two syncs, rows ordered by person name, then change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessDiff {
    /// The older sync.
    pub base: SyncRun,
    /// The newer sync.
    pub applied: SyncRun,
    /// Every change.
    pub rows: Vec<Row>,
}

impl AccessDiff {
    /// How many rows of each change there are.
    pub fn count(&self, change: Change) -> usize {
        self.rows.iter().filter(|r| r.change == change).count()
    }
}

/// Compares the people of `base` (older) with those of `applied` (newer).
pub fn compare(base: &Snapshot, applied: &Snapshot) -> AccessDiff {
    let mut rows = Vec::new();
    for person in &applied.people {
        let now = access(applied, person);
        match base.person(person.kind, &person.id) {
            None => {
                rows.push(row(person, Change::Added, None, String::new()));
                rows.extend(
                    now.iter()
                        .map(|a| row(person, Change::Gained, Some(held(a)), "")),
                );
            }
            Some((_, before)) => {
                if before.status != person.status {
                    let detail =
                        format!("{} -> {}", before.status.as_str(), person.status.as_str());
                    rows.push(row(person, Change::Status, None, detail));
                }
                let then = access(base, before);
                let gained = now.iter().filter(|(key, _)| !then.contains_key(*key));
                let lost = then.iter().filter(|(key, _)| !now.contains_key(*key));
                rows.extend(gained.map(|a| row(person, Change::Gained, Some(held(a)), "")));
                rows.extend(lost.map(|a| row(person, Change::Lost, Some(held(a)), "")));
            }
        }
    }
    for person in &base.people {
        if applied.person(person.kind, &person.id).is_none() {
            rows.push(row(person, Change::Removed, None, String::new()));
            let then = access(base, person);
            rows.extend(
                then.iter()
                    .map(|a| row(person, Change::Lost, Some(held(a)), "")),
            );
        }
    }
    // Stable order for people: by name as lists show them, then by id, then change.
    rows.sort_by_cached_key(|r| {
        (
            r.name.to_lowercase(),
            r.id.clone(),
            r.change,
            r.access.clone(),
        )
    });
    AccessDiff {
        base: base.sync.clone(),
        applied: applied.sync.clone(),
        rows,
    }
}

fn row(person: &Person, change: Change, access: Option<Access>, detail: impl Into<String>) -> Row {
    Row {
        kind: person.kind,
        id: person.id.to_string(),
        name: person.name.to_string(),
        email: person.email.to_string(),
        change,
        access,
        detail: detail.into(),
    }
}

/// `(resource type, resource id, slug)`: what identifies an access across syncs (names
/// may change without the access changing).
type AccessKey = (&'static str, String, &'static str);

fn held((key, name): (&AccessKey, &String)) -> Access {
    Access {
        resource_type: key.0,
        id: key.1.clone(),
        slug: key.2,
        name: name.clone(),
    }
}

/// Everything `person` holds in `s`, with the resources' names.
fn access(s: &Snapshot, person: &Person) -> BTreeMap<AccessKey, String> {
    s.held_by(person)
        .map(|h| {
            (
                (h.resource_type, h.id.to_owned(), h.slug),
                h.name.to_owned(),
            )
        })
        .collect()
}
