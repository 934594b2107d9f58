//! Every JSON body the simulator answers validates against the schema of its operation:
//! Zoom's OpenAPI spec for Users, Groups and Contact Groups, and the SDK-derived schemas for
//! Roles (both kept in `schemas/`). Formats (email, date-time) are validated too.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use zoom_sim::tenant::UserStatus;

use crate::support::{Answer, start};

struct Contract {
    operations: BTreeMap<String, (u16, jsonschema::Validator)>,
    checked: BTreeSet<String>,
}

impl Contract {
    fn load() -> Contract {
        let mut operations = BTreeMap::new();
        for file in [
            include_str!("../schemas/zoom-user-api.json"),
            include_str!("../schemas/roles.json"),
        ] {
            let parsed: BTreeMap<String, Value> =
                serde_json::from_str(file).expect("schema files are JSON");
            for (operation, entry) in parsed {
                let status = entry["status"].as_u64().expect("status") as u16;
                let validator = jsonschema::options()
                    .should_validate_formats(true)
                    .build(&entry["schema"])
                    .unwrap_or_else(|e| panic!("{operation}: schema compiles: {e}"));
                operations.insert(operation, (status, validator));
            }
        }
        Contract {
            operations,
            checked: BTreeSet::new(),
        }
    }

    fn check(&mut self, operation: &str, answer: &Answer) {
        let (status, validator) = self
            .operations
            .get(operation)
            .unwrap_or_else(|| panic!("no schema for {operation}"));
        assert_eq!(
            answer.status.as_u16(),
            *status,
            "{operation}: {}",
            answer.body
        );
        let errors: Vec<String> = validator
            .iter_errors(&answer.body)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{operation} body breaks its schema: {errors:?}\n{}",
            answer.body
        );
        self.checked.insert(operation.to_owned());
    }
}

#[tokio::test]
async fn every_answer_validates_against_its_operation_schema() {
    let (sim, api) = start().await;
    let truth = sim.ground_truth();
    let mut contract = Contract::load();

    for status in ["active", "inactive", "pending"] {
        let first = api
            .get(&format!("/users?status={status}&page_size=5"))
            .await;
        contract.check("users", &first);
        let token = first.body["next_page_token"]
            .as_str()
            .expect("token")
            .to_owned();
        contract.check(
            "users",
            &api.get(&format!(
                "/users?status={status}&page_size=5&next_page_token={token}"
            ))
            .await,
        );
    }
    let active = truth
        .users_with_status(UserStatus::Active)
        .next()
        .expect("an active user");
    contract.check("user", &api.get(&format!("/users/{}", active.id)).await);
    contract.check(
        "user",
        &api.get(&format!("/users/{}", truth.pending_users[0].email))
            .await,
    );

    let group = truth
        .groups
        .iter()
        .find(|g| !g.member_ids.is_empty() && !g.admin_ids.is_empty())
        .expect("a group with members and admins");
    contract.check("groups", &api.get("/groups").await);
    contract.check("groups", &api.get("/groups?page_size=3").await);
    contract.check("group", &api.get(&format!("/groups/{}", group.id)).await);
    contract.check(
        "groupMembers",
        &api.get(&format!("/groups/{}/members?page_size=2", group.id))
            .await,
    );
    contract.check(
        "groupAdmins",
        &api.get(&format!("/groups/{}/admins", group.id)).await,
    );

    let contact = &truth.contact_groups[0];
    contract.check(
        "contactGroups",
        &api.get("/contacts/groups?page_size=3").await,
    );
    contract.check(
        "contactGroupMembers",
        &api.get(&format!("/contacts/groups/{}/members", contact.id))
            .await,
    );

    let custom = truth
        .roles
        .iter()
        .find(|r| !["0", "1", "2"].contains(&r.id.as_str()))
        .expect("a custom role");
    contract.check("roles", &api.get("/roles").await);
    contract.check(
        "getRoleInformation",
        &api.get(&format!("/roles/{}", custom.id)).await,
    );
    contract.check(
        "roleMembers",
        &api.get("/roles/2/members?page_size=4").await,
    );

    let outsider = truth
        .users
        .iter()
        .find(|u| {
            !group.member_ids.contains(&u.id)
                && !group.admin_ids.contains(&u.id)
                && u.role_id == "2"
        })
        .expect("a plain member outside the group");
    contract.check(
        "groupMembersCreate",
        &api.post(
            &format!("/groups/{}/members", group.id),
            json!({"members": [{"id": outsider.id}]}),
        )
        .await,
    );
    contract.check(
        "groupAdminsCreate",
        &api.post(
            &format!("/groups/{}/admins", group.id),
            json!({"admins": [{"email": outsider.email}]}),
        )
        .await,
    );
    contract.check(
        "AddRoleMembers",
        &api.post(
            &format!("/roles/{}/members", custom.id),
            json!({"members": [{"id": outsider.id}]}),
        )
        .await,
    );
    contract.check(
        "contactGroupMemberAdd",
        &api.post(
            &format!("/contacts/groups/{}/members", contact.id),
            json!({"group_members": [{"type": 1, "id": outsider.id}]}),
        )
        .await,
    );
    contract.check("userCreate", &api.post("/users", json!({"action": "custCreate", "user_info": {"email": "new.person@example.com", "type": 1, "first_name": "New", "last_name": "Person"}})).await);

    let all: BTreeSet<String> = contract.operations.keys().cloned().collect();
    assert_eq!(
        contract.checked, all,
        "every operation with a schema was exercised"
    );
}

#[tokio::test]
async fn contact_group_members_are_listed_under_group_members() {
    let (sim, api) = start().await;
    let contact = sim.ground_truth().contact_groups[0].clone();
    let page = api
        .get(&format!(
            "/contacts/groups/{}/members?page_size=50",
            contact.id
        ))
        .await;
    let members = page.body["group_members"]
        .as_array()
        .expect("group_members holds the members");
    assert_eq!(members.len(), contact.members.len().min(50));
    assert!(page.body.get("members").is_none());
}
