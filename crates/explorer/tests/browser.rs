//! The explorer in a real headless Chromium: every page a reviewer walks through, checked
//! against the simulator's ground truth, and a hostile display name that stays text.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator, key::Key};
use serde_json::Value;
use zoom_sim::GroundTruth;
use zoom_sim::tenant::{ContactMemberType, UserPatch, UserRef, UserStatus};

use crate::support::browser::{Browser, Served};
use crate::support::{self, Account, runtime};

/// The cells of table `#id`, as text, row by row.
async fn cells(client: &Client, id: &str) -> Vec<Vec<String>> {
    let script = format!(
        "return [...document.querySelectorAll('#{id} tbody tr')]
            .map(tr => [...tr.cells].map(td => td.textContent));"
    );
    let value = client
        .execute(&script, vec![])
        .await
        .expect("the script runs");
    serde_json::from_value(value).expect("rows of text")
}

/// The `href`s of the links in column `column` of table `#id`.
async fn links(client: &Client, id: &str, column: usize) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll('#{id} tbody tr')]
            .map(tr => tr.cells[{column}].querySelector('a')?.getAttribute('href') ?? '');"
    );
    let value = client
        .execute(&script, vec![])
        .await
        .expect("the script runs");
    serde_json::from_value(value).expect("links")
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} is on the page: {e}"))
        .text()
        .await
        .expect("text")
}

async fn wait_for_path(client: &Client, path: &str) {
    let started = Instant::now();
    loop {
        let url = client.current_url().await.expect("a URL");
        let here = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if here.starts_with(path) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{path} loads, at {here}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn active_id(client: &Client) -> Option<String> {
    let active = client.active_element().await.expect("an active element");
    active.attr("id").await.expect("an id attribute")
}

/// What each user holds in `truth`: `(type, id, slug)`.
fn access(truth: &GroundTruth) -> BTreeMap<String, BTreeSet<(String, String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(String, String, String)>> = BTreeMap::new();
    let mut add = |user: &str, t: &str, id: &str, slug: &str| {
        out.entry(user.to_owned()).or_default().insert((
            t.to_owned(),
            id.to_owned(),
            slug.to_owned(),
        ));
    };
    for u in &truth.users {
        add(&u.id, "role", &u.role_id, "member");
        add(&u.id, "license", &u.license.code().to_string(), "assigned");
        for g in &u.group_ids {
            add(&u.id, "group", g, "member");
        }
    }
    for g in &truth.groups {
        for a in &g.admin_ids {
            add(a, "group", &g.id, "admin");
        }
    }
    for c in &truth.contact_groups {
        for m in c
            .members
            .iter()
            .filter(|m| m.member_type == ContactMemberType::User)
        {
            add(&m.id, "contactGroup", &c.id, "member");
        }
    }
    out
}

/// The rows a diff between two ground truths must show: `(person href, change, access,
/// resource href)` (status rows and people added or removed have empty access).
fn expected_changes(
    before: &GroundTruth,
    after: &GroundTruth,
) -> BTreeSet<(String, String, String, String)> {
    let (then, now) = (access(before), access(after));
    let href = |t: &str, id: &str| match t {
        "contactGroup" => format!("/contact-groups/{id}"),
        "license" => format!("/licenses/{id}"),
        _ => format!("/{t}s/{id}"),
    };
    let mut rows = BTreeSet::new();
    for u in &after.users {
        let person = format!("/user/{}", u.id);
        if let Some(old) = before.user(&u.id)
            && old.status != u.status
        {
            rows.insert((
                person.clone(),
                "status".into(),
                String::new(),
                String::new(),
            ));
        }
        let empty = BTreeSet::new();
        let (a, b) = (
            then.get(&u.id).unwrap_or(&empty),
            now.get(&u.id).unwrap_or(&empty),
        );
        for (change, from, to) in [("gained", a, b), ("lost", b, a)] {
            for (t, id, slug) in to.difference(from) {
                rows.insert((
                    person.clone(),
                    change.into(),
                    format!("{t} {slug}"),
                    href(t, id),
                ));
            }
        }
    }
    rows
}

#[test]
fn a_reviewer_walks_from_the_overview_to_a_user_a_group_the_changes_and_a_csv() {
    let account = Account::start(support::review_spec(), 21);
    let (_, before) = account.sync();
    // Between the two syncs: one user is deactivated, another joins a group.
    let (leaver, joiner, group) = {
        let mut tenant = account.sim.tenant().write();
        let leaver = before
            .users_with_status(UserStatus::Active)
            .find(|u| u.role_id != "0" && !u.group_ids.is_empty())
            .expect("an active user in a group")
            .clone();
        let joiner = before
            .users_with_status(UserStatus::Active)
            .find(|u| u.id != leaver.id && u.role_id != "0" && u.group_ids.len() == 1)
            .expect("an active user in one group")
            .clone();
        let group = before
            .groups
            .iter()
            .find(|g| !joiner.group_ids.contains(&g.id))
            .expect("a group the joiner is not in")
            .clone();
        tenant
            .set_user_active(&leaver.id, false)
            .expect("deactivates");
        tenant
            .add_group_members(&group.id, &[UserRef::Id(joiner.id.clone())])
            .expect("joins");
        (leaver, joiner, group)
    };
    let (_, after) = account.sync();
    let served = Served::start(&account.file());

    runtime().block_on(async {
        let Some(browser) = Browser::start("the reviewer's walk").await else {
            return;
        };
        let c = &browser.client;

        // Overview: counts as the account has them, and the token out of the address.
        c.goto(&served.url).await.expect("the overview loads");
        wait_for_path(c, "/").await;
        assert_eq!(c.current_url().await.expect("a URL").query(), None);
        let count = |key: &str| format!("[data-count='{key}']");
        assert_eq!(
            text_of(c, &count("status-active")).await,
            after
                .users_with_status(UserStatus::Active)
                .count()
                .to_string()
        );
        assert_eq!(
            text_of(c, &count("status-inactive")).await,
            after
                .users_with_status(UserStatus::Inactive)
                .count()
                .to_string()
        );
        assert_eq!(
            text_of(c, &count("status-pending")).await,
            after.pending_users.len().to_string()
        );
        assert_eq!(
            text_of(c, &count("groups")).await,
            after.groups.len().to_string()
        );
        assert_eq!(
            text_of(c, &count("license-2")).await,
            after.licenses[&2].len().to_string()
        );
        browser.screenshot("overview").await;

        // Users: search has focus on load; typing a name finds exactly the people named so.
        c.goto(&served.at("/users")).await.expect("users load");
        assert_eq!(active_id(c).await.as_deref(), Some("search"));
        let needle = joiner.display_name.clone();
        let search = c.find(Locator::Id("search")).await.expect("a search box");
        search
            .send_keys(&format!("{needle}{}", char::from(Key::Enter)))
            .await
            .expect("typed");
        wait_for_path(c, "/users?q=").await;
        let found: BTreeSet<String> = cells(c, "people")
            .await
            .into_iter()
            .map(|r| r[1].clone())
            .collect();
        let lower = needle.to_lowercase();
        let expected: BTreeSet<String> = after
            .users
            .iter()
            .filter(|u| u.display_name.to_lowercase().contains(&lower) || u.email.contains(&lower))
            .map(|u| u.email.clone())
            .chain(
                after
                    .pending_users
                    .iter()
                    .filter(|p| {
                        format!("{} {}", p.first_name, p.last_name)
                            .to_lowercase()
                            .contains(&lower)
                    })
                    .map(|p| p.email.clone()),
            )
            .collect();
        assert_eq!(found, expected);
        // "/" brings focus back to search from anywhere on the page.
        c.find(Locator::Css("h1"))
            .await
            .expect("a heading")
            .click()
            .await
            .expect("clicked");
        c.find(Locator::Css("body"))
            .await
            .expect("a body")
            .send_keys("/")
            .await
            .expect("typed");
        assert_eq!(active_id(c).await.as_deref(), Some("search"));

        // Follow the user to their access.
        c.find(Locator::Css(&format!(
            "#people a[href='/user/{}']",
            joiner.id
        )))
        .await
        .expect("the user is listed")
        .click()
        .await
        .expect("clicked");
        wait_for_path(c, &format!("/user/{}", joiner.id)).await;
        assert_eq!(text_of(c, "#email").await, joiner.email);
        assert_eq!(text_of(c, "#status").await, "active");
        let held: BTreeSet<(String, String, String)> = cells(c, "access")
            .await
            .into_iter()
            .map(|r| {
                let slug = if r[0] == "group admin" {
                    "admin"
                } else if r[1] == "license" {
                    "assigned"
                } else {
                    "member"
                };
                (r[1].clone(), r[3].clone(), slug.to_owned())
            })
            .collect();
        assert_eq!(Some(&held), access(&after).get(&joiner.id));
        browser.screenshot("user").await;

        // Open the group the user just joined: its members and admins as the account has them.
        c.find(Locator::Css(&format!(
            "#access a[href='/groups/{}']",
            group.id
        )))
        .await
        .expect("the new group is listed")
        .click()
        .await
        .expect("clicked");
        wait_for_path(c, &format!("/groups/{}", group.id)).await;
        let truth_group = after.group(&group.id).expect("the group exists");
        let emails = |ids: &BTreeSet<String>| -> BTreeSet<String> {
            ids.iter()
                .map(|id| after.user(id).expect("a user").email.clone())
                .collect()
        };
        let members: BTreeSet<String> = cells(c, "members")
            .await
            .into_iter()
            .map(|r| r[1].clone())
            .collect();
        assert_eq!(members, emails(&truth_group.member_ids));
        if !truth_group.admin_ids.is_empty() {
            let admins: BTreeSet<String> = cells(c, "admins")
                .await
                .into_iter()
                .map(|r| r[1].clone())
                .collect();
            assert_eq!(admins, emails(&truth_group.admin_ids));
        }

        // The changes between the two syncs.
        c.find(Locator::Css("header a[href='/diff']"))
            .await
            .expect("a nav link")
            .click()
            .await
            .expect("clicked");
        wait_for_path(c, "/diff").await;
        let rows = cells(c, "changes").await;
        let people = links(c, "changes", 0).await;
        let on = links(c, "changes", 4).await;
        let shown: BTreeSet<(String, String, String, String)> = rows
            .iter()
            .zip(people.iter().zip(&on))
            .map(|(r, (p, o))| (p.clone(), r[2].clone(), r[3].clone(), o.clone()))
            .collect();
        let expected = expected_changes(&before, &after);
        assert!(
            expected
                .iter()
                .any(|r| r.0 == format!("/user/{}", leaver.id) && r.1 == "status")
        );
        assert!(
            expected
                .iter()
                .any(|r| r.0 == format!("/user/{}", joiner.id) && r.1 == "gained")
        );
        assert_eq!(shown, expected);
        assert_eq!(rows.len(), expected.len());

        // Download the CSV of a filtered list.
        c.goto(&served.at("/users?status=inactive"))
            .await
            .expect("users load");
        c.find(Locator::Css("nav.pager a.csv"))
            .await
            .expect("a CSV link")
            .click()
            .await
            .expect("clicked");
        let csv = browser.downloaded("users.csv").await;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let downloaded: BTreeSet<String> = reader
            .records()
            .map(|r| r.expect("a CSV row")[1].to_owned())
            .collect();
        let inactive: BTreeSet<String> = after
            .users_with_status(UserStatus::Inactive)
            .map(|u| u.email.clone())
            .collect();
        assert_eq!(downloaded, inactive);
        browser.close().await;
    });
}

const HOSTILE: &str = "<img src=x onerror=alert(1)>";
const SNEAKY: &str = "<img src=x onerror=\"document.body.dataset.pwned='yes'\">";

#[test]
fn a_hostile_display_name_shows_as_text_and_runs_no_script() {
    let account = Account::start(zoom_sim::Preset::Small.spec(), 5);
    let (victim, other) = {
        let truth = account.sim.ground_truth();
        (truth.users[1].clone(), truth.users[2].clone())
    };
    {
        let mut tenant = account.sim.tenant().write();
        for (user, name) in [(&victim, HOSTILE), (&other, SNEAKY)] {
            let patch = UserPatch {
                display_name: Some(name.to_owned()),
                ..UserPatch::default()
            };
            tenant.update_user(&user.id, patch).expect("renamed");
        }
    }
    account.sync();
    let served = Served::start(&account.file());
    runtime().block_on(async {
        let Some(browser) = Browser::start("the hostile display name").await else {
            return;
        };
        let c = &browser.client;
        c.goto(&served.url).await.expect("the overview loads");
        c.goto(&served.at("/users?q=%3Cimg"))
            .await
            .expect("users load");
        let names: BTreeSet<String> = cells(c, "people")
            .await
            .into_iter()
            .map(|r| r[0].clone())
            .collect();
        assert_eq!(names, [HOSTILE.to_owned(), SNEAKY.to_owned()].into());
        let images = c
            .execute("return document.querySelectorAll('img').length;", vec![])
            .await
            .expect("the script runs");
        assert_eq!(images, Value::from(0));
        assert!(c.get_alert_text().await.is_err(), "no alert is open");

        c.goto(&served.at(&format!("/user/{}", other.id)))
            .await
            .expect("the user page loads");
        assert_eq!(text_of(c, "h1").await, SNEAKY);
        assert!(c.get_alert_text().await.is_err(), "no alert is open");
        let pwned = c
            .execute("return document.body.dataset.pwned ?? null;", vec![])
            .await
            .expect("the script runs");
        assert_eq!(pwned, Value::Null);
        c.goto(&served.at(&format!("/user/{}", victim.id)))
            .await
            .expect("the user page loads");
        assert_eq!(text_of(c, "h1").await, HOSTILE);
        assert!(c.get_alert_text().await.is_err(), "no alert is open");
        browser.close().await;
    });
}

#[test]
fn a_browser_without_the_token_gets_401() {
    let served = Served::start(&support::reviewed().account.file());
    runtime().block_on(async {
        let Some(browser) = Browser::start("the 401 page").await else {
            return;
        };
        let c = &browser.client;
        c.goto(&served.at("/users"))
            .await
            .expect("the page answers");
        let body = text_of(c, "body").await;
        assert!(body.starts_with("401 Unauthorized"), "{body}");
        browser.close().await;
    });
}
