//! The fewest API calls the sync strategy needs for an account, per operation: users listed
//! once per status at 300 a page, groups and roles in one call each, one role-detail call per
//! role (its privileges), one admin listing per group, contact groups and their members at
//! Zoom's maximum of 50 a page, one token.

use std::collections::BTreeMap;

use zoom_api::Category;
use zoom_sim::GroundTruth;
use zoom_sim::tenant::UserStatus;

/// Largest page of user, member and admin listings.
const MEMBER_PAGE: usize = 300;
/// Largest page of contact-group listings.
const CONTACT_PAGE: usize = 50;

/// Minimum calls per `operationId`.
pub fn calls(truth: &GroundTruth) -> BTreeMap<&'static str, u64> {
    let count = |status| truth.users_with_status(status).count();
    let users = [
        count(UserStatus::Active),
        count(UserStatus::Inactive),
        truth.pending_users.len(),
    ]
    .into_iter()
    .map(|n| pages(n, MEMBER_PAGE))
    .sum();
    let admins = truth
        .groups
        .iter()
        .map(|g| pages(g.admin_ids.len(), MEMBER_PAGE))
        .sum();
    let contact_members = truth
        .contact_groups
        .iter()
        .map(|g| pages(g.members.len(), CONTACT_PAGE))
        .sum();
    BTreeMap::from([
        ("oauthToken", 1),
        ("users", users),
        ("groups", 1),
        ("groupAdmins", admins),
        ("roles", 1),
        ("getRoleInformation", truth.roles.len() as u64),
        (
            "contactGroups",
            pages(truth.contact_groups.len(), CONTACT_PAGE),
        ),
        ("contactGroupMembers", contact_members),
    ])
}

/// The longest chain of calls that must follow one another (each page's token comes with
/// the page before, a per-group listing needs the group list first): however high the rate
/// limits, a sync takes at least this many answers' latency.
pub fn longest_chain(truth: &GroundTruth) -> u64 {
    let users = UserStatus::ALL.into_iter().map(|status| match status {
        UserStatus::Pending => pages(truth.pending_users.len(), MEMBER_PAGE),
        _ => pages(truth.users_with_status(status).count(), MEMBER_PAGE),
    });
    let admins = pages(truth.groups.len(), MEMBER_PAGE)
        + truth
            .groups
            .iter()
            .map(|g| pages(g.admin_ids.len(), MEMBER_PAGE))
            .max()
            .unwrap_or(0);
    let contact_members = pages(truth.contact_groups.len(), CONTACT_PAGE)
        + truth
            .contact_groups
            .iter()
            .map(|g| pages(g.members.len(), CONTACT_PAGE))
            .max()
            .unwrap_or(0);
    users.chain([admins, contact_members]).max().unwrap_or(0)
}

/// Pages needed for `n` rows: an empty listing still takes one call.
fn pages(n: usize, page: usize) -> u64 {
    n.div_ceil(page).max(1) as u64
}

/// The least time the calls of `minimum` take at `limit` per second per category: the
/// slowest category's calls over its limit.
pub fn floor(minimum: &BTreeMap<&'static str, u64>, limit: impl Fn(Category) -> f64) -> f64 {
    let mut per_category = [0u64; 3];
    for (operation, calls) in minimum {
        let labelled = zoom_sim::Endpoint::ALL
            .into_iter()
            .find(|e| e.operation_id() == *operation)
            .and_then(|e| e.info().category);
        for (i, category) in Category::ALL.into_iter().enumerate() {
            if labelled.is_some_and(|l| l.label() == category.to_string()) {
                per_category[i] += calls;
            }
        }
    }
    Category::ALL
        .into_iter()
        .zip(per_category)
        .map(|(c, calls)| calls as f64 / limit(c))
        .fold(0.0, f64::max)
}
