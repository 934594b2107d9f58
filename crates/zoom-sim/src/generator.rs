//! A seeded generator of realistic Zoom accounts.
//!
//! One ChaCha stream, consumed in a fixed order, and ordered maps everywhere: the same seed and
//! spec give the same tenant byte for byte. Times are drawn from a fixed window (2018–2025)
//! rather than from the clock for the same reason. The distributions are chosen to exercise a
//! sync: some users in several groups and some in none, admins who are users, a single owner,
//! custom roles, contact groups mixing users and groups, and a few contact-group members that
//! point at groups which no longer exist.
//!
//! An [`Activity`] in the spec re-times sign-ins and invitations around a review date and
//! leaves some deactivated users with a paid seat, for access reviews. It runs last, on the
//! same stream, so every preset (which has none) generates exactly what it always did.

mod activity;

use std::collections::BTreeSet;

use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::OffsetDateTime;

use crate::clock::zoom_time;
use crate::ids;
pub use activity::Activity;

use crate::tenant::{
    ADMIN_ROLE_ID, ContactGroup, ContactMember, ContactMemberType, LicenseType, MEMBER_ROLE_ID,
    OWNER_ROLE_ID, RowCache, Tenant, User, UserStatus, privileges,
};

/// Sizes and shares of a generated account.
#[derive(Debug, Clone, PartialEq)]
pub struct TenantSpec {
    /// Users of every status, including the owner.
    pub users: usize,
    /// User groups.
    pub groups: usize,
    /// Custom roles besides Owner, Admin and Member.
    pub custom_roles: usize,
    /// Contact groups.
    pub contact_groups: usize,
    /// Share of users that are deactivated.
    pub inactive_share: f64,
    /// Share of users that are invited and pending.
    pub pending_share: f64,
    /// Share of active and inactive users who ever signed in (the others never did).
    pub signed_in_share: f64,
    /// Share of groups that get no admin.
    pub groups_without_admin_share: f64,
    /// Share of contact groups that still list a member group deleted since.
    pub deleted_group_member_share: f64,
    /// Sign-in and invitation times around a review date; `None` spreads them over
    /// 2018-2025 with every deactivated user on a Basic seat.
    pub activity: Option<Activity>,
}

/// Named account sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// About 200 users: quick tests and the demo.
    Small,
    /// 10,000 users: realistic company.
    Medium,
    /// 100,000 users, 2,000 groups, 500 contact groups: large enterprise.
    Large,
}

impl Preset {
    /// The sizes this preset stands for.
    pub fn spec(self) -> TenantSpec {
        let (users, groups, custom_roles, contact_groups) = match self {
            Preset::Small => (200, 12, 4, 8),
            Preset::Medium => (10_000, 200, 8, 100),
            Preset::Large => (100_000, 2_000, 12, 500),
        };
        TenantSpec {
            users,
            groups,
            custom_roles,
            contact_groups,
            inactive_share: 0.08,
            pending_share: 0.06,
            signed_in_share: 0.85,
            groups_without_admin_share: 0.1,
            deleted_group_member_share: 0.15,
            activity: None,
        }
    }

    /// Parses `small`, `medium` or `large`.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "small" => Some(Preset::Small),
            "medium" => Some(Preset::Medium),
            "large" => Some(Preset::Large),
            _ => None,
        }
    }
}

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Alan",
    "Amara",
    "Ana",
    "Arjun",
    "Beatriz",
    "Bjorn",
    "Carlos",
    "Chen",
    "Chloe",
    "Dmitri",
    "Elena",
    "Emeka",
    "Fatima",
    "Felix",
    "Grace",
    "Hana",
    "Hugo",
    "Ines",
    "Ivan",
    "Jamal",
    "Jin",
    "Julia",
    "Kai",
    "Kenji",
    "Lara",
    "Leila",
    "Liam",
    "Lucia",
    "Mateo",
    "Maya",
    "Mei",
    "Nadia",
    "Noah",
    "Olga",
    "Omar",
    "Priya",
    "Quinn",
    "Rafael",
    "Rosa",
    "Sami",
    "Sofia",
    "Tariq",
    "Tomas",
    "Uma",
    "Valentina",
    "Wei",
    "Yara",
    "Yusuf",
    "Zoe",
];
const LAST_NAMES: &[&str] = &[
    "Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Quispe", "Rossi", "Silva",
    "Tanaka", "Usman", "Varga", "Wagner", "Xu", "Yilmaz", "Zhang", "Novak", "Murphy", "Kim",
    "Singh",
];
const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Sales",
    "Marketing",
    "Finance",
    "Support",
    "Legal",
    "People",
    "Operations",
    "Product",
    "Design",
    "IT",
    "Security",
];
const GROUP_NAMES: &[&str] = &[
    "Engineering",
    "Sales",
    "Marketing",
    "Finance",
    "Support",
    "Legal",
    "People Ops",
    "Operations",
    "Product",
    "Design",
    "IT",
    "Security",
    "EMEA",
    "APAC",
    "Americas",
    "Leadership",
    "Contractors",
    "Interns",
    "Webinar Hosts",
    "Trainers",
];
/// Custom roles as admins set them up: a name and the part of Zoom's privileges it needs.
const CUSTOM_ROLES: &[(&str, &[&str])] = &[
    (
        "Billing Admin",
        &[
            "AccountProfile:Read",
            "BillingSubscription:Read",
            "BillingSubscription:Edit",
            "BillingInformation:Read",
            "BillingInformation:Edit",
        ],
    ),
    (
        "Help Desk",
        &["User:Read", "User:Edit", "Group:Read", "Dashboard:Read"],
    ),
    (
        "Auditor",
        &[
            "User:Read",
            "Role:Read",
            "Group:Read",
            "AccountSetting:Read",
            "Recording:Read",
            "IMChatHistory:Read",
            "Dashboard:Read",
        ],
    ),
    (
        "Webinar Manager",
        &["User:Read", "WebinarSetting:Read", "WebinarSetting:Edit"],
    ),
    (
        "Room Manager",
        &[
            "ZoomRooms:Read",
            "ZoomRooms:Edit",
            "DigitalSignage:Read",
            "DigitalSignage:Edit",
        ],
    ),
    (
        "Security Officer",
        &[
            "User:Read",
            "Role:Read",
            "AccountSetting:Read",
            "AccountSetting:Edit",
            "RecordingContent:Read",
            "IMChatHistory:Read",
        ],
    ),
    (
        "Training Lead",
        &[
            "User:Read",
            "Group:Read",
            "WebinarSetting:Read",
            "Recording:Read",
        ],
    ),
    (
        "Regional Admin",
        &[
            "User:Read",
            "User:Edit",
            "Group:Read",
            "Group:Edit",
            "Dashboard:Read",
        ],
    ),
    (
        "Recording Manager",
        &["Recording:Read", "Recording:Edit", "RecordingContent:Read"],
    ),
    ("Phone Admin", &["User:Read", "AccountSetting:Read"]),
    (
        "Events Manager",
        &[
            "WebinarSetting:Read",
            "WebinarSetting:Edit",
            "Recording:Read",
        ],
    ),
    (
        "Read Only Admin",
        &[
            "User:Read",
            "Role:Read",
            "Group:Read",
            "AccountProfile:Read",
            "AccountSetting:Read",
            "WebinarSetting:Read",
            "Recording:Read",
            "ZoomRooms:Read",
            "IMGroups:Read",
            "IMSetting:Read",
            "BillingSubscription:Read",
            "BillingInformation:Read",
            "Dashboard:Read",
        ],
    ),
];
const TIMEZONES: &[&str] = &[
    "America/New_York",
    "America/Los_Angeles",
    "America/Chicago",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Asia/Kolkata",
];
const LANGUAGES: &[&str] = &[
    "en-US", "en-US", "en-US", "de-DE", "fr-FR", "es-ES", "ja-JP", "pt-PT",
];
const CLIENT_VERSIONS: &[&str] = &[
    "6.2.11.43613(mac)",
    "6.3.1.45300(win)",
    "6.3.5.46200(mac)",
    "6.1.0.39911(android)",
    "6.3.6.47101(iphone)",
    "5.17.11.34827(win)",
];

/// 2018-01-01T00:00:00Z: the earliest creation time generated.
const EPOCH_START: i64 = 1_514_764_800;
/// 2026-01-01T00:00:00Z: the latest time generated.
const EPOCH_END: i64 = 1_767_225_600;

/// Generates an account from `spec`, reproducibly from `seed`.
pub fn generate(spec: &TenantSpec, seed: u64) -> Tenant {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let account_id = ids::zoom_id(&mut rng);
    let id_rng = ChaCha8Rng::seed_from_u64(rng.random());
    let mut tenant = Tenant::new(account_id, id_rng);

    let custom_roles = add_custom_roles(&mut tenant, &mut rng, spec.custom_roles);
    let group_ids = add_groups(&mut tenant, &mut rng, spec.groups);
    add_users(&mut tenant, &mut rng, spec, &custom_roles, &group_ids);
    add_group_admins(&mut tenant, &mut rng, spec, &group_ids);
    add_contact_groups(&mut tenant, &mut rng, spec, &group_ids);
    if let Some(activity) = &spec.activity {
        activity::apply(&mut tenant, &mut rng, activity);
    }
    tenant
}

fn add_custom_roles(tenant: &mut Tenant, rng: &mut ChaCha8Rng, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let id = ids::zoom_id(rng);
            let names: Vec<&str> = CUSTOM_ROLES.iter().map(|(name, _)| *name).collect();
            let name = numbered(&names, i);
            let privileges = privileges::in_order(CUSTOM_ROLES[i % CUSTOM_ROLES.len()].1);
            tenant.insert_role(&id, &name, &format!("Custom role: {name}."), privileges);
            id
        })
        .collect()
}

fn add_groups(tenant: &mut Tenant, rng: &mut ChaCha8Rng, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let id = ids::zoom_id(rng);
            tenant.insert_group(id.clone(), numbered(GROUP_NAMES, i));
            id
        })
        .collect()
}

/// The `i`th name of a cycle through `names`, numbered from the second round on so names stay
/// unique ("Sales", …, "Sales 2", …).
fn numbered(names: &[&str], i: usize) -> String {
    let base = names[i % names.len()];
    match i / names.len() {
        0 => base.to_owned(),
        round => format!("{base} {}", round + 1),
    }
}

fn add_users(
    tenant: &mut Tenant,
    rng: &mut ChaCha8Rng,
    spec: &TenantSpec,
    custom_roles: &[String],
    group_ids: &[String],
) {
    let mut emails = BTreeSet::new();
    for i in 0..spec.users {
        let status = if i == 0 {
            UserStatus::Active
        } else {
            let draw: f64 = rng.random();
            if draw < spec.pending_share {
                UserStatus::Pending
            } else if draw < spec.pending_share + spec.inactive_share {
                UserStatus::Inactive
            } else {
                UserStatus::Active
            }
        };
        let first = *FIRST_NAMES.choose(rng).expect("name list is not empty");
        let last = *LAST_NAMES.choose(rng).expect("name list is not empty");
        let email = unique_email(&mut emails, first, last);
        let sso = status != UserStatus::Pending && rng.random_bool(0.35);
        let role_id = if i == 0 {
            OWNER_ROLE_ID.to_owned()
        } else {
            pick_role(rng, status, custom_roles)
        };
        let license = pick_license(rng, status, i == 0, sso);
        let created = rng.random_range(EPOCH_START..EPOCH_END - 86_400);
        let group_ids = if status == UserStatus::Pending {
            BTreeSet::new()
        } else {
            pick_groups(rng, group_ids)
        };
        let signed_in = status != UserStatus::Pending && rng.random_bool(spec.signed_in_share);
        let last_login = signed_in.then(|| rng.random_range(created..EPOCH_END));
        let user = User {
            id: ids::zoom_id(rng),
            email,
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            display_name: format!("{first} {last}"),
            status,
            license,
            role_name: tenant.role_name(&role_id),
            role_id,
            group_ids,
            dept: DEPARTMENTS
                .choose(rng)
                .expect("department list is not empty")
                .to_string(),
            employee_unique_id: sso.then(|| format!("E{:06}", rng.random_range(0..1_000_000))),
            user_created_at: zoom_time(at(created)),
            last_login_time: last_login.map(|t| zoom_time(at(t))),
            last_client_version: last_login.map(|_| {
                CLIENT_VERSIONS
                    .choose(rng)
                    .expect("version list is not empty")
                    .to_string()
            }),
            timezone: TIMEZONES
                .choose(rng)
                .expect("time zone list is not empty")
                .to_string(),
            verified: u8::from(status != UserStatus::Pending),
            pmi: match status {
                UserStatus::Pending => 0,
                _ => rng.random_range(1_000_000_000..10_000_000_000u64),
            },
            language: LANGUAGES
                .choose(rng)
                .expect("language list is not empty")
                .to_string(),
            cached_row: RowCache::default(),
        };
        tenant.insert_user(user);
    }
}

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).expect("generated times lie within 2018-2026")
}

fn unique_email(taken: &mut BTreeSet<String>, first: &str, last: &str) -> String {
    let local = format!(
        "{}.{}",
        first.to_ascii_lowercase(),
        last.to_ascii_lowercase()
    );
    let mut candidate = format!("{local}@example.com");
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{local}{n}@example.com");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

fn pick_role(rng: &mut ChaCha8Rng, status: UserStatus, custom_roles: &[String]) -> String {
    if status == UserStatus::Pending {
        return MEMBER_ROLE_ID.to_owned();
    }
    let draw: f64 = rng.random();
    if draw < 0.03 {
        ADMIN_ROLE_ID.to_owned()
    } else if draw < 0.09 && !custom_roles.is_empty() {
        custom_roles.choose(rng).expect("checked non-empty").clone()
    } else {
        MEMBER_ROLE_ID.to_owned()
    }
}

fn pick_license(rng: &mut ChaCha8Rng, status: UserStatus, owner: bool, sso: bool) -> LicenseType {
    if owner {
        return LicenseType::Licensed;
    }
    // Zoom removes licences on deactivation.
    if status == UserStatus::Inactive {
        return LicenseType::Basic;
    }
    let draw: f64 = rng.random();
    match status {
        UserStatus::Pending if draw < 0.6 => LicenseType::Licensed,
        UserStatus::Pending => LicenseType::Basic,
        // Type 99 exists only for users pre-provisioned through SSO.
        _ if draw < 0.04 && sso => LicenseType::None,
        _ if draw < 0.12 => LicenseType::Unassigned,
        _ if draw < 0.45 => LicenseType::Basic,
        _ => LicenseType::Licensed,
    }
}

fn pick_groups(rng: &mut ChaCha8Rng, group_ids: &[String]) -> BTreeSet<String> {
    let draw: f64 = rng.random();
    let count = match draw {
        d if d < 0.25 => 0,
        d if d < 0.75 => 1,
        d if d < 0.93 => 2,
        _ => 3,
    };
    group_ids
        .sample(rng, count.min(group_ids.len()))
        .cloned()
        .collect()
}

fn add_group_admins(
    tenant: &mut Tenant,
    rng: &mut ChaCha8Rng,
    spec: &TenantSpec,
    group_ids: &[String],
) {
    let active: Vec<String> = tenant
        .by_status
        .get(&UserStatus::Active)
        .map(|ids| ids.iter().cloned().collect())
        .unwrap_or_default();
    for group_id in group_ids {
        if rng.random_bool(spec.groups_without_admin_share) {
            continue;
        }
        let count = rng.random_range(1..=3usize);
        let group = tenant
            .groups
            .get_mut(group_id)
            .expect("generated group ids are stored");
        let members: Vec<String> = group.member_ids.iter().cloned().collect();
        // Admins are usually members of their group; a group without members gets admins
        // from the whole account.
        let pool = if members.is_empty() {
            &active
        } else {
            &members
        };
        group
            .admin_ids
            .extend(pool.sample(rng, count.min(pool.len())).cloned());
    }
}

fn add_contact_groups(
    tenant: &mut Tenant,
    rng: &mut ChaCha8Rng,
    spec: &TenantSpec,
    group_ids: &[String],
) {
    let listed: Vec<(String, String)> = tenant
        .users
        .values()
        .filter(|u| u.status != UserStatus::Pending)
        .map(|u| (u.id.clone(), u.display_name.clone()))
        .collect();
    for i in 0..spec.contact_groups {
        let id = ids::contact_group_id(rng);
        let name = format!("{} Contacts", numbered(GROUP_NAMES, i));
        let privacy = *[1u8, 1, 2, 3]
            .choose(rng)
            .expect("privacy list is not empty");
        let mut group = ContactGroup {
            id,
            description: format!("Directory of {name}."),
            name,
            privacy,
            members: Default::default(),
        };
        let user_count = rng.random_range(1..=40usize).min(listed.len());
        for (id, name) in listed.sample(rng, user_count) {
            insert_member(
                &mut group,
                ContactMemberType::User,
                id.clone(),
                name.clone(),
            );
        }
        let group_count = rng.random_range(0..=3usize).min(group_ids.len());
        for id in group_ids.sample(rng, group_count) {
            let name = tenant.groups[id].name.clone();
            insert_member(&mut group, ContactMemberType::Group, id.clone(), name);
        }
        if rng.random_bool(spec.deleted_group_member_share) {
            // A group deleted after it was added: Zoom keeps listing it in the contact group.
            let id = ids::zoom_id(rng);
            insert_member(
                &mut group,
                ContactMemberType::Group,
                id,
                format!("Former group {i}"),
            );
        }
        tenant.insert_contact_group(group);
    }
}

fn insert_member(
    group: &mut ContactGroup,
    member_type: ContactMemberType,
    id: String,
    name: String,
) {
    group.members.insert(
        (member_type, id.clone()),
        ContactMember {
            member_type,
            id,
            name,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_byte_identical_ground_truth() {
        let spec = Preset::Small.spec();
        let a = generate(&spec, 7).ground_truth().to_json();
        let b = generate(&spec, 7).ground_truth().to_json();
        assert_eq!(a, b);
        let c = generate(&spec, 8).ground_truth().to_json();
        assert_ne!(a, c);
    }

    #[test]
    fn small_account_has_one_owner_and_every_kind_of_user() {
        let truth = generate(&Preset::Small.spec(), 7).ground_truth();
        let owners = &truth
            .role(OWNER_ROLE_ID)
            .expect("owner role exists")
            .member_ids;
        assert_eq!(owners.len(), 1);
        let owner = truth
            .user(owners.iter().next().expect("one owner"))
            .expect("owner is a user");
        assert_eq!(owner.status, UserStatus::Active);
        assert!(truth.users_with_status(UserStatus::Inactive).count() > 0);
        assert!(!truth.pending_users.is_empty());
        assert_eq!(truth.users.len() + truth.pending_users.len(), 200);
        assert!(truth.users.iter().any(|u| u.group_ids.len() >= 2));
        assert!(truth.users.iter().any(|u| u.group_ids.is_empty()));
        assert_eq!(truth.roles.len(), 3 + 4);
        assert!(truth.contact_groups.iter().all(|g| !g.members.is_empty()));
    }

    #[test]
    fn relations_agree_on_both_sides() {
        let truth = generate(&Preset::Small.spec(), 3).ground_truth();
        for group in &truth.groups {
            for member in &group.member_ids {
                let user = truth.user(member).expect("members are users");
                assert!(user.group_ids.contains(&group.id));
            }
            for admin in &group.admin_ids {
                assert!(truth.user(admin).is_some(), "admins are users");
            }
        }
        for user in &truth.users {
            let role = truth
                .role(&user.role_id)
                .expect("users hold existing roles");
            assert!(role.member_ids.contains(&user.id));
            assert_eq!(user.role_name, role.name);
            if user.status == UserStatus::Inactive {
                assert_eq!(user.license, LicenseType::Basic);
            }
        }
    }
}
