//! Findings as a person or a program reads them: console text, JSON, CSV. The shapes are
//! documented in the README ("Review your Zoom access") and are stable.

use std::io::{self, Write};

use serde::Serialize;

use super::{Finding, Kind, Settings, counts};
use crate::dates::rfc3339;

/// The CSV columns, one row per finding.
pub const CSV_COLUMNS: [&str; 9] = [
    "id",
    "kind",
    "severity",
    "resource_type",
    "resource_id",
    "name",
    "email",
    "related",
    "detail",
];

/// Findings of one sync, with what they are relative to.
pub struct Report<'a> {
    /// The sync the findings are about.
    pub sync_id: &'a str,
    /// The review's "now" and threshold.
    pub settings: Settings,
    /// The findings, as [`super::evaluate`] returns them.
    pub findings: &'a [Finding],
}

/// The JSON document.
#[derive(Serialize)]
struct Document<'a> {
    sync_id: &'a str,
    as_of: String,
    inactive_days: u32,
    counts: Vec<Count>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct Count {
    kind: Kind,
    title: &'static str,
    count: usize,
}

impl Report<'_> {
    /// One JSON document: `{sync_id, as_of, inactive_days, counts, findings}`.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let document = Document {
            sync_id: self.sync_id,
            as_of: rfc3339(self.settings.as_of),
            inactive_days: self.settings.inactive_days,
            counts: counts(self.findings)
                .into_iter()
                .map(|(kind, count)| Count {
                    kind,
                    title: kind.title(),
                    count,
                })
                .collect(),
            findings: self.findings,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }

    /// CSV with a header row, one row per finding (see [`CSV_COLUMNS`]).
    pub fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        write_csv(out, self.findings)
    }

    /// A summary of counts per kind, then one line per finding, grouped by kind.
    pub fn write_console(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "Findings in sync {} as of {} (threshold {} days):",
            self.sync_id,
            rfc3339(self.settings.as_of),
            self.settings.inactive_days
        )?;
        for (kind, count) in counts(self.findings) {
            writeln!(out, "  {count:>7}  {}", kind.title())?;
        }
        for kind in Kind::ALL {
            let mut of_kind = self.findings.iter().filter(|f| f.kind == kind).peekable();
            if of_kind.peek().is_none() {
                continue;
            }
            writeln!(out, "\n{} ({}):", kind.title(), kind.as_str())?;
            for finding in of_kind {
                let subject = &finding.resources[0];
                let who = match &subject.email {
                    Some(email) if !email.is_empty() => format!("{} <{email}>", subject.name),
                    _ if subject.name.is_empty() => subject.resource_id(),
                    _ => subject.name.clone(),
                };
                writeln!(
                    out,
                    "  {:<6}  {}: {}",
                    finding.severity.as_str(),
                    printable(&who),
                    printable(&finding.detail)
                )?;
            }
        }
        Ok(())
    }
}

/// Findings as CSV, for the CLI and the web explorer's export.
pub fn write_csv(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_COLUMNS)?;
    for finding in findings {
        let subject = &finding.resources[0];
        let related = finding.resources[1..]
            .iter()
            .map(|r| r.resource_id())
            .collect::<Vec<_>>()
            .join(" ");
        csv.write_record([
            finding.id.as_str(),
            finding.kind.as_str(),
            finding.severity.as_str(),
            subject.resource_type,
            subject.id.as_str(),
            subject.name.as_str(),
            subject.email.as_deref().unwrap_or(""),
            related.as_str(),
            finding.detail.as_str(),
        ])?;
    }
    csv.flush()
}

/// Text with control characters escaped, so a display name cannot drive the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Concerned, Severity};

    fn finding() -> Finding {
        Finding::new(
            Kind::DeactivatedLicensed,
            Severity::High,
            vec![
                Concerned {
                    resource_type: "user",
                    id: "u1".into(),
                    name: "Ada \u{1b}[31mL".into(),
                    email: Some("ada@example.com".into()),
                },
                Concerned {
                    resource_type: "license",
                    id: "2".into(),
                    name: "Licensed".into(),
                    email: None,
                },
            ],
            "deactivated, still holds a Licensed seat".into(),
        )
    }

    fn report(findings: &[Finding]) -> Report<'_> {
        Report {
            sync_id: "s1",
            settings: Settings {
                as_of: 1_772_323_200,
                inactive_days: 90,
            },
            findings,
        }
    }

    #[test]
    fn csv_has_one_row_per_finding_with_the_subject_first() {
        let findings = [finding()];
        let mut out = Vec::new();
        report(&findings).write_csv(&mut out).expect("writes");
        let text = String::from_utf8(out).expect("UTF-8");
        assert_eq!(
            text,
            "id,kind,severity,resource_type,resource_id,name,email,related,detail\n\
             deactivated-licensed:user:u1:license:2,deactivated-licensed,high,user,u1,\
             Ada \u{1b}[31mL,ada@example.com,license:2,\"deactivated, still holds a Licensed seat\"\n"
        );
    }

    #[test]
    fn json_counts_every_kind_and_lists_findings() {
        let findings = [finding()];
        let mut out = Vec::new();
        report(&findings).write_json(&mut out).expect("writes");
        let value: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
        assert_eq!(value["sync_id"], "s1");
        assert_eq!(value["as_of"], "2026-03-01T00:00:00Z");
        assert_eq!(value["inactive_days"], 90);
        assert_eq!(value["counts"].as_array().map(Vec::len), Some(8));
        assert_eq!(value["counts"][1]["kind"], "deactivated-licensed");
        assert_eq!(value["counts"][1]["count"], 1);
        assert_eq!(value["counts"][0]["count"], 0);
        let f = &value["findings"][0];
        assert_eq!(f["id"], "deactivated-licensed:user:u1:license:2");
        assert_eq!(f["severity"], "high");
        assert_eq!(f["resources"][0]["email"], "ada@example.com");
        assert!(f["resources"][1].get("email").is_none());
    }

    #[test]
    fn console_escapes_control_characters_in_names() {
        let findings = [finding()];
        let mut out = Vec::new();
        report(&findings).write_console(&mut out).expect("writes");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("high    Ada \\u{1b}[31mL <ada@example.com>: deactivated"));
    }
}
