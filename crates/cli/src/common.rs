//! Flags every command shares: the `.c1z` file and logging, with the Go SDK's names,
//! defaults and environment variables.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// Where the sync file lives and how to log.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// The .c1z file to write (sync) or read (inspect, provisioning)
    #[arg(
        short = 'f',
        long,
        env = "BATON_FILE",
        default_value = "sync.c1z",
        global = true
    )]
    pub file: PathBuf,

    /// Log level: debug, info, warn or error
    #[arg(long, env = "BATON_LOG_LEVEL", default_value = "info", global = true)]
    pub log_level: String,

    /// Log format [default: console on a terminal, else json]
    #[arg(long, env = "BATON_LOG_FORMAT", value_enum, global = true)]
    pub log_format: Option<LogFormat>,
}

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line.
    Json,
    /// Human-readable lines.
    Console,
}
