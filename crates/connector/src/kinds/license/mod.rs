//! The `license` resource kind: Zoom's user types (licences), which Zoom has no endpoint
//! for: every user row carries its `type`. The four types are fixed resources, always
//! emitted so their `assigned` entitlements exist even with no holder; ids are Zoom's
//! numbers as the newer upstream connector forms them ("1", "2", "4", "99").

mod provision;

use c1z::{Entitlement, Grant, Resource, ResourceId, ResourceType};
use zoom_api::UserType;

use super::user;
use crate::ids;

/// One of Zoom's user types, as a licence a user holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum License {
    /// Type 1: Basic (free).
    Basic,
    /// Type 2: Licensed (a paid seat).
    Licensed,
    /// Type 4: Unassigned, without a Meetings licence.
    Unassigned,
    /// Type 99: None (users pre-provisioned through SSO).
    NoPlan,
}

impl License {
    /// Every licence, in Zoom's numeric order.
    pub const ALL: [License; 4] = [
        License::Basic,
        License::Licensed,
        License::Unassigned,
        License::NoPlan,
    ];

    /// The licence a Zoom user type stands for; `None` for types outside Zoom's current
    /// four (older specs had 3, On-prem), which get no licence grant.
    pub fn of(user_type: UserType) -> Option<License> {
        match user_type {
            UserType::Basic => Some(License::Basic),
            UserType::Licensed => Some(License::Licensed),
            UserType::Unassigned => Some(License::Unassigned),
            UserType::NoPlan => Some(License::NoPlan),
            UserType::Other(_) => None,
        }
    }

    /// The licence a resource id names (`"1"`, `"2"`, `"4"`, `"99"`).
    pub fn from_resource_id(id: &str) -> Option<License> {
        License::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The Zoom user type of this licence.
    pub fn user_type(self) -> UserType {
        match self {
            License::Basic => UserType::Basic,
            License::Licensed => UserType::Licensed,
            License::Unassigned => UserType::Unassigned,
            License::NoPlan => UserType::NoPlan,
        }
    }

    /// The resource id: Zoom's number for the type.
    pub fn id(self) -> &'static str {
        match self {
            License::Basic => "1",
            License::Licensed => "2",
            License::Unassigned => "4",
            License::NoPlan => "99",
        }
    }

    /// The name Zoom's admin portal shows.
    pub fn name(self) -> &'static str {
        match self {
            License::Basic => "Basic",
            License::Licensed => "Licensed",
            License::Unassigned => "Unassigned",
            License::NoPlan => "None",
        }
    }

    /// The resource id of this licence.
    pub fn resource_id(self) -> ResourceId {
        ResourceId::new(ids::LICENSE, self.id())
    }

    /// The licence resource (no trait: baton v0.3.12 has no licence trait).
    pub fn resource(self) -> Resource {
        Resource::new(self.resource_id(), self.name()).with_description(format!(
            "Zoom user type {} ({})",
            self.id(),
            self.name()
        ))
    }

    /// The `assigned` entitlement: holding a seat of this licence.
    pub fn entitlement(self) -> Entitlement {
        Entitlement::assignment(&self.resource(), ids::ASSIGNED)
            .with_display_name(format!("{} license assigned", self.name()))
            .with_description(format!("Holds a {} license seat in Zoom", self.name()))
            .with_grantable_to(&[&user::resource_type()])
    }

    /// The grant of this licence to user `user_id`.
    pub fn grant(self, user_id: &str) -> Grant {
        Grant::new(
            &self.resource_id(),
            ids::ASSIGNED,
            user::resource_id(user_id),
        )
    }
}

/// The `license` resource type.
pub fn resource_type() -> ResourceType {
    ResourceType::new(ids::LICENSE, "License", &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use c1z::Purpose;

    #[test]
    fn four_licences_keyed_by_zoom_type_number() {
        let ids: Vec<(&str, &str)> = License::ALL.iter().map(|l| (l.id(), l.name())).collect();
        assert_eq!(
            ids,
            [
                ("1", "Basic"),
                ("2", "Licensed"),
                ("4", "Unassigned"),
                ("99", "None")
            ]
        );
        for license in License::ALL {
            assert_eq!(License::of(license.user_type()), Some(license));
            assert_eq!(License::from_resource_id(license.id()), Some(license));
            assert_eq!(
                i64::from(license.id().parse::<u8>().expect("ids are numbers")),
                license.user_type().code()
            );
        }
        assert_eq!(License::of(UserType::Other(3)), None);
        assert_eq!(License::from_resource_id("3"), None);
    }

    #[test]
    fn assigned_entitlement_and_grant() {
        let ent = License::Licensed.entitlement();
        assert_eq!(ent.id, "license:2:assigned");
        assert_eq!(ent.display_name, "Licensed license assigned");
        assert_eq!(ent.description, "Holds a Licensed license seat in Zoom");
        assert_eq!(ent.purpose, Purpose::Assignment as i32);
        assert_eq!(ent.grantable_to[0].id, "user");
        assert_eq!(
            License::NoPlan.grant("u1").id,
            "license:99:assigned:user:u1"
        );
        assert_eq!(License::Basic.resource().display_name, "Basic");
    }
}
