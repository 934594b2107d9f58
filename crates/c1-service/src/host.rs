//! Where the daemon runs, for the Hello: build info and OS info, every field non-empty
//! (ConductorOne's validation requires 1 to 256 characters each).

use std::path::Path;

use c1_proto::baton::{BuildInfo, OsInfo};

/// Stands in for a value the host does not reveal.
const UNKNOWN: &str = "unknown";

/// The build of the program: `package` and `version` name it; the language is the compiler
/// that built it (`rustc 1.91.0 (f8297e351 2025-10-28)`, as Go sends `go1.23.5`).
pub fn build_info(package: &str, version: &str) -> BuildInfo {
    BuildInfo {
        lang_version: non_empty(env!("C1_SERVICE_RUSTC_VERSION")),
        package: non_empty(package),
        package_version: non_empty(version),
    }
}

/// The host as gopsutil describes it: hostname, OS, distribution, kernel, architecture and
/// virtualisation (`none` on bare metal).
pub fn os_info() -> OsInfo {
    let release = read("/etc/os-release");
    let field = |key: &str| os_release_field(&release, key);
    let platform = field("ID");
    let family = field("ID_LIKE")
        .and_then(|like| like.split_whitespace().next().map(str::to_owned))
        .or_else(|| platform.clone());
    OsInfo {
        hostname: non_empty(&host_name()),
        os: std::env::consts::OS.to_owned(),
        platform: non_empty(platform.as_deref().unwrap_or_default()),
        platform_version: non_empty(field("VERSION_ID").as_deref().unwrap_or_default()),
        platform_family: non_empty(family.as_deref().unwrap_or_default()),
        kernel_version: non_empty(read("/proc/sys/kernel/osrelease").trim()),
        kernel_arch: std::env::consts::ARCH.to_owned(),
        virtualization_system: virtualization().to_owned(),
    }
}

/// The machine's host name.
pub fn host_name() -> String {
    let name = read("/proc/sys/kernel/hostname");
    let name = if name.trim().is_empty() {
        read("/etc/hostname")
    } else {
        name
    };
    name.trim().to_owned()
}

fn virtualization() -> &'static str {
    if Path::new("/.dockerenv").exists() {
        "docker"
    } else if Path::new("/run/.containerenv").exists() {
        "podman"
    } else {
        "none"
    }
}

fn os_release_field(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (name, value) = line.split_once('=')?;
        (name.trim() == key).then(|| value.trim().trim_matches('"').to_owned())
    })
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn non_empty(value: &str) -> String {
    let value: String = value.chars().take(256).collect();
    if value.trim().is_empty() {
        UNKNOWN.to_owned()
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_filled() {
        let os = os_info();
        for value in [
            &os.hostname,
            &os.os,
            &os.platform,
            &os.platform_version,
            &os.platform_family,
            &os.kernel_version,
            &os.kernel_arch,
            &os.virtualization_system,
        ] {
            assert!(!value.is_empty() && value.chars().count() <= 256, "{os:?}");
        }
        let build = build_info("", "0.1.0");
        assert_eq!(build.package, "unknown");
        assert!(build.lang_version.starts_with("rustc 1."), "{build:?}");
    }

    #[test]
    fn os_release_values_are_unquoted() {
        let text = "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n";
        assert_eq!(os_release_field(text, "ID").as_deref(), Some("debian"));
        assert_eq!(os_release_field(text, "VERSION_ID").as_deref(), Some("12"));
        assert_eq!(os_release_field(text, "ID_LIKE"), None);
    }
}
