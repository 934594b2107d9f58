//! Access-hygiene findings over one sync: who holds power, which seats are paid for and
//! unused, what was started and never finished, and what points at nothing.
//!
//! Each [`Finding`] has a stable id (its kind and the ids of the resources it concerns, so
//! the same problem has the same id in next week's sync), a [`Severity`] and those
//! resources. [`evaluate`] computes them all from a [`Snapshot`]; [`report`] writes them
//! as console text, JSON or CSV.
//!
//! Time-based findings are relative to [`Settings::as_of`], never to the clock: by default
//! the moment the sync ended, so a file reviewed a month later still says what was true
//! when it was taken, and tests can name the day.

mod kinds;
pub mod report;

use serde::Serialize;

use crate::snapshot::Snapshot;

/// The default sign-in and invitation threshold, in days.
pub const DEFAULT_INACTIVE_DAYS: u32 = 90;

/// What a review is relative to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// "Now" for the review, Unix seconds.
    pub as_of: i64,
    /// Days without a sign-in (or pending) after which a user or invite is reported.
    pub inactive_days: u32,
}

impl Settings {
    /// Settings as of the end of the sync `snapshot` holds (its start if it never ended);
    /// `None` when the file records neither.
    pub fn at_sync(snapshot: &Snapshot, inactive_days: u32) -> Option<Settings> {
        let sync = &snapshot.sync;
        let at = sync.ended_at.or(sync.started_at)?;
        let as_of = c1z::wall_clock::instant(at)?.timestamp().as_second();
        Some(Settings {
            as_of,
            inactive_days,
        })
    }

    /// The earliest time that still counts as recent: `inactive_days` before `as_of`.
    pub fn cutoff(&self) -> i64 {
        self.as_of - i64::from(self.inactive_days) * 86_400
    }
}

/// How urgent a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Costs money or leaves access open now.
    High,
    /// Worth a decision soon.
    Medium,
    /// Worth a look during a review.
    Low,
}

impl Severity {
    /// The lower-case name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// The kinds of finding, in the order reports list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A user holding the Owner or Admin role, or any custom role other than Member.
    PrivilegedRole,
    /// A deactivated user still holding a Licensed (paid) seat.
    DeactivatedLicensed,
    /// An active Licensed user whose last sign-in is older than the threshold.
    LicensedNoRecentSignIn,
    /// An active user who never signed in, with an account older than the threshold.
    NeverSignedIn,
    /// An invitation pending for longer than the threshold.
    StaleInvite,
    /// A group nobody administers.
    GroupWithoutAdmin,
    /// A contact group listing a group that no longer exists.
    ContactGroupMissingGroup,
    /// One email used by more than one user or invite.
    DuplicateEmail,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 8] = [
        Kind::PrivilegedRole,
        Kind::DeactivatedLicensed,
        Kind::LicensedNoRecentSignIn,
        Kind::NeverSignedIn,
        Kind::StaleInvite,
        Kind::GroupWithoutAdmin,
        Kind::ContactGroupMissingGroup,
        Kind::DuplicateEmail,
    ];

    /// The stable kebab-case name, the first part of every finding id of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PrivilegedRole => "privileged-role",
            Kind::DeactivatedLicensed => "deactivated-licensed",
            Kind::LicensedNoRecentSignIn => "licensed-no-recent-sign-in",
            Kind::NeverSignedIn => "never-signed-in",
            Kind::StaleInvite => "stale-invite",
            Kind::GroupWithoutAdmin => "group-without-admin",
            Kind::ContactGroupMissingGroup => "contact-group-missing-group",
            Kind::DuplicateEmail => "duplicate-email",
        }
    }

    /// Reads the name back.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// What a finding of this kind means, for headings.
    pub fn title(self) -> &'static str {
        match self {
            Kind::PrivilegedRole => "Owners, admins and custom roles",
            Kind::DeactivatedLicensed => "Deactivated users holding a paid seat",
            Kind::LicensedNoRecentSignIn => "Paid seats without a recent sign-in",
            Kind::NeverSignedIn => "Users who never signed in",
            Kind::StaleInvite => "Invitations pending too long",
            Kind::GroupWithoutAdmin => "Groups without an admin",
            Kind::ContactGroupMissingGroup => "Contact groups listing deleted groups",
            Kind::DuplicateEmail => "One email on several accounts",
        }
    }
}

/// A resource a finding concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Concerned {
    /// Resource type id (`user`, `invite`, `group`, `role`, `contactGroup`, `license`).
    #[serde(rename = "type")]
    pub resource_type: &'static str,
    /// Resource id.
    pub id: String,
    /// Display name (for a group that no longer exists: empty).
    pub name: String,
    /// The email of a user or invite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Concerned {
    /// `type:id`, the resource's baton id.
    pub fn resource_id(&self) -> String {
        format!("{}:{}", self.resource_type, self.id)
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `<kind>:<type>:<id>[:<type>:<id>...]`: stable from one sync to the next.
    pub id: String,
    /// The kind.
    pub kind: Kind,
    /// How urgent.
    pub severity: Severity,
    /// The resources concerned; the first is the subject.
    pub resources: Vec<Concerned>,
    /// One line for a person: the facts behind the finding.
    pub detail: String,
}

impl Finding {
    fn new(kind: Kind, severity: Severity, resources: Vec<Concerned>, detail: String) -> Self {
        let mut id = kind.as_str().to_owned();
        for r in &resources {
            id.push(':');
            id.push_str(&r.resource_id());
        }
        Finding {
            id,
            kind,
            severity,
            resources,
            detail,
        }
    }
}

/// Every finding of `snapshot` under `settings`: by kind (in [`Kind::ALL`] order), then in
/// the order of their subject (people and groups by name).
///
/// Each kind is evaluated on its own thread: a large sync has tens of thousands of findings.
pub fn evaluate(snapshot: &Snapshot, settings: &Settings) -> Vec<Finding> {
    std::thread::scope(|scope| {
        let kinds: Vec<_> = Kind::ALL
            .into_iter()
            .map(|kind| {
                scope.spawn(move || {
                    let mut found = Vec::new();
                    kinds::find(kind, snapshot, settings, &mut found);
                    found
                })
            })
            .collect();
        kinds
            .into_iter()
            .flat_map(|kind| {
                kind.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// How many findings of one kind there are, and the worst severity among them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Number of findings.
    pub count: usize,
    /// The most urgent severity; `None` without findings.
    pub worst: Option<Severity>,
}

/// Each kind's [`Tally`], in [`Kind::ALL`] order: what [`evaluate`] would find, counted
/// by the same rules without building a single finding (a few milliseconds where building
/// them takes a few hundred on a large sync).
pub fn tally(snapshot: &Snapshot, settings: &Settings) -> Vec<(Kind, Tally)> {
    Kind::ALL
        .into_iter()
        .map(|kind| {
            let mut tally = Tally::default();
            kinds::find(kind, snapshot, settings, &mut tally);
            (kind, tally)
        })
        .collect()
}

/// How many findings of each kind, every kind listed.
pub fn counts(findings: &[Finding]) -> Vec<(Kind, usize)> {
    Kind::ALL
        .into_iter()
        .map(|kind| (kind, findings.iter().filter(|f| f.kind == kind).count()))
        .collect()
}
