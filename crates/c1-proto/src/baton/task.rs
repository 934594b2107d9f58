//! `Task`: one unit of work ConductorOne hands out, with one sub-message per kind.

use c1z::{Entitlement, Grant, Resource};
use prost_types::{Any, Duration, Struct, Timestamp};

use crate::connector::{
    CreateAccountRequest, CreateResourceRequest, DeleteResourceRequest, RotateCredentialRequest,
    TicketRequest, TicketSchema,
};

/// `Task.Status` (the SDK does not read it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum TaskStatus {
    /// `STATUS_UNSPECIFIED`.
    Unspecified = 0,
    /// `STATUS_PENDING`.
    Pending = 1,
    /// `STATUS_SCHEDULED`.
    Scheduled = 2,
    /// `STATUS_RUNNING`.
    Running = 3,
    /// `STATUS_FINISHED`.
    Finished = 4,
}

/// `c1.connectorapi.baton.v1.Task`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Task {
    /// 27 base62 characters.
    #[prost(string, tag = "1")]
    pub id: String,
    /// Where the task stands on the server.
    #[prost(enumeration = "TaskStatus", tag = "2")]
    pub status: i32,
    /// Debug flag (the SDK does not read it).
    #[prost(bool, tag = "3")]
    pub debug: bool,
    /// What to do; a task with no type is treated as nothing to do.
    #[prost(
        oneof = "TaskType",
        tags = "100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120"
    )]
    pub task_type: Option<TaskType>,
}

/// The `task_type` oneof of [`Task`].
#[derive(Clone, PartialEq, prost::Oneof)]
pub enum TaskType {
    /// Nothing to do.
    #[prost(message, tag = "100")]
    None(NoneTask),
    /// Say hello again.
    #[prost(message, tag = "101")]
    Hello(HelloTask),
    /// Run a full sync and upload it.
    #[prost(message, tag = "102")]
    SyncFull(SyncFullTask),
    /// Grant an entitlement.
    #[prost(message, tag = "103")]
    Grant(GrantTask),
    /// Revoke a grant.
    #[prost(message, tag = "104")]
    Revoke(RevokeTask),
    /// Create an account.
    #[prost(message, tag = "105")]
    CreateAccount(CreateAccountTask),
    /// Create a resource.
    #[prost(message, tag = "106")]
    CreateResource(CreateResourceTask),
    /// Delete a resource.
    #[prost(message, tag = "107")]
    DeleteResource(DeleteResourceTask),
    /// Rotate a credential.
    #[prost(message, tag = "108")]
    RotateCredentials(RotateCredentialsTask),
    /// Read the event feed.
    #[prost(message, tag = "109")]
    EventFeed(EventFeedTask),
    /// Create a ticket.
    #[prost(message, tag = "110")]
    CreateTicketTask(CreateTicketTask),
    /// List ticket schemas.
    #[prost(message, tag = "111")]
    ListTicketSchemas(ListTicketSchemasTask),
    /// Read a ticket.
    #[prost(message, tag = "112")]
    GetTicket(GetTicketTask),
    /// Create tickets.
    #[prost(message, tag = "113")]
    BulkCreateTickets(BulkCreateTicketsTask),
    /// Read tickets.
    #[prost(message, tag = "114")]
    BulkGetTickets(BulkGetTicketsTask),
    /// List action schemas.
    #[prost(message, tag = "115")]
    ActionListSchemas(ActionListSchemasTask),
    /// Read an action schema.
    #[prost(message, tag = "116")]
    ActionGetSchema(ActionGetSchemaTask),
    /// Run an action.
    #[prost(message, tag = "117")]
    ActionInvoke(ActionInvokeTask),
    /// Read an action's status.
    #[prost(message, tag = "118")]
    ActionStatus(ActionStatusTask),
    /// Diff two syncs.
    #[prost(message, tag = "119")]
    CreateSyncDiff(CreateSyncDiffTask),
    /// Compact syncs.
    #[prost(message, tag = "120")]
    CompactSyncs(CompactSyncs),
}

impl TaskType {
    /// The kind's protobuf field name (`sync_full`, `grant`, ...), as logs and messages name
    /// a task.
    pub fn field_name(&self) -> &'static str {
        match self {
            TaskType::None(_) => "none",
            TaskType::Hello(_) => "hello",
            TaskType::SyncFull(_) => "sync_full",
            TaskType::Grant(_) => "grant",
            TaskType::Revoke(_) => "revoke",
            TaskType::CreateAccount(_) => "create_account",
            TaskType::CreateResource(_) => "create_resource",
            TaskType::DeleteResource(_) => "delete_resource",
            TaskType::RotateCredentials(_) => "rotate_credentials",
            TaskType::EventFeed(_) => "event_feed",
            TaskType::CreateTicketTask(_) => "create_ticket_task",
            TaskType::ListTicketSchemas(_) => "list_ticket_schemas",
            TaskType::GetTicket(_) => "get_ticket",
            TaskType::BulkCreateTickets(_) => "bulk_create_tickets",
            TaskType::BulkGetTickets(_) => "bulk_get_tickets",
            TaskType::ActionListSchemas(_) => "action_list_schemas",
            TaskType::ActionGetSchema(_) => "action_get_schema",
            TaskType::ActionInvoke(_) => "action_invoke",
            TaskType::ActionStatus(_) => "action_status",
            TaskType::CreateSyncDiff(_) => "create_sync_diff",
            TaskType::CompactSyncs(_) => "compact_syncs",
        }
    }
}

/// Declares task sub-messages that hold only annotations.
macro_rules! annotations_only {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, PartialEq, prost::Message)]
            pub struct $name {
                /// Annotations.
                #[prost(message, repeated, tag = "1")]
                pub annotations: Vec<Any>,
            }
        )*
    };
}

annotations_only! {
    /// `Task.NoneTask`.
    NoneTask;
    /// `Task.HelloTask`.
    HelloTask;
    /// `Task.SyncFullTask`.
    SyncFullTask;
    /// `Task.ListTicketSchemasTask`.
    ListTicketSchemasTask;
    /// `Task.ActionListSchemasTask`.
    ActionListSchemasTask;
}

/// `Task.EventFeedTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EventFeedTask {
    /// Annotations.
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
    /// Events from this time on.
    #[prost(message, optional, tag = "2")]
    pub start_at: Option<Timestamp>,
}

/// `Task.GrantTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GrantTask {
    /// What to grant.
    #[prost(message, optional, tag = "1")]
    pub entitlement: Option<Entitlement>,
    /// To whom; arrives without a parent resource id.
    #[prost(message, optional, tag = "2")]
    pub principal: Option<Resource>,
    /// Annotations (not forwarded to the connector).
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
    /// How long the grant lasts (not forwarded to the connector).
    #[prost(message, optional, tag = "4")]
    pub duration: Option<Duration>,
}

/// `Task.RevokeTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RevokeTask {
    /// The grant to remove.
    #[prost(message, optional, tag = "1")]
    pub grant: Option<Grant>,
    /// Annotations.
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
}

/// `Task.CreateAccountTask`: field for field a `c1.connector.v2.CreateAccountRequest`.
pub type CreateAccountTask = CreateAccountRequest;

/// `Task.CreateResourceTask`: field for field a `c1.connector.v2.CreateResourceRequest`.
pub type CreateResourceTask = CreateResourceRequest;

/// `Task.DeleteResourceTask`: field for field a `c1.connector.v2.DeleteResourceRequest`.
pub type DeleteResourceTask = DeleteResourceRequest;

/// `Task.RotateCredentialsTask`: field for field a `c1.connector.v2.RotateCredentialRequest`.
pub type RotateCredentialsTask = RotateCredentialRequest;

/// `Task.CreateTicketTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CreateTicketTask {
    /// The ticket.
    #[prost(message, optional, tag = "1")]
    pub ticket_request: Option<TicketRequest>,
    /// Its schema.
    #[prost(message, optional, tag = "2")]
    pub ticket_schema: Option<TicketSchema>,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

/// `Task.GetTicketTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetTicketTask {
    /// The ticket.
    #[prost(string, tag = "1")]
    pub ticket_id: String,
    /// Annotations.
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
}

/// `Task.BulkCreateTicketsTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BulkCreateTicketsTask {
    /// The tickets.
    #[prost(message, repeated, tag = "1")]
    pub ticket_requests: Vec<CreateTicketTask>,
}

/// `Task.BulkGetTicketsTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BulkGetTicketsTask {
    /// The tickets.
    #[prost(message, repeated, tag = "1")]
    pub ticket_requests: Vec<GetTicketTask>,
}

/// `Task.ActionGetSchemaTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ActionGetSchemaTask {
    /// The action.
    #[prost(string, tag = "1")]
    pub name: String,
    /// Annotations.
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
}

/// `Task.ActionInvokeTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ActionInvokeTask {
    /// The action.
    #[prost(string, tag = "1")]
    pub name: String,
    /// Its arguments.
    #[prost(message, optional, tag = "2")]
    pub args: Option<Struct>,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

/// `Task.ActionStatusTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ActionStatusTask {
    /// The action.
    #[prost(string, tag = "1")]
    pub name: String,
    /// The invocation.
    #[prost(string, tag = "2")]
    pub id: String,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

/// `Task.CreateSyncDiffTask`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CreateSyncDiffTask {
    /// The older sync.
    #[prost(string, tag = "1")]
    pub base_sync_id: String,
    /// The newer sync.
    #[prost(string, tag = "2")]
    pub new_sync_id: String,
    /// Annotations.
    #[prost(message, repeated, tag = "3")]
    pub annotations: Vec<Any>,
}

/// `Task.CompactSyncs.CompactableSync`.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct CompactableSync {
    /// The sync's file.
    #[prost(string, tag = "1")]
    pub file_path: String,
    /// The sync.
    #[prost(string, tag = "2")]
    pub sync_id: String,
}

/// `Task.CompactSyncs`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct CompactSyncs {
    /// The syncs to compact.
    #[prost(message, repeated, tag = "1")]
    pub compactable_syncs: Vec<CompactableSync>,
    /// Annotations.
    #[prost(message, repeated, tag = "2")]
    pub annotations: Vec<Any>,
}
