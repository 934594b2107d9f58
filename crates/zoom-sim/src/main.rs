//! `zoom-sim serve`: runs the simulator as a process for scripts and manual exploration.
//!
//! The first line on stdout is one JSON object with the URLs and credentials (so a script can
//! start the process and read it), followed by a human-readable summary. Runs until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use zoom_sim::tenant::UserStatus;
use zoom_sim::{Category, Faults, Latency, Preset, RateLimitMode, SimConfig, Simulator, ZoomPlan};

#[derive(Parser)]
#[command(
    name = "zoom-sim",
    about = "A simulated Zoom account behind Zoom's REST API",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate an account and serve it until Ctrl-C.
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Account size: small (~200 users), medium (10k), large (100k).
    #[arg(long, value_enum, default_value = "small")]
    preset: PresetArg,
    /// Plan whose rate limits apply (business-plus and enterprise have Business limits).
    #[arg(long, value_parser = parse_plan, default_value = "business")]
    plan: ZoomPlan,
    /// Per-second limits replacing the plan's, as Zoom sets by agreement:
    /// light=N,medium=N,heavy=N (any of them)
    #[arg(long, value_parser = parse_rate_limits)]
    rate_limits: Option<RateLimits>,
    /// Leave X-RateLimit-Limit and X-RateLimit-Remaining out of the answers.
    #[arg(long)]
    no_limit_headers: bool,
    /// Scopes of the printed app: all, read, conductorone (the 15 of ConductorOne's setup
    /// guide), or a comma-separated list.
    #[arg(long, default_value = "all")]
    scopes: String,
    /// Generator seed: the same seed gives the same account.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Listening address.
    #[arg(long, default_value = "127.0.0.1:8700")]
    addr: SocketAddr,
    /// Users, overriding the preset.
    #[arg(long)]
    users: Option<usize>,
    /// Groups, overriding the preset.
    #[arg(long)]
    groups: Option<usize>,
    /// Contact groups, overriding the preset.
    #[arg(long)]
    contact_groups: Option<usize>,
    /// Base latency of every answer, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Extra latency per listed item, in milliseconds.
    #[arg(long, default_value_t = 0)]
    per_item_ms: u64,
    /// Upper bound of random extra latency, in milliseconds.
    #[arg(long, default_value_t = 0)]
    jitter_ms: u64,
    /// Share of API requests answered 500/502/503.
    #[arg(long, default_value_t = 0.0)]
    fault_rate: f64,
    /// Share of API answers whose connection breaks mid-body.
    #[arg(long, default_value_t = 0.0)]
    reset_rate: f64,
    /// Seed of the fault dice.
    #[arg(long, default_value_t = 0)]
    fault_seed: u64,
    /// Access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    token_ttl: u64,
    /// next_page_token lifetime in seconds.
    #[arg(long, default_value_t = 900)]
    page_token_ttl: u64,
    /// Do not enforce rate limits.
    #[arg(long)]
    no_rate_limits: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum PresetArg {
    Small,
    Medium,
    Large,
}

fn parse_plan(value: &str) -> Result<ZoomPlan, String> {
    ZoomPlan::parse(value).ok_or_else(|| {
        let names: Vec<&str> = ZoomPlan::ALL.iter().map(|p| p.name()).collect();
        format!("unknown plan; use one of {}", names.join(", "))
    })
}

/// `--rate-limits`: per-second limits by category.
#[derive(Clone, Debug)]
struct RateLimits(Vec<(Category, u32)>);

fn parse_rate_limits(value: &str) -> Result<RateLimits, String> {
    zoom_sim::parse_agreed_limits(value).map(RateLimits)
}

/// The machine-readable first line.
#[derive(Serialize)]
struct Ready<'a> {
    api_url: String,
    oauth_url: String,
    account_id: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
    scopes: &'a [String],
    read_only_client_id: &'a str,
    read_only_client_secret: &'a str,
}

#[tokio::main]
async fn main() -> ExitCode {
    let Command::Serve(args) = Cli::parse().command;
    let scopes = zoom_sim::scope_set(&args.scopes);
    let config = config(&args).app_scopes(scopes.iter().cloned());
    let sim = match Simulator::start_on(config, args.addr).await {
        Ok(sim) => sim,
        Err(error) => {
            eprintln!("zoom-sim: {error}; pick another --addr");
            return ExitCode::FAILURE;
        }
    };
    let (full, read_only) = (sim.credentials(), sim.read_only_credentials());
    let ready = Ready {
        api_url: sim.api_url(),
        oauth_url: sim.oauth_url(),
        account_id: sim.account_id(),
        client_id: &full.client_id,
        client_secret: &full.client_secret,
        scopes: &scopes,
        read_only_client_id: &read_only.client_id,
        read_only_client_secret: &read_only.client_secret,
    };
    println!(
        "{}",
        serde_json::to_string(&ready).expect("plain strings serialise")
    );
    println!("{}", summary(&sim, &args));
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("zoom-sim: cannot wait for Ctrl-C ({error}); stopping");
    }
    sim.shutdown().await;
    ExitCode::SUCCESS
}

fn config(args: &ServeArgs) -> SimConfig {
    let preset = match args.preset {
        PresetArg::Small => Preset::Small,
        PresetArg::Medium => Preset::Medium,
        PresetArg::Large => Preset::Large,
    };
    let mut spec = preset.spec();
    spec.users = args.users.unwrap_or(spec.users);
    spec.groups = args.groups.unwrap_or(spec.groups);
    spec.contact_groups = args.contact_groups.unwrap_or(spec.contact_groups);
    let mut config = SimConfig::preset(preset)
        .tenant_spec(spec)
        .seed(args.seed)
        .plan(args.plan)
        .announce_limits(!args.no_limit_headers);
    for (category, limit) in args.rate_limits.iter().flat_map(|l| l.0.iter()) {
        config = config.per_second_limit(*category, *limit);
    }
    config
        .token_ttl(Duration::from_secs(args.token_ttl))
        .page_token_ttl(Duration::from_secs(args.page_token_ttl))
        .rate_limits(if args.no_rate_limits {
            RateLimitMode::Off
        } else {
            RateLimitMode::Enforced
        })
        .latency(Latency {
            base: Duration::from_millis(args.latency_ms),
            per_item: Duration::from_millis(args.per_item_ms),
            jitter: Duration::from_millis(args.jitter_ms),
        })
        .faults(Faults {
            seed: args.fault_seed,
            server_error_rate: args.fault_rate,
            reset_rate: args.reset_rate,
            ..Faults::default()
        })
}

fn summary(sim: &Simulator, args: &ServeArgs) -> String {
    // Counted from the model directly: a ground-truth export would copy the whole account.
    let tenant = sim.tenant().read();
    let count = |status| tenant.users().filter(|u| u.status == status).count();
    let limits = if args.no_rate_limits {
        "off".to_owned()
    } else {
        let per_second: Vec<String> = [Category::Light, Category::Medium, Category::Heavy]
            .into_iter()
            .map(|c| {
                let limit = args
                    .rate_limits
                    .iter()
                    .flat_map(|l| l.0.iter())
                    .find(|(o, _)| *o == c)
                    .map_or(args.plan.budget(c).0, |(_, l)| *l);
                format!("{} {limit}/s", c.label().to_ascii_lowercase())
            })
            .collect();
        format!(
            "enforced ({} plan: {})",
            args.plan.name(),
            per_second.join(", ")
        )
    };
    format!(
        "zoom-sim serving account {} (seed {}) at {}\n  {} active, {} inactive and {} pending users; {} groups; {} roles; {} contact groups\n  rate limits {limits}; ground truth at {}/_sim/ground-truth, counters at {}/_sim/counters\n  Ctrl-C to stop",
        tenant.account_id(),
        args.seed,
        sim.api_url(),
        count(UserStatus::Active),
        count(UserStatus::Inactive),
        count(UserStatus::Pending),
        tenant.groups().count(),
        tenant.roles().count(),
        tenant.contact_groups().count(),
        sim.base_url(),
        sim.base_url(),
    )
}
