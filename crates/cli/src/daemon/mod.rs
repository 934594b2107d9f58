//! Self-hosted mode: with `--client-id`, baton-zoom runs as a ConductorOne connector
//! daemon, taking its work (sync, grant, revoke, create, delete) from ConductorOne.

mod zoom_connector;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use c1_service::{ClientId, ClientSecret, DaemonConfig, GrpcBaton, Trust};
use clap::Args;
use secrecy::{ExposeSecret, SecretString};

pub use zoom_connector::ZoomConnector;

use crate::zoom_args::ZoomArgs;

/// Read directly, as the Go SDK reads them (not flags): the host id in every request.
const HOST_ID_ENV: &str = "BATON_HOST_ID";
/// Read directly: replaces the client id's host for the token URL and the gRPC address.
const API_HOST_ENV: &str = "BATON_C1_API_HOST";

/// The self-hosted flags, with the Go SDK's names and environment variables.
#[derive(Debug, Clone, Args)]
pub struct DaemonArgs {
    /// ConductorOne client id; runs baton-zoom as a self-hosted connector daemon
    #[arg(long, env = "BATON_CLIENT_ID", allow_hyphen_values = true)]
    pub client_id: Option<String>,

    /// ConductorOne client secret (required with --client-id)
    #[arg(
        long,
        env = "BATON_CLIENT_SECRET",
        hide_env_values = true,
        allow_hyphen_values = true
    )]
    pub client_secret: Option<SecretString>,

    /// In daemon mode: answer full-sync tasks with an empty sync
    #[arg(long, env = "BATON_SKIP_FULL_SYNC")]
    pub skip_full_sync: bool,
}

impl DaemonArgs {
    /// Whether daemon mode was asked for (a non-empty client id).
    pub fn is_requested(&self) -> bool {
        self.client_id
            .as_deref()
            .is_some_and(|id| !id.trim().is_empty())
    }
}

/// Everything the daemon needs, checked before any network traffic.
struct Resolved {
    client_id: ClientId,
    secret: ClientSecret,
    config: DaemonConfig,
}

/// `temp_dir` is the shared `--c1z-temp-dir`: in daemon mode it also holds the sync files.
fn resolve(
    args: &DaemonArgs,
    temp_dir: Option<&Path>,
    provisioning: bool,
) -> anyhow::Result<Resolved> {
    let client_id = ClientId::parse(args.client_id.as_deref().unwrap_or_default().trim())?;
    let secret = match &args.client_secret {
        Some(secret) if !secret.expose_secret().trim().is_empty() => {
            ClientSecret::parse(secret.expose_secret())?
        }
        _ => anyhow::bail!(
            "--client-secret (BATON_CLIENT_SECRET) is required with --client-id: give the secret ConductorOne showed with the client id"
        ),
    };
    let temp_dir = match temp_dir {
        Some(dir) if !dir.is_dir() => anyhow::bail!(
            "the specified c1z temp dir does not exist: {} (create it or change --c1z-temp-dir)",
            dir.display()
        ),
        Some(dir) => dir.to_owned(),
        None => std::env::temp_dir(),
    };
    let host_id = c1_service::host_id(std::env::var(HOST_ID_ENV).ok().as_deref());
    let config = DaemonConfig {
        provisioning,
        skip_full_sync: args.skip_full_sync,
        temp_dir,
        ..DaemonConfig::new(host_id, build_info())
    };
    Ok(Resolved {
        client_id,
        secret,
        config,
    })
}

/// This binary, as the Hello describes it.
pub fn build_info() -> c1_proto::baton::BuildInfo {
    c1_service::build_info(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
}

/// Runs the daemon until SIGINT or SIGTERM.
pub async fn run(
    args: &DaemonArgs,
    temp_dir: Option<&Path>,
    provisioning: bool,
    zoom: &ZoomArgs,
) -> anyhow::Result<()> {
    let resolved = resolve(args, temp_dir, provisioning)?;
    let client = zoom.client()?;
    // As the Go connector does at startup: bad Zoom credentials stop the daemon before it
    // asks ConductorOne for work.
    client
        .granted_scopes()
        .await
        .context("cannot get a Zoom access token")?;
    let api_host = std::env::var(API_HOST_ENV)
        .ok()
        .filter(|host| !host.trim().is_empty());
    let api = GrpcBaton::new(
        resolved.client_id,
        resolved.secret,
        api_host.as_deref(),
        &Trust::System,
    )?;
    tracing::info!(
        host_id = %resolved.config.host_id,
        provisioning,
        temp_dir = %resolved.config.temp_dir.display(),
        "starting the ConductorOne connector daemon"
    );
    c1_service::run(
        Arc::new(api),
        Arc::new(ZoomConnector::new(client)),
        resolved.config,
        crate::stop::stop_signal(),
    )
    .await?;
    tracing::info!("stopped");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(client_id: &str, secret: Option<&str>) -> DaemonArgs {
        DaemonArgs {
            client_id: Some(client_id.to_owned()),
            client_secret: secret.map(SecretString::from),
            skip_full_sync: false,
        }
    }

    #[test]
    fn a_client_id_without_secret_names_the_missing_flag() {
        let error = resolve(&args("x@h.example/pcc", None), None, false)
            .err()
            .unwrap();
        assert!(error.to_string().contains("--client-secret"), "{error}");
    }

    #[test]
    fn malformed_credentials_are_refused_without_echoing_the_secret() {
        let error = resolve(&args("no-at-sign", Some("a:b:v1:xyz")), None, false)
            .err()
            .unwrap();
        assert!(
            error.to_string().starts_with("invalid client id"),
            "{error}"
        );
        let error = resolve(
            &args("x@h.example/pcc", Some("secret-token:c1:v2:s3cr3tKey")),
            None,
            false,
        )
        .err()
        .unwrap();
        let text = error.to_string();
        assert!(text.starts_with("invalid client secret"), "{text}");
        assert!(!text.contains("s3cr3tKey"), "{text}");
    }

    #[test]
    fn kubernetes_manifest_sets_only_variables_the_binary_reads() {
        use clap::CommandFactory;
        let manifest = include_str!("../../../../deploy/kubernetes.yaml");
        let mut read: Vec<String> = crate::Cli::command()
            .get_arguments()
            .filter_map(|arg| arg.get_env())
            .map(|env| env.to_string_lossy().into_owned())
            .collect();
        read.extend([HOST_ID_ENV.to_owned(), API_HOST_ENV.to_owned()]);
        let mut set = Vec::new();
        for document in serde_norway::Deserializer::from_str(manifest) {
            let value: serde_norway::Value =
                serde::Deserialize::deserialize(document).expect("the manifest is YAML");
            if let Some(data) = value["stringData"].as_mapping() {
                set.extend(data.keys().filter_map(|k| k.as_str()).map(str::to_owned));
            }
            let containers = &value["spec"]["template"]["spec"]["containers"];
            for container in containers.as_sequence().into_iter().flatten() {
                for env in container["env"].as_sequence().into_iter().flatten() {
                    set.extend(env["name"].as_str().map(str::to_owned));
                }
            }
        }
        for required in [
            "BATON_CLIENT_ID",
            "BATON_CLIENT_SECRET",
            "BATON_ACCOUNT_ID",
            "BATON_ZOOM_CLIENT_ID",
            "BATON_ZOOM_CLIENT_SECRET",
        ] {
            assert!(
                set.iter().any(|name| name == required),
                "{required} is not in the manifest"
            );
        }
        for name in &set {
            assert!(
                read.contains(name),
                "the manifest sets {name}, which baton-zoom does not read"
            );
        }
    }

    /// A well-formed secret: a private Ed25519 JWK (all-zero seed, no `x`).
    fn valid_secret() -> String {
        use base64::Engine;
        let jwk =
            r#"{"kty":"OKP","crv":"Ed25519","d":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
        format!(
            "secret-token:conductorone.com:v1:{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(jwk)
        )
    }

    #[test]
    fn valid_credentials_resolve_with_the_flags_applied() {
        let secret = valid_secret();
        let resolved = resolve(&args("x@h.example:8443/pcc", Some(&secret)), None, true).unwrap();
        assert_eq!(resolved.client_id.token_host(), "h.example:8443");
        assert!(resolved.config.provisioning);
        assert!(!resolved.config.skip_full_sync);
        assert_eq!(resolved.config.build_info.package, "baton-zoom");
    }

    #[test]
    fn a_missing_temp_dir_is_refused() {
        let secret = valid_secret();
        let args = args("x@h.example/pcc", Some(&secret));
        let error = resolve(&args, Some(Path::new("/no/such/folder")), false)
            .err()
            .unwrap();
        assert!(
            error
                .to_string()
                .starts_with("the specified c1z temp dir does not exist"),
            "{error}"
        );
    }
}
