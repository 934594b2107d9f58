//! Every provisioning request is logged as exactly one structured event saying who was
//! affected, what was done and the result, whether it succeeded or failed.

use std::sync::{Arc, Mutex, PoisonError};

use connector::provision::{Principal, Request};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

use crate::support::provision::{Account, plain_user};

/// One captured event: its level and its fields as text.
#[derive(Debug, Clone, PartialEq)]
struct Logged {
    level: Level,
    fields: Vec<(String, String)>,
}

impl Logged {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A subscriber that keeps the events of the provisioning module.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Logged>>>);

impl Capture {
    fn take(&self) -> Vec<Logged> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("connector::provision")
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Logged {
                level: *event.metadata().level(),
                fields: fields.0,
            });
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

#[tokio::test]
async fn each_request_is_one_event_with_who_what_and_result() {
    let account = Account::start(501).await;
    let truth = account.truth();
    let group = truth.groups[0].id.clone();
    let user = plain_user(&truth, &[&group]).clone();
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let entitlement = format!("group:{group}:member");
    account
        .apply(&Request::Grant {
            entitlement: entitlement.clone(),
            principal: Principal::parse(&user.email).expect("an email is a principal"),
        })
        .await;
    let events = capture.take();
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::INFO);
    assert_eq!(
        event.field("who"),
        Some(format!("user:{}", user.id).as_str())
    );
    assert_eq!(
        event.field("what"),
        Some(format!("grant {entitlement}").as_str())
    );
    assert_eq!(event.field("result"), Some("granted"));
    assert_eq!(event.field("dry_run"), Some("false"));
    assert_eq!(
        event.field("zoom_calls"),
        Some(
            format!(
                r#"POST /groups/{group}/members {{"members":[{{"id":"{}"}}]}}"#,
                user.id
            )
            .as_str()
        )
    );

    account
        .refuse(&Request::Revoke {
            grant: format!("{entitlement}:user:nobody"),
        })
        .await;
    let events = capture.take();
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::WARN);
    assert_eq!(event.field("who"), Some("user:nobody"));
    assert_eq!(
        event.field("what"),
        Some(format!("revoke {entitlement}").as_str())
    );
    assert_eq!(event.field("result"), Some("failed"));
    assert!(
        event
            .field("error")
            .is_some_and(|e| e.contains("principal user:nobody not found in Zoom")),
        "{event:?}"
    );
}
