//! `.baton.yaml` config files, read as the Go SDK reads them: the file named by
//! `$BATON_CONFIG_PATH`, else `.baton.yaml` in the working directory; keys are flag names.
//!
//! Values are applied with the SDK's precedence, flag > environment > file: a file value is
//! turned into a command-line argument placed before the user's own arguments (the parser
//! lets a later occurrence override an earlier one), and only when the flag's environment
//! variable is unset. Keys that name no top-level flag are ignored, as viper ignores them.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Command;
use serde_norway::Value;

/// The environment variable naming a config file, as the Go SDK reads it.
const CONFIG_PATH_ENV: &str = "BATON_CONFIG_PATH";
/// The config file looked for in the working directory.
const DEFAULT_CONFIG_FILE: &str = ".baton.yaml";

/// Returns `args` with the config file's values inserted after the program name.
pub fn with_config_file(args: Vec<OsString>, command: &Command) -> anyhow::Result<Vec<OsString>> {
    let Some(path) = config_path() else {
        return Ok(args);
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read config file {}", path.display()))?;
    let from_file = file_arguments(&text, command)
        .with_context(|| format!("config file {} is not valid", path.display()))?;
    let mut args = args.into_iter();
    Ok(args
        .next()
        .into_iter()
        .chain(from_file)
        .chain(args)
        .collect())
}

/// The config file to read, if any: `$BATON_CONFIG_PATH` must exist when set; the default
/// file is optional.
fn config_path() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_PATH_ENV) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => Some(Path::new(DEFAULT_CONFIG_FILE).to_path_buf()).filter(|path| path.is_file()),
    }
}

/// Turns a YAML mapping of flag names to values into `--flag value` arguments for the
/// top-level flags whose environment variable is not set.
fn file_arguments(text: &str, command: &Command) -> anyhow::Result<Vec<OsString>> {
    let values: BTreeMap<String, Value> = match serde_norway::from_str::<Option<_>>(text)? {
        Some(values) => values,
        None => return Ok(Vec::new()),
    };
    let mut arguments = Vec::new();
    for (key, value) in values {
        let Some(arg) = command
            .get_arguments()
            .find(|arg| arg.get_long() == Some(&key))
        else {
            continue;
        };
        if arg
            .get_env()
            .is_some_and(|env| std::env::var_os(env).is_some())
        {
            continue;
        }
        let flag = format!("--{key}");
        let takes_value = arg.get_action().takes_values();
        for item in scalars(&value).with_context(|| format!("key {key:?}"))? {
            match (takes_value, item.as_str()) {
                (true, _) => arguments.extend([OsString::from(&flag), OsString::from(item)]),
                (false, "true") => arguments.push(OsString::from(&flag)),
                (false, "false") => {}
                (false, other) => anyhow::bail!("key {key:?} must be true or false, not {other:?}"),
            }
        }
    }
    Ok(arguments)
}

/// A YAML value as the strings a flag takes: one for a scalar, one per item for a list.
fn scalars(value: &Value) -> anyhow::Result<Vec<String>> {
    match value {
        Value::String(text) => Ok(vec![text.clone()]),
        Value::Bool(flag) => Ok(vec![flag.to_string()]),
        Value::Number(number) => Ok(vec![number.to_string()]),
        Value::Sequence(items) => {
            let mut all = Vec::new();
            for item in items {
                all.extend(scalars(item)?);
            }
            Ok(all)
        }
        Value::Null => Ok(Vec::new()),
        _ => anyhow::bail!("must be a string, number, boolean or list"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction};

    fn command() -> Command {
        Command::new("t")
            .arg(Arg::new("file").long("file"))
            .arg(
                Arg::new("account-id")
                    .long("account-id")
                    .env("BATON_TEST_CONFIG_UNSET_ENV"),
            )
            .arg(
                Arg::new("provisioning")
                    .long("provisioning")
                    .action(ArgAction::SetTrue),
            )
            .arg(
                Arg::new("sync-resources")
                    .long("sync-resources")
                    .action(ArgAction::Append),
            )
            .arg(Arg::new("shadowed").long("shadowed").env("PATH"))
    }

    #[test]
    fn file_values_become_flags_for_known_keys_only() {
        let yaml = "file: out.c1z\naccount-id: 12345\nprovisioning: true\nsync-resources: [a, b]\nunknown: x\n";
        let args = file_arguments(yaml, &command()).unwrap();
        let args: Vec<_> = args.iter().map(|a| a.to_str().unwrap()).collect();
        assert_eq!(
            args,
            [
                "--account-id",
                "12345",
                "--file",
                "out.c1z",
                "--provisioning",
                "--sync-resources",
                "a",
                "--sync-resources",
                "b"
            ]
        );
    }

    #[test]
    fn environment_wins_over_the_file() {
        let args = file_arguments("shadowed: from-file\n", &command()).unwrap();
        assert!(args.is_empty(), "{args:?}");
    }

    #[test]
    fn false_booleans_and_empty_files_add_nothing() {
        assert!(
            file_arguments("provisioning: false\n", &command())
                .unwrap()
                .is_empty()
        );
        assert!(file_arguments("", &command()).unwrap().is_empty());
    }

    #[test]
    fn a_non_boolean_for_a_switch_is_refused() {
        let error = file_arguments("provisioning: maybe\n", &command()).unwrap_err();
        assert!(format!("{error:#}").contains("true or false"), "{error:#}");
    }
}
