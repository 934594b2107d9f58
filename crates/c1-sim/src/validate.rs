//! The validation rules of `c1.connectorapi.baton.v1` (its `protoc-gen-validate`
//! annotations), which the client never checks and the server enforces. A request that
//! breaks one is answered INVALID_ARGUMENT with the rule in the message.

use c1_proto::baton::{
    BatonServiceFinishTaskRequest, BatonServiceGetTaskRequest, BatonServiceHeartbeatRequest,
    BatonServiceHelloRequest, BuildInfo, FinalState, OsInfo, UploadMessage,
};
use c1_proto::connector::ConnectorMetadata;
use prost_types::Any;

/// A broken rule, in words (field path and rule).
pub(crate) type Violation = String;

/// The most bytes one upload chunk may carry (1 MiB).
pub(crate) const MAX_CHUNK: usize = 1024 * 1024;

/// Task ids are KSUIDs: 27 base62 characters.
const TASK_ID_LEN: usize = 27;

/// At most this many annotations on any message that carries them.
const MAX_ANNOTATIONS: usize = 16;

/// `BatonServiceHelloRequest`.
pub(crate) fn hello(request: &BatonServiceHelloRequest) -> Result<(), Violation> {
    host_id(&request.host_id)?;
    // The startup hello has no task; a hello answering a `hello` task names it.
    if !request.task_id.is_empty() {
        task_id(&request.task_id)?;
    }
    build_info(required("build_info", request.build_info.as_ref())?)?;
    os_info(required("os_info", request.os_info.as_ref())?)?;
    connector_metadata(required(
        "connector_metadata",
        request.connector_metadata.as_ref(),
    )?)?;
    annotations("annotations", &request.annotations)
}

/// `BatonServiceGetTaskRequest`.
pub(crate) fn get_task(request: &BatonServiceGetTaskRequest) -> Result<(), Violation> {
    host_id(&request.host_id)
}

/// `BatonServiceHeartbeatRequest`.
pub(crate) fn heartbeat(request: &BatonServiceHeartbeatRequest) -> Result<(), Violation> {
    host_id(&request.host_id)?;
    task_id(&request.task_id)?;
    annotations("annotations", &request.annotations)
}

/// `BatonServiceFinishTaskRequest`.
pub(crate) fn finish_task(request: &BatonServiceFinishTaskRequest) -> Result<(), Violation> {
    host_id(&request.host_id)?;
    task_id(&request.task_id)?;
    match required("final_state", request.final_state.as_ref())? {
        FinalState::Error(error) => annotations("error.annotations", &error.annotations),
        FinalState::Success(success) => annotations("success.annotations", &success.annotations),
    }
}

/// One `BatonServiceUploadAssetRequest`: its `msg` is required, and each kind has its rules.
pub(crate) fn upload_message(message: Option<&UploadMessage>) -> Result<&UploadMessage, Violation> {
    let message = required("msg", message)?;
    match message {
        UploadMessage::Metadata(metadata) => {
            host_id(&metadata.host_id)?;
            task_id(&metadata.task_id)?;
            annotations("metadata.annotations", &metadata.annotations)?;
        }
        UploadMessage::Data(data) => {
            if data.data.is_empty() || data.data.len() > MAX_CHUNK {
                return Err(format!(
                    "data.data: must be 1 to {MAX_CHUNK} bytes, got {}",
                    data.data.len()
                ));
            }
        }
        UploadMessage::Eof(eof) => {
            if eof.sha256_checksum.len() != 32 {
                return Err(format!(
                    "eof.sha256_checksum: must be exactly 32 bytes, got {}",
                    eof.sha256_checksum.len()
                ));
            }
            annotations("eof.annotations", &eof.annotations)?;
        }
    }
    Ok(message)
}

fn build_info(info: &BuildInfo) -> Result<(), Violation> {
    runes("build_info.lang_version", &info.lang_version)?;
    runes("build_info.package", &info.package)?;
    runes("build_info.package_version", &info.package_version)
}

fn os_info(info: &OsInfo) -> Result<(), Violation> {
    let fields = [
        ("hostname", &info.hostname),
        ("os", &info.os),
        ("platform", &info.platform),
        ("platform_version", &info.platform_version),
        ("platform_family", &info.platform_family),
        ("kernel_version", &info.kernel_version),
        ("kernel_arch", &info.kernel_arch),
        ("virtualization_system", &info.virtualization_system),
    ];
    fields
        .into_iter()
        .try_for_each(|(name, value)| runes(&format!("os_info.{name}"), value))
}

/// The nested `c1.connector.v2.ConnectorMetadata` rules, which validation applies too.
fn connector_metadata(metadata: &ConnectorMetadata) -> Result<(), Violation> {
    let name = metadata.display_name.len();
    if !(1..=1024).contains(&name) {
        return Err(format!(
            "connector_metadata.display_name: must be 1 to 1024 bytes, got {name}"
        ));
    }
    let url = &metadata.help_url;
    if !url.is_empty() {
        let absolute_https = url::Url::parse(url).is_ok_and(|u| u.scheme() == "https");
        if !absolute_https || url.len() > 1024 {
            return Err(format!(
                "connector_metadata.help_url: must be an absolute https URL of at most 1024 bytes, got {url:?}"
            ));
        }
    }
    if metadata.description.len() > 4096 {
        return Err(format!(
            "connector_metadata.description: must be at most 4096 bytes, got {}",
            metadata.description.len()
        ));
    }
    annotations("connector_metadata.annotations", &metadata.annotations)
}

fn host_id(value: &str) -> Result<(), Violation> {
    runes("host_id", value)
}

/// 1 to 256 characters (runes, not bytes).
fn runes(field: &str, value: &str) -> Result<(), Violation> {
    let count = value.chars().count();
    if (1..=256).contains(&count) {
        Ok(())
    } else {
        Err(format!("{field}: must be 1 to 256 characters, got {count}"))
    }
}

fn task_id(value: &str) -> Result<(), Violation> {
    if value.len() == TASK_ID_LEN && value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(format!(
            "task_id: must be {TASK_ID_LEN} letters and digits, got {value:?}"
        ))
    }
}

fn annotations(field: &str, annotations: &[Any]) -> Result<(), Violation> {
    if annotations.len() <= MAX_ANNOTATIONS {
        Ok(())
    } else {
        Err(format!(
            "{field}: at most {MAX_ANNOTATIONS} items, got {}",
            annotations.len()
        ))
    }
}

fn required<'a, T>(field: &str, value: Option<&'a T>) -> Result<&'a T, Violation> {
    value.ok_or_else(|| format!("{field}: required"))
}

#[cfg(test)]
mod tests {
    use c1_proto::baton::{FinishSuccess, UploadData, UploadEof};

    use super::*;

    const TASK: &str = "2uVd5RmJ7pW1sE9vKx3NqD5tHbL";

    fn full_hello() -> BatonServiceHelloRequest {
        let os = OsInfo {
            hostname: "h".into(),
            os: "linux".into(),
            platform: "debian".into(),
            platform_version: "12".into(),
            platform_family: "debian".into(),
            kernel_version: "6.1".into(),
            kernel_arch: "x86_64".into(),
            virtualization_system: "none".into(),
        };
        BatonServiceHelloRequest {
            host_id: "host".into(),
            task_id: String::new(),
            build_info: Some(BuildInfo {
                lang_version: "rustc 1.88".into(),
                package: "baton-zoom".into(),
                package_version: "0.1.0".into(),
            }),
            os_info: Some(os),
            connector_metadata: Some(ConnectorMetadata {
                display_name: "Zoom".into(),
                ..ConnectorMetadata::default()
            }),
            annotations: vec![],
        }
    }

    #[test]
    fn complete_hello_passes_with_or_without_a_task_id() {
        assert_eq!(hello(&full_hello()), Ok(()));
        let answering = BatonServiceHelloRequest {
            task_id: TASK.into(),
            ..full_hello()
        };
        assert_eq!(hello(&answering), Ok(()));
    }

    #[test]
    fn hello_with_an_empty_field_names_it() {
        let mut request = full_hello();
        if let Some(os) = request.os_info.as_mut() {
            os.virtualization_system.clear();
        }
        assert_eq!(
            hello(&request),
            Err("os_info.virtualization_system: must be 1 to 256 characters, got 0".into())
        );
        let no_metadata = BatonServiceHelloRequest {
            connector_metadata: None,
            ..full_hello()
        };
        assert_eq!(
            hello(&no_metadata),
            Err("connector_metadata: required".into())
        );
        let mut http_help = full_hello();
        if let Some(metadata) = http_help.connector_metadata.as_mut() {
            metadata.help_url = "http://example.com".into();
        }
        assert!(hello(&http_help).is_err());
    }

    #[test]
    fn host_id_is_counted_in_characters() {
        assert!(
            get_task(&BatonServiceGetTaskRequest {
                host_id: "é".repeat(256)
            })
            .is_ok()
        );
        assert!(
            get_task(&BatonServiceGetTaskRequest {
                host_id: "a".repeat(257)
            })
            .is_err()
        );
        assert!(get_task(&BatonServiceGetTaskRequest::default()).is_err());
    }

    #[test]
    fn task_ids_are_27_letters_and_digits() {
        let beat = |task_id: &str| BatonServiceHeartbeatRequest {
            host_id: "h".into(),
            task_id: task_id.into(),
            annotations: vec![],
        };
        assert_eq!(heartbeat(&beat(TASK)), Ok(()));
        assert!(heartbeat(&beat("")).is_err());
        assert!(heartbeat(&beat(&TASK[1..])).is_err());
        assert!(heartbeat(&beat(&format!("{}-", &TASK[1..]))).is_err());
    }

    #[test]
    fn finish_needs_a_final_state_and_few_annotations() {
        let mut finish = BatonServiceFinishTaskRequest {
            host_id: "h".into(),
            task_id: TASK.into(),
            status: None,
            final_state: None,
        };
        assert_eq!(finish_task(&finish), Err("final_state: required".into()));
        finish.final_state = Some(FinalState::Success(FinishSuccess {
            annotations: vec![Any::default(); 17],
            response: None,
        }));
        assert!(finish_task(&finish).is_err());
        finish.final_state = Some(FinalState::Success(FinishSuccess::default()));
        assert_eq!(finish_task(&finish), Ok(()));
    }

    #[test]
    fn upload_chunks_and_checksums_have_sizes() {
        let data = |len| UploadMessage::Data(UploadData { data: vec![0; len] });
        assert!(upload_message(Some(&data(MAX_CHUNK))).is_ok());
        assert!(upload_message(Some(&data(MAX_CHUNK + 1))).is_err());
        assert!(upload_message(Some(&data(0))).is_err());
        let eof = |len| {
            UploadMessage::Eof(UploadEof {
                sha256_checksum: vec![0; len],
                annotations: vec![],
            })
        };
        assert!(upload_message(Some(&eof(32))).is_ok());
        assert!(upload_message(Some(&eof(31))).is_err());
        assert_eq!(upload_message(None), Err("msg: required".into()));
    }
}
