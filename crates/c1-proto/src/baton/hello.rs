//! Hello: who the connector is and where it runs, sent at start and for `hello` tasks.

use prost_types::Any;

use crate::connector::ConnectorMetadata;

/// `BatonServiceHelloRequest.BuildInfo`: the connector build. Every field 1..256 characters.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct BuildInfo {
    /// Compiler and version, e.g. `go1.23.5` or `rustc 1.88.0`.
    #[prost(string, tag = "1")]
    pub lang_version: String,
    /// The program's package.
    #[prost(string, tag = "2")]
    pub package: String,
    /// Its version.
    #[prost(string, tag = "3")]
    pub package_version: String,
}

/// `BatonServiceHelloRequest.OSInfo`: the host. Every field 1..256 characters.
#[derive(Clone, PartialEq, Eq, Hash, prost::Message)]
pub struct OsInfo {
    /// Host name.
    #[prost(string, tag = "1")]
    pub hostname: String,
    /// Operating system, e.g. `linux`.
    #[prost(string, tag = "2")]
    pub os: String,
    /// Distribution, e.g. `debian`.
    #[prost(string, tag = "3")]
    pub platform: String,
    /// Distribution version, e.g. `12.11`.
    #[prost(string, tag = "4")]
    pub platform_version: String,
    /// Distribution family, e.g. `debian`.
    #[prost(string, tag = "5")]
    pub platform_family: String,
    /// Kernel release.
    #[prost(string, tag = "6")]
    pub kernel_version: String,
    /// Machine architecture, e.g. `x86_64`.
    #[prost(string, tag = "7")]
    pub kernel_arch: String,
    /// Container or hypervisor, e.g. `docker`; `none` on bare metal.
    #[prost(string, tag = "8")]
    pub virtualization_system: String,
}

/// `c1.connectorapi.baton.v1.BatonServiceHelloRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceHelloRequest {
    /// The connector host's id.
    #[prost(string, tag = "1")]
    pub host_id: String,
    /// Empty at start; the task's id when answering a `hello` task.
    #[prost(string, tag = "2")]
    pub task_id: String,
    /// The build.
    #[prost(message, optional, tag = "3")]
    pub build_info: Option<BuildInfo>,
    /// The host.
    #[prost(message, optional, tag = "4")]
    pub os_info: Option<OsInfo>,
    /// The connector's metadata with its capabilities.
    #[prost(message, optional, tag = "5")]
    pub connector_metadata: Option<ConnectorMetadata>,
    /// Annotations (at most 16).
    #[prost(message, repeated, tag = "6")]
    pub annotations: Vec<Any>,
}

/// `c1.connectorapi.baton.v1.BatonServiceHelloResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatonServiceHelloResponse {
    /// Annotations.
    #[prost(message, repeated, tag = "1")]
    pub annotations: Vec<Any>,
}
