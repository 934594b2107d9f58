//! The task script: tasks waiting to be handed out, and for each task what happened to it
//! (when it was handed out, its heartbeats, its finishes).

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use c1_proto::baton::{BatonServiceFinishTaskRequest, FinalState, Task, TaskStatus, TaskType};
use c1_proto::rpc::Status;
use prost_types::Any;
use rand::RngExt;

/// Task ids are KSUIDs: 27 characters of base62.
const TASK_ID_LEN: usize = 27;
const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A fresh random task id in ConductorOne's shape.
pub fn new_task_id() -> String {
    let mut rng = rand::rng();
    (0..TASK_ID_LEN)
        .map(|_| char::from(BASE62[rng.random_range(0..BASE62.len())]))
        .collect()
}

/// A `FinishTask` the connector sent for a task.
#[derive(Debug, Clone, PartialEq)]
pub struct Finish {
    /// When it arrived.
    pub at: Duration,
    /// The request as sent.
    pub request: BatonServiceFinishTaskRequest,
}

impl Finish {
    /// True for a success finish.
    pub fn is_success(&self) -> bool {
        matches!(self.request.final_state, Some(FinalState::Success(_)))
    }

    /// The packed connector response of a success.
    pub fn response(&self) -> Option<&Any> {
        match &self.request.final_state {
            Some(FinalState::Success(success)) => success.response.as_ref(),
            _ => None,
        }
    }

    /// The type URL of the packed response, e.g.
    /// `type.googleapis.com/c1.connector.v2.GrantManagerServiceGrantResponse`.
    pub fn response_type_url(&self) -> Option<&str> {
        self.response().map(|any| any.type_url.as_str())
    }

    /// The status of an error finish.
    pub fn status(&self) -> Option<&Status> {
        self.request.status.as_ref()
    }

    /// The status code of an error finish as tonic's enum.
    pub fn code(&self) -> Option<tonic::Code> {
        self.status().map(|s| tonic::Code::from_i32(s.code))
    }

    /// `non_retryable` of an error finish; `None` for a success.
    pub fn non_retryable(&self) -> Option<bool> {
        match &self.request.final_state {
            Some(FinalState::Error(error)) => Some(error.non_retryable),
            _ => None,
        }
    }
}

/// Everything known about one scripted task.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    /// The task as it is handed out.
    pub task: Task,
    /// When `GetTask` handed it out (more than once when it was handed out again).
    pub handed_out: Vec<Duration>,
    /// When its heartbeats arrived.
    pub heartbeats: Vec<Duration>,
    /// Heartbeat replies after this many heartbeats say `cancelled: true`.
    pub cancel_after: Option<usize>,
    /// Its `FinishTask`s, in arrival order (a well-behaved connector sends one).
    pub finishes: Vec<Finish>,
}

/// The scripted tasks, in the order they were pushed, and the queue of those still to hand
/// out.
#[derive(Default)]
pub(crate) struct TaskBoard {
    queue: VecDeque<String>,
    tasks: HashMap<String, TaskState>,
}

impl TaskBoard {
    /// Queues `task` at the back, giving it a fresh id when it has none; returns the id. A
    /// task whose id is already known replaces the script entry and is queued again.
    pub(crate) fn push(&mut self, mut task: Task) -> String {
        if task.id.is_empty() {
            task.id = new_task_id();
        }
        let id = task.id.clone();
        match self.tasks.get_mut(&id) {
            Some(state) => state.task = task,
            None => {
                self.tasks.insert(
                    id.clone(),
                    TaskState {
                        task,
                        handed_out: Vec::new(),
                        heartbeats: Vec::new(),
                        cancel_after: None,
                        finishes: Vec::new(),
                    },
                );
            }
        }
        self.queue.retain(|queued| *queued != id);
        self.queue.push_back(id.clone());
        id
    }

    /// The next queued task, marked handed out at `at`.
    pub(crate) fn hand_out(&mut self, at: Duration) -> Option<Task> {
        let id = self.queue.pop_front()?;
        let state = self.tasks.get_mut(&id)?;
        state.handed_out.push(at);
        Some(state.task.clone())
    }

    /// Puts a known task at the front of the queue, as a server does with a task whose
    /// connector went quiet; false for an unknown id.
    pub(crate) fn hand_out_again(&mut self, id: &str) -> bool {
        if !self.tasks.contains_key(id) {
            return false;
        }
        self.queue.retain(|queued| queued != id);
        self.queue.push_front(id.to_owned());
        true
    }

    /// Records a heartbeat; `Some(cancelled)` for a task that was handed out, else `None`.
    pub(crate) fn heartbeat(&mut self, id: &str, at: Duration) -> Option<bool> {
        let state = self.handed_out_mut(id)?;
        state.heartbeats.push(at);
        Some(
            state
                .cancel_after
                .is_some_and(|after| state.heartbeats.len() > after),
        )
    }

    /// Records a finish; false when the task was never handed out.
    pub(crate) fn finish(&mut self, finish: Finish) -> bool {
        match self.handed_out_mut(&finish.request.task_id) {
            Some(state) => {
                state.finishes.push(finish);
                true
            }
            None => false,
        }
    }

    /// True when `id` was handed out (an upload or heartbeat may name it).
    pub(crate) fn was_handed_out(&self, id: &str) -> bool {
        self.tasks.get(id).is_some_and(|s| !s.handed_out.is_empty())
    }

    /// From now on, heartbeat replies for `id` after its first `heartbeats` say cancelled;
    /// false for an unknown id.
    pub(crate) fn cancel_after(&mut self, id: &str, heartbeats: usize) -> bool {
        match self.tasks.get_mut(id) {
            Some(state) => {
                state.cancel_after = Some(heartbeats);
                true
            }
            None => false,
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&TaskState> {
        self.tasks.get(id)
    }

    /// Tasks still waiting to be handed out.
    pub(crate) fn queued(&self) -> usize {
        self.queue.len()
    }

    fn handed_out_mut(&mut self, id: &str) -> Option<&mut TaskState> {
        self.tasks.get_mut(id).filter(|s| !s.handed_out.is_empty())
    }
}

/// A task of kind `task_type` with no id yet, status pending as ConductorOne hands them out.
pub fn task(task_type: TaskType) -> Task {
    Task {
        id: String::new(),
        status: TaskStatus::Pending as i32,
        debug: false,
        task_type: Some(task_type),
    }
}

/// The protobuf name of a task's kind (`sync_full`, `grant`, ...), `empty` for none set.
pub fn kind(task: &Task) -> &'static str {
    let Some(task_type) = &task.task_type else {
        return "empty";
    };
    task_type.field_name()
}

#[cfg(test)]
mod tests {
    use c1_proto::baton::{FinishSuccess, SyncFullTask};

    use super::*;

    fn sync() -> Task {
        task(TaskType::SyncFull(SyncFullTask::default()))
    }

    fn finish(id: &str) -> Finish {
        Finish {
            at: Duration::ZERO,
            request: BatonServiceFinishTaskRequest {
                host_id: "h".into(),
                task_id: id.into(),
                status: None,
                final_state: Some(FinalState::Success(FinishSuccess::default())),
            },
        }
    }

    #[test]
    fn generated_ids_are_27_base62_characters() {
        let id = new_task_id();
        assert_eq!(id.len(), 27);
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
        assert_ne!(id, new_task_id());
    }

    #[test]
    fn tasks_are_handed_out_once_in_order_unless_handed_out_again() {
        let mut board = TaskBoard::default();
        let first = board.push(sync());
        let second = board.push(sync());
        assert_eq!(
            board.hand_out(Duration::from_secs(1)).map(|t| t.id),
            Some(first.clone())
        );
        assert!(board.hand_out_again(&first));
        assert_eq!(
            board.hand_out(Duration::from_secs(2)).map(|t| t.id),
            Some(first.clone())
        );
        assert_eq!(
            board.hand_out(Duration::from_secs(3)).map(|t| t.id),
            Some(second)
        );
        assert_eq!(board.hand_out(Duration::from_secs(4)), None);
        assert_eq!(
            board.get(&first).map(|s| s.handed_out.clone()),
            Some(vec![Duration::from_secs(1), Duration::from_secs(2)])
        );
        assert!(!board.hand_out_again("unknown"));
    }

    #[test]
    fn heartbeats_and_finishes_need_a_handed_out_task() {
        let mut board = TaskBoard::default();
        let id = board.push(sync());
        assert_eq!(board.heartbeat(&id, Duration::ZERO), None);
        assert!(!board.finish(finish(&id)));
        board.hand_out(Duration::ZERO);
        assert_eq!(board.heartbeat(&id, Duration::ZERO), Some(false));
        assert!(board.finish(finish(&id)));
        assert_eq!(board.get(&id).map(|s| s.finishes.len()), Some(1));
    }

    #[test]
    fn heartbeat_replies_turn_cancelled_after_the_set_count() {
        let mut board = TaskBoard::default();
        let id = board.push(sync());
        board.hand_out(Duration::ZERO);
        assert!(board.cancel_after(&id, 2));
        let replies: Vec<_> = (0..4)
            .map(|_| board.heartbeat(&id, Duration::ZERO))
            .collect();
        assert_eq!(replies, [Some(false), Some(false), Some(true), Some(true)]);
    }

    #[test]
    fn finish_reports_success_response_and_error_fields() {
        let success = finish("x");
        assert!(success.is_success());
        assert_eq!(success.non_retryable(), None);
        let error = Finish {
            at: Duration::ZERO,
            request: BatonServiceFinishTaskRequest {
                status: Some(Status {
                    code: 12,
                    message: "no".into(),
                    details: vec![],
                }),
                final_state: Some(FinalState::Error(c1_proto::baton::FinishError {
                    non_retryable: true,
                    ..Default::default()
                })),
                ..success.request.clone()
            },
        };
        assert!(!error.is_success());
        assert_eq!(error.code(), Some(tonic::Code::Unimplemented));
        assert_eq!(error.non_retryable(), Some(true));
    }
}
