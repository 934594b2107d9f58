//! The task loop driven through in-memory stand-ins for ConductorOne and the connector:
//! which calls are made, in which order, with which payloads, at which times (tokio's
//! paused clock makes minutes of polling instant).

mod go_bytes;
mod support;
mod task_kinds;
mod task_loop;
