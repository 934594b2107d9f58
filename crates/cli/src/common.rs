//! Flags every command shares: the `.c1z` file and logging, with the Go SDK's names,
//! defaults and environment variables.

use std::path::PathBuf;

use anyhow::bail;
use c1z::ReadOptions;
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

    // The sync's working file stays beside --file: the next run resumes from it there, and
    // publishing renames within one folder.
    /// Folder for temporary files: a .c1z decompressed to be read, and in daemon mode the
    /// sync files made for ConductorOne (must exist) [default: the system temp folder]
    #[arg(long, env = "BATON_C1Z_TEMP_DIR", global = true)]
    pub c1z_temp_dir: Option<PathBuf>,

    /// Log level: debug, info, warn or error
    #[arg(long, env = "BATON_LOG_LEVEL", default_value = "info", global = true)]
    pub log_level: String,

    /// Log format [default: console on a terminal, else json]
    #[arg(long, env = "BATON_LOG_FORMAT", value_enum, global = true)]
    pub log_format: Option<LogFormat>,
}

impl CommonArgs {
    /// How to read `.c1z` files: decompressed into `--c1z-temp-dir` when it is given, which
    /// must be an existing folder (as the Go SDK checks).
    pub fn read_options(&self) -> anyhow::Result<ReadOptions> {
        if let Some(dir) = &self.c1z_temp_dir
            && !dir.is_dir()
        {
            bail!(
                "the specified c1z temp dir does not exist: {}",
                dir.display()
            );
        }
        Ok(ReadOptions {
            temp_dir: self.c1z_temp_dir.clone(),
            ..ReadOptions::default()
        })
    }
}

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line.
    Json,
    /// Human-readable lines.
    Console,
}
