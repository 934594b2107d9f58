//! `baton-zoom demo --self-hosted`: the connector as a self-hosted ConductorOne daemon,
//! with ConductorOne simulated too. Both simulators run in this process; the daemon talks
//! to the simulated ConductorOne over gRPC with TLS, exactly as it would to a tenant, and is
//! taken through hello → sync → grant → revoke while this module tells what happened.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, ensure};
use c1_service::{ClientId, ClientSecret, DaemonConfig, GrpcBaton, Trust};
use c1_sim::{C1Sim, C1SimConfig, Finish, TaskSpec};
use c1z::{ReadOptions, Reader};
use zoom_sim::Simulator;

use crate::daemon::{self, ZoomConnector};

/// How long any step may take before the demo gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// Runs the self-hosted demo against the simulated Zoom account `zoom`; the uploaded sync
/// is saved into `file` and read back as `read_options` say.
pub async fn run(zoom: &Simulator, file: &Path, read_options: &ReadOptions) -> anyhow::Result<()> {
    let c1 = C1Sim::start(
        C1SimConfig::default()
            .client_name("baton-zoom-demo")
            .next_poll(Duration::from_millis(200))
            .next_heartbeat(Duration::from_secs(1)),
    )
    .await
    .context("cannot start the simulated ConductorOne")?;
    let truth = zoom.ground_truth();
    println!(
        "Self-hosted demo: baton-zoom as a ConductorOne connector daemon; ConductorOne and Zoom are simulated on this machine."
    );
    println!(
        "  ConductorOne  {} (client id {})",
        c1.url(),
        c1.client_id()
    );
    println!(
        "  Zoom          account {} at {} ({} users, {} invites, {} groups)\n",
        zoom.account_id(),
        zoom.api_url(),
        truth.users.len(),
        truth.pending_users.len(),
        truth.groups.len()
    );

    let work = tempfile::tempdir().context("cannot make a folder for the daemon's files")?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let daemon = tokio::spawn(c1_service::run(
        Arc::new(client_of(&c1)?),
        Arc::new(ZoomConnector::new(sim_client::client(zoom)?)),
        DaemonConfig {
            provisioning: true,
            temp_dir: work.path().to_owned(),
            ..DaemonConfig::new("baton-zoom-demo", daemon::build_info())
        },
        async {
            let _ = stopped.await;
        },
    ));

    hello(&c1).await?;
    sync(&c1, file, read_options).await?;
    grant_and_revoke(&c1, zoom).await?;

    let _ = stop.send(());
    daemon
        .await
        .context("the daemon stopped unexpectedly")?
        .context("the daemon failed")?;
    let counters = c1.counters();
    println!(
        "\nConductorOne saw: polls {}, heartbeats {}, FinishTasks {}, uploads {}, access tokens issued {}.",
        counters.get_task,
        counters.heartbeat,
        counters.finish_task,
        counters.upload_asset,
        counters.tokens_issued
    );
    ensure!(
        c1.invalid_requests().is_empty(),
        "ConductorOne refused malformed requests: {:?}",
        c1.invalid_requests()
    );
    c1.shutdown().await;
    print_how_to_self_host();
    let mut next_steps = String::new();
    super::write_next_steps(&mut next_steps, file)?;
    print!("{next_steps}");
    Ok(())
}

/// The daemon's connection to the simulated ConductorOne, trusting its CA.
fn client_of(c1: &C1Sim) -> anyhow::Result<GrpcBaton> {
    let client_id = ClientId::parse(c1.client_id())?;
    let secret = ClientSecret::parse(&c1.client_secret())?;
    let trust = Trust::Only(c1.ca_pem().to_owned());
    Ok(GrpcBaton::new(client_id, secret, None, &trust)?)
}

/// Step 1: the daemon's startup Hello.
async fn hello(c1: &C1Sim) -> anyhow::Result<()> {
    let hellos = c1.wait_hellos(1, PATIENCE).await?;
    let request = &hellos[0].request;
    let build = request.build_info.clone().unwrap_or_default();
    let os = request.os_info.clone().unwrap_or_default();
    let metadata = request.connector_metadata.clone().unwrap_or_default();
    let resource_types = metadata
        .capabilities
        .map_or(0, |c| c.resource_type_capabilities.len());
    println!(
        "1. hello    {} {} built with {}, on {} {} {} (host id {})",
        build.package,
        build.package_version,
        build.lang_version,
        os.os,
        os.platform,
        os.platform_version,
        request.host_id
    );
    println!(
        "            connector \"{}\": {} resource types and their capabilities",
        metadata.display_name, resource_types
    );
    Ok(())
}

/// Step 2: a full sync, uploaded and saved into `file`.
async fn sync(c1: &C1Sim, file: &Path, read_options: &ReadOptions) -> anyhow::Result<()> {
    let task_id = c1.push(TaskSpec::SyncFull.to_task()?);
    let finish = c1.wait_finished(&task_id, PATIENCE).await?;
    ensure!(finish.is_success(), "the sync task failed: {finish:?}");
    let upload = c1
        .uploads()
        .into_iter()
        .find(|upload| upload.task_id == task_id)
        .context("the sync finished without an upload")?;
    save(upload.bytes(), file)?;
    let reader = Reader::open(file, read_options)
        .with_context(|| format!("cannot read back {}", file.display()))?;
    let stats = reader.view(None)?.stats()?;
    let resources: Vec<String> = stats
        .resources_by_type
        .iter()
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect();
    println!(
        "2. sync     task {task_id}: synced, uploaded {} KiB in {} chunk(s), checksum verified; FinishTask success",
        upload.bytes().len().div_ceil(1024),
        upload.chunks
    );
    println!(
        "            {}; {} grants (saved to {})",
        resources.join(", "),
        stats.grants,
        file.display()
    );
    Ok(())
}

/// Steps 3 and 4: a user joins a group, then leaves it again.
async fn grant_and_revoke(c1: &C1Sim, zoom: &Simulator) -> anyhow::Result<()> {
    let truth = zoom.ground_truth();
    let group = truth
        .groups
        .first()
        .context("the simulated account has no group")?;
    let user = truth
        .plain_member(&[&group.id])
        .context("the simulated account has no user outside the first group")?;
    let entitlement = format!("group:{}:member", group.id);
    let principal = format!("user:{}", user.id);
    let is_member = || {
        zoom.ground_truth()
            .group(&group.id)
            .is_some_and(|g| g.member_ids.contains(&user.id))
    };

    let steps = [
        (
            "3. grant  ",
            TaskSpec::Grant {
                entitlement: entitlement.clone(),
                principal: principal.clone(),
            },
            true,
        ),
        (
            "4. revoke ",
            TaskSpec::Revoke {
                entitlement: entitlement.clone(),
                principal: principal.clone(),
            },
            false,
        ),
    ];
    for (step, spec, member_after) in steps {
        let finish = c1
            .wait_finished(&c1.push(spec.to_task()?), PATIENCE)
            .await?;
        ensure!(
            finish.is_success() && is_member() == member_after,
            "{} failed: {finish:?}",
            step.trim()
        );
        let lists = if member_after {
            "now lists"
        } else {
            "no longer lists"
        };
        println!(
            "{step}  {entitlement} of {principal}: {}; Zoom {lists} {} in {}",
            outcome(&finish),
            user.display_name,
            group.name
        );
    }
    Ok(())
}

/// "FinishTask success (<response type>)".
fn outcome(finish: &Finish) -> String {
    let response = finish
        .response_type_url()
        .and_then(|url| url.rsplit('.').next())
        .unwrap_or("no response");
    format!("FinishTask success ({response})")
}

/// Writes `bytes` to `file` through a temp file renamed over it.
fn save(bytes: &[u8], file: &Path) -> anyhow::Result<()> {
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // Readable as any file the user creates (0666 less the umask), not tempfile's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder
        .tempfile_in(folder)
        .with_context(|| format!("cannot write into {}", folder.display()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", file.display()))?;
    temp.persist(file)
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(())
}

fn print_how_to_self_host() {
    println!("\nRun it for your own ConductorOne tenant and Zoom account:");
    println!(
        "  BATON_CLIENT_ID=<client id> BATON_CLIENT_SECRET=<client secret> baton-zoom --provisioning \\"
    );
    println!("      --account-id <account> --zoom-client-id <id> --zoom-client-secret <secret>");
    println!("  (README, \"Self-hosted with ConductorOne\": Docker image and Kubernetes manifest)");
}
