//! Listings against the simulator: exact ground truth, page sizes, resume and restart.

use std::collections::BTreeSet;

use futures::TryStreamExt;
use zoom_api::{Category, StartAt, UserQuery, UserStatus};
use zoom_sim::{Preset, SimConfig};

use crate::support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_listing_of_a_small_account_matches_ground_truth() {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(7)).await;
    let client = support::client(&sim);
    support::assert_full_listing_matches(&client, &sim.ground_truth()).await;
    let stats = client.stats();
    assert_eq!(stats.errors, 0);
    assert_eq!(stats.retries, 0);
    assert_eq!(stats.tokens_issued, 1);
    assert_eq!(stats.calls_in(Category::Heavy), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_are_listed_300_per_page_with_their_total() {
    let sim = support::start(SimConfig::preset(Preset::Medium).seed(3)).await;
    let client = support::client(&sim);
    let truth = sim.ground_truth();
    let active = truth
        .users
        .iter()
        .filter(|u| u.status == zoom_sim::tenant::UserStatus::Active)
        .count();
    let pages = support::pages(
        client
            .users()
            .list(&UserQuery::status(UserStatus::Active), StartAt::Beginning),
    )
    .await
    .expect("listing succeeds");
    assert_eq!(pages.len(), active.div_ceil(300));
    for page in &pages[..pages.len() - 1] {
        assert_eq!(page.items.len(), 300);
        assert!(page.next_page_token.is_some());
        assert_eq!(page.total_records, Some(active as u64));
        assert!(!page.restarted);
    }
    let last = pages.last().expect("at least one page");
    assert_eq!(last.next_page_token, None);
    assert_eq!(
        pages.iter().map(|p| p.items.len()).sum::<usize>(),
        active,
        "every active user once"
    );
    assert_eq!(
        client.stats().calls_in(Category::Medium),
        pages.len() as u64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_resumes_from_a_saved_page_token() {
    let sim = support::start(SimConfig::preset(Preset::Medium).seed(4)).await;
    let query = UserQuery::status(UserStatus::Active);
    let first_client = support::client(&sim);
    let mut stream = first_client.users().list(&query, StartAt::Beginning);
    let mut seen: Vec<String> = Vec::new();
    let mut checkpoint = None;
    for _ in 0..3 {
        let page = stream
            .try_next()
            .await
            .expect("page")
            .expect("more pages follow");
        seen.extend(page.items.into_iter().filter_map(|u| u.id));
        checkpoint = page.next_page_token;
    }
    drop(stream);

    // A new client, as after a restart of the process, resumes from the checkpoint.
    let second_client = support::client(&sim);
    let rest = support::pages(
        second_client
            .users()
            .list(&query, StartAt::from(checkpoint)),
    )
    .await
    .expect("resumed listing succeeds");
    assert!(rest.iter().all(|p| !p.restarted));
    seen.extend(rest.into_iter().flat_map(|p| p.items).filter_map(|u| u.id));

    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no user is listed twice");
    let want: BTreeSet<String> = sim
        .ground_truth()
        .users
        .iter()
        .filter(|u| u.status == zoom_sim::tenant::UserStatus::Active)
        .map(|u| u.id.clone())
        .collect();
    assert_eq!(unique, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_page_token_restarts_the_listing_and_says_so() {
    let sim = support::start(SimConfig::preset(Preset::Medium).seed(5)).await;
    let client = support::client(&sim);
    let mut stream = client
        .users()
        .list(&UserQuery::status(UserStatus::Active), StartAt::Beginning);
    let first = stream.try_next().await.expect("page").expect("first page");
    assert!(!first.restarted);
    sim.expire_page_tokens();
    let again = stream
        .try_next()
        .await
        .expect("page")
        .expect("restarted page");
    assert!(again.restarted, "the caller is told the listing restarted");
    assert_eq!(
        again.items, first.items,
        "the restart begins at the first page"
    );
    let mut all = again.items;
    while let Some(page) = stream.try_next().await.expect("page") {
        assert!(!page.restarted);
        all.extend(page.items);
    }
    let mut truth = sim.ground_truth();
    truth
        .users
        .retain(|u| u.status == zoom_sim::tenant::UserStatus::Active);
    support::assert_users_match(&all, &truth);
    let stats = client.stats();
    assert_eq!(stats.listing_restarts, 1);
    assert_eq!(stats.errors, 1, "the one refused page token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resuming_from_an_unknown_token_restarts_from_the_beginning() {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(6)).await;
    let client = support::client(&sim);
    let pages = support::pages(
        client
            .groups()
            .list(StartAt::Token("not-a-token".to_owned())),
    )
    .await
    .expect("listing succeeds after the restart");
    assert!(pages[0].restarted);
    let listed: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.items)
        .map(|g| g.id)
        .collect();
    let want: Vec<String> = sim
        .ground_truth()
        .groups
        .iter()
        .map(|g| g.id.clone())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_can_be_listed_by_role() {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(8)).await;
    let client = support::client(&sim);
    let truth = sim.ground_truth();
    let query = UserQuery {
        status: UserStatus::Active,
        role_id: Some("1".to_owned()),
        include_custom_attributes: true,
    };
    let listed: BTreeSet<String> = support::rows(client.users().list(&query, StartAt::Beginning))
        .await
        .expect("listing succeeds")
        .into_iter()
        .map(|u| {
            assert_eq!(u.role_id.as_deref(), Some("1"));
            u.id.expect("active users have ids")
        })
        .collect();
    let want: BTreeSet<String> = truth
        .users
        .iter()
        .filter(|u| u.status == zoom_sim::tenant::UserStatus::Active && u.role_id == "1")
        .map(|u| u.id.clone())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(listed, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_is_read_with_its_privileges_one_light_call_per_role() {
    let sim = support::start(SimConfig::preset(Preset::Small).seed(7)).await;
    let client = support::client(&sim);
    let truth = sim.ground_truth();
    for role in &truth.roles {
        let detail = client.roles().get(&role.id).await.expect("the role exists");
        assert_eq!(detail.id, role.id);
        assert_eq!(detail.name, role.name);
        assert_eq!(detail.privileges, role.privileges);
    }
    assert_eq!(
        client.stats().calls_in(Category::Light),
        truth.roles.len() as u64
    );
    let unknown = client.roles().get("NoSuchRole").await;
    assert!(
        matches!(unknown, Err(zoom_api::Error::NotFound { code: 1034, .. })),
        "{unknown:?}"
    );
}
