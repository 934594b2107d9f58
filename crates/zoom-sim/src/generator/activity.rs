//! An account as an access review finds it on a given day: recent and stale sign-ins,
//! fresh and forgotten invitations, and deactivated users who kept a paid seat.
//!
//! The base generator spreads times over 2018-2025, which says nothing about "90 days ago".
//! This pass re-times them relative to [`Activity::as_of`] so a review over the account has
//! something on both sides of any threshold. It runs after everything else is generated and
//! touches only times and licences, so groups, roles and memberships are those of the same
//! seed without it.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::clock::zoom_time;
use crate::tenant::{LicenseType, Tenant, UserStatus};

const DAY: i64 = 86_400;

/// Sign-in and invitation history relative to a review date.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// The day the account is looked at: no sign-in or invitation is later.
    pub as_of: OffsetDateTime,
    /// Users who ever signed in last did so at an even spread over this many days before
    /// `as_of` (never before their account was created).
    pub last_login_spread_days: u32,
    /// Pending invitations were sent at an even spread over this many days before `as_of`.
    pub invite_spread_days: u32,
    /// Share of deactivated users who still hold a Licensed seat.
    ///
    /// Zoom's reference says deactivation removes a user's licences; the share models
    /// accounts where that did not happen (seats restored by a later licence change, or
    /// users deactivated before the rule), which is what a seat review looks for.
    pub inactive_licensed_share: f64,
}

/// Re-times the tenant's sign-ins and invitations and re-licenses some deactivated users.
pub(super) fn apply(tenant: &mut Tenant, rng: &mut ChaCha8Rng, activity: &Activity) {
    let as_of = activity.as_of.unix_timestamp();
    let login_from = as_of - i64::from(activity.last_login_spread_days) * DAY;
    let invite_from = as_of - i64::from(activity.invite_spread_days) * DAY;
    for user in tenant.users.values_mut() {
        match user.status {
            UserStatus::Pending => {
                user.user_created_at = zoom_time(at(rng.random_range(invite_from..=as_of)));
            }
            UserStatus::Active | UserStatus::Inactive => {
                if user.last_login_time.is_some() {
                    let created = OffsetDateTime::parse(&user.user_created_at, &Rfc3339)
                        .map_or(login_from, OffsetDateTime::unix_timestamp);
                    let from = login_from.max(created).min(as_of);
                    user.last_login_time = Some(zoom_time(at(rng.random_range(from..=as_of))));
                }
                if user.status == UserStatus::Inactive
                    && rng.random_bool(activity.inactive_licensed_share)
                {
                    user.license = LicenseType::Licensed;
                }
            }
        }
        user.touch();
    }
}

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).expect("review dates lie within time's range")
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::generator::{Preset, generate};

    fn spec_with(activity: Option<Activity>) -> crate::TenantSpec {
        crate::TenantSpec {
            activity,
            ..Preset::Small.spec()
        }
    }

    fn review() -> Activity {
        Activity {
            as_of: datetime!(2026-03-01 00:00 UTC),
            last_login_spread_days: 365,
            invite_spread_days: 120,
            inactive_licensed_share: 0.5,
        }
    }

    fn unix(text: &str) -> i64 {
        OffsetDateTime::parse(text, &Rfc3339)
            .expect("generated times are RFC 3339")
            .unix_timestamp()
    }

    #[test]
    fn activity_retimes_sign_ins_and_invites_within_their_spread_before_the_review_date() {
        let activity = review();
        let truth = generate(&spec_with(Some(activity.clone())), 7).ground_truth();
        let as_of = activity.as_of.unix_timestamp();
        let logins: Vec<i64> = truth
            .users
            .iter()
            .filter_map(|u| u.last_login_time.as_deref().map(unix))
            .collect();
        assert!(logins.iter().all(|&t| t <= as_of && t >= as_of - 365 * DAY));
        assert!(logins.iter().any(|&t| t > as_of - 90 * DAY));
        assert!(logins.iter().any(|&t| t < as_of - 90 * DAY));
        for user in &truth.users {
            if let Some(login) = user.last_login_time.as_deref() {
                assert!(unix(login) >= unix(&user.user_created_at).min(as_of));
            }
        }
        let invites: Vec<i64> = truth
            .pending_users
            .iter()
            .map(|p| unix(&p.user_created_at))
            .collect();
        assert!(
            invites
                .iter()
                .all(|&t| t <= as_of && t >= as_of - 120 * DAY)
        );
        assert!(
            truth
                .users_with_status(UserStatus::Inactive)
                .any(|u| u.license == LicenseType::Licensed)
        );
    }

    #[test]
    fn activity_keeps_who_is_who_and_who_signed_in() {
        let plain = generate(&spec_with(None), 7).ground_truth();
        let reviewed = generate(&spec_with(Some(review())), 7).ground_truth();
        assert_eq!(plain.groups, reviewed.groups);
        assert_eq!(plain.roles, reviewed.roles);
        assert_eq!(plain.contact_groups, reviewed.contact_groups);
        let who = |t: &crate::GroundTruth| -> Vec<(String, UserStatus, bool)> {
            t.users
                .iter()
                .map(|u| (u.id.clone(), u.status, u.last_login_time.is_some()))
                .collect()
        };
        assert_eq!(who(&plain), who(&reviewed));
    }
}
