//! Role privileges, in the `Area:Action` notation `GET /roles/{roleId}` lists them, and the
//! sets the built-in roles hold.
//!
//! The names come from Zoom's "Privileges and Role Management" reference (API reference,
//! other references). Which of them Zoom's built-in Admin role holds by default is not
//! documented; the simulator gives it every privilege but those that change the account's
//! billing, profile and sub accounts, which the Zoom web portal reserves to the owner.

/// Every privilege a role can hold, in the order Zoom's reference lists them (and the order
/// the simulator answers them in).
pub const ALL: &[&str] = &[
    "User:Read",
    "User:Edit",
    "Role:Read",
    "Role:Edit",
    "Group:Read",
    "Group:Edit",
    "AccountProfile:Read",
    "AccountProfile:Edit",
    "AccountSetting:Read",
    "AccountSetting:Edit",
    "WebinarSetting:Read",
    "WebinarSetting:Edit",
    "Recording:Read",
    "Recording:Edit",
    "RecordingContent:Read",
    "SubAccount:Read",
    "SubAccount:Edit",
    "ZoomRooms:Read",
    "ZoomRooms:Edit",
    "DigitalSignage:Read",
    "DigitalSignage:Edit",
    "IMChatHistory:Read",
    "IMGroups:Read",
    "IMGroups:Edit",
    "IMSetting:Read",
    "IMSetting:Edit",
    "IMChatBot:Edit",
    "BillingSubscription:Read",
    "BillingSubscription:Edit",
    "BillingInformation:Read",
    "BillingInformation:Edit",
    "Dashboard:Read",
];

/// Privileges only the owner holds among the built-in roles.
const OWNER_ONLY: &[&str] = &[
    "AccountProfile:Edit",
    "SubAccount:Edit",
    "BillingSubscription:Edit",
    "BillingInformation:Edit",
];

/// The Owner role's privileges: all of them.
pub fn owner() -> Vec<String> {
    in_order(ALL)
}

/// The built-in Admin role's privileges: all but the owner's own.
pub fn admin() -> Vec<String> {
    in_order(
        &ALL.iter()
            .copied()
            .filter(|p| !OWNER_ONLY.contains(p))
            .collect::<Vec<_>>(),
    )
}

/// `privileges` in the catalogue's order, as owned strings; names outside the catalogue are
/// left out (a generated role can only hold what Zoom offers).
pub fn in_order(privileges: &[&str]) -> Vec<String> {
    ALL.iter()
        .filter(|p| privileges.contains(p))
        .map(|p| (*p).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_holds_everything_admin_all_but_the_owners_own_in_catalogue_order() {
        assert_eq!(owner().len(), ALL.len());
        let admin = admin();
        assert_eq!(admin.len(), ALL.len() - OWNER_ONLY.len());
        assert!(admin.contains(&"User:Edit".to_owned()));
        assert!(!admin.contains(&"BillingInformation:Edit".to_owned()));
        assert_eq!(
            in_order(&["Recording:Read", "User:Read", "Nonsense:Edit"]),
            ["User:Read", "Recording:Read"]
        );
    }
}
