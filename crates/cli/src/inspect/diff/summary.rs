//! The diff in words, for the top of the console output: "3 users gained admin in group
//! Sales", "user Ada Lovelace lost license Licensed", "2 groups created: Ops, Support".

use std::collections::BTreeMap;

use c1z::{Grant, ResourceId, ids};

use super::super::lookup::Lookup;
use super::super::output::printable;
use super::{Changes, Diff};

/// At most this many lines; the table below the summary lists everything.
const MAX_LINES: usize = 25;
/// Names shown after a count ("2 groups created: Ops, Support").
const MAX_NAMES: usize = 3;

/// The summary lines of `diff`.
pub fn lines(diff: &Diff, lookup: &mut Lookup<'_, '_>) -> c1z::Result<Vec<String>> {
    let mut lines = resource_lines(&diff.resources, lookup)?;
    lines.extend(entitlement_lines(diff));
    lines.extend(grant_lines(&diff.grants, lookup)?);
    if lines.is_empty() {
        lines.push("no changes".to_owned());
    }
    if lines.len() > MAX_LINES {
        let more = lines.len() - (MAX_LINES - 1);
        lines.truncate(MAX_LINES - 1);
        lines.push(format!("… and {more} more (listed below)"));
    }
    Ok(lines.iter().map(|line| printable(line)).collect())
}

/// A grant in words: "Ada Lovelace: admin in group Sales".
pub fn grant_name(grant: &Grant, lookup: &mut Lookup<'_, '_>) -> c1z::Result<String> {
    let principal = grant.principal_id().cloned().unwrap_or_default();
    let principal = lookup.resource(&principal)?;
    let (slug, target) = grant_target(grant, lookup)?;
    Ok(format!("{}: {slug} in {target}", principal.display_name))
}

/// "2 groups created: Ops, Support", per resource type and kind of change.
fn resource_lines(
    resources: &Changes<c1z::Resource>,
    lookup: &mut Lookup<'_, '_>,
) -> c1z::Result<Vec<String>> {
    let mut groups: BTreeMap<(String, &str), Vec<String>> = BTreeMap::new();
    for (change, resource) in resources.labelled() {
        let id = resource.id.clone().unwrap_or_default();
        let noun = type_noun(lookup, &id.resource_type)?;
        groups
            .entry((noun, change))
            .or_default()
            .push(resource.display_name.clone());
    }
    Ok(groups
        .into_iter()
        .map(|((noun, change), names)| match names.as_slice() {
            [one] => format!("{noun} {one} {change}"),
            _ => format!(
                "{} {} {change}: {}",
                names.len(),
                plural(&noun),
                name_list(&names)
            ),
        })
        .collect())
}

/// Entitlement changes not explained by their resource being created or deleted.
fn entitlement_lines(diff: &Diff) -> Vec<String> {
    let resources_changed: std::collections::HashSet<String> = diff
        .resources
        .created
        .iter()
        .chain(&diff.resources.deleted)
        .map(|r| ids::resource_external_id(&r.id.clone().unwrap_or_default()))
        .collect();
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (change, entitlement) in diff.entitlements.labelled() {
        let on = ids::resource_external_id(&entitlement.resource_id().cloned().unwrap_or_default());
        if change != "modified" && resources_changed.contains(&on) {
            continue;
        }
        let name = if entitlement.display_name.is_empty() {
            entitlement.id.clone()
        } else {
            entitlement.display_name.clone()
        };
        groups.entry(change).or_default().push(name);
    }
    groups
        .into_iter()
        .map(|(change, names)| match names.as_slice() {
            [one] => format!("entitlement {one} {change}"),
            _ => format!(
                "{} entitlements {change}: {}",
                names.len(),
                name_list(&names)
            ),
        })
        .collect()
}

/// "3 users gained admin in group Sales", per entitlement and direction; then a count of
/// grants modified in place.
fn grant_lines(grants: &Changes<Grant>, lookup: &mut Lookup<'_, '_>) -> c1z::Result<Vec<String>> {
    let mut lines = Vec::new();
    for (gained, list) in [(true, &grants.created), (false, &grants.deleted)] {
        let mut by_entitlement: BTreeMap<&str, Vec<&Grant>> = BTreeMap::new();
        for grant in list {
            let id = grant.entitlement.as_ref().map_or("", |e| e.id.as_str());
            by_entitlement.entry(id).or_default().push(grant);
        }
        for group in by_entitlement.values() {
            let (slug, target) = grant_target(group[0], lookup)?;
            let who = holders(group, lookup)?;
            lines.push(format!("{who} {}", phrase(gained, &slug, &target)));
        }
    }
    match grants.modified.len() {
        0 => {}
        1 => lines.push(format!("grant {} modified", grants.modified[0].id)),
        n => lines.push(format!("{n} grants modified")),
    }
    Ok(lines)
}

/// The entitlement's slug and the resource it is on, in words ("group Sales").
fn grant_target(grant: &Grant, lookup: &mut Lookup<'_, '_>) -> c1z::Result<(String, String)> {
    let entitlement_id = grant.entitlement.as_ref().map_or("", |e| e.id.as_str());
    let entitlement = lookup.entitlement(entitlement_id)?;
    let slug = if entitlement.slug.is_empty() {
        // Ids are `type:id:slug`; a placeholder for a missing entitlement has no slug.
        entitlement_id
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .to_owned()
    } else {
        entitlement.slug.clone()
    };
    let resource = grant.entitled_resource().cloned().unwrap_or_default();
    let noun = type_noun(lookup, &resource.resource_type)?;
    let name = lookup.resource(&resource)?.display_name.clone();
    Ok((slug, format!("{noun} {name}")))
}

/// "user Ada Lovelace" for one holder; "3 users" or "2 users and 1 group" for more.
fn holders(grants: &[&Grant], lookup: &mut Lookup<'_, '_>) -> c1z::Result<String> {
    if let [grant] = grants {
        let id = grant.principal_id().cloned().unwrap_or_default();
        let noun = type_noun(lookup, &id.resource_type)?;
        return Ok(format!("{noun} {}", lookup.resource(&id)?.display_name));
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for grant in grants {
        let id: ResourceId = grant.principal_id().cloned().unwrap_or_default();
        *counts
            .entry(type_noun(lookup, &id.resource_type)?)
            .or_default() += 1;
    }
    let parts: Vec<String> = counts
        .into_iter()
        .map(|(noun, n)| {
            if n == 1 {
                format!("1 {noun}")
            } else {
                format!("{n} {}", plural(&noun))
            }
        })
        .collect();
    Ok(parts.join(" and "))
}

/// The verb for a slug: members join and leave, seats are gained and lost, anything else
/// is gained or lost "in" the resource.
fn phrase(gained: bool, slug: &str, target: &str) -> String {
    match (slug, gained) {
        ("member", true) => format!("joined {target}"),
        ("member", false) => format!("left {target}"),
        ("assigned", true) => format!("gained {target}"),
        ("assigned", false) => format!("lost {target}"),
        (_, true) => format!("gained {slug} in {target}"),
        (_, false) => format!("lost {slug} in {target}"),
    }
}

/// A resource type as a noun: its display name in lower case ("contact group").
fn type_noun(lookup: &mut Lookup<'_, '_>, resource_type: &str) -> c1z::Result<String> {
    let rt = lookup.resource_type(resource_type)?;
    Ok(
        if rt.display_name.is_empty() || rt.display_name.starts_with("MISSING") {
            resource_type.to_owned()
        } else {
            rt.display_name.to_lowercase()
        },
    )
}

/// English plural of a type noun.
fn plural(noun: &str) -> String {
    let consonant_y = noun.ends_with('y')
        && !noun.ends_with("ay")
        && !noun.ends_with("ey")
        && !noun.ends_with("oy");
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "ch", "sh"].iter().any(|end| noun.ends_with(end)) {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// "Ops, Support and 4 more".
fn name_list(names: &[String]) -> String {
    let shown = names[..names.len().min(MAX_NAMES)].join(", ");
    match names.len().saturating_sub(MAX_NAMES) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_read_as_sentences() {
        assert_eq!(
            phrase(true, "admin", "group Sales"),
            "gained admin in group Sales"
        );
        assert_eq!(phrase(false, "member", "role Admin"), "left role Admin");
        assert_eq!(
            phrase(false, "assigned", "license Licensed"),
            "lost license Licensed"
        );
    }

    #[test]
    fn plurals_cover_the_type_nouns() {
        assert_eq!(plural("user"), "users");
        assert_eq!(plural("contact group"), "contact groups");
        assert_eq!(plural("policy"), "policies");
        assert_eq!(plural("key"), "keys");
        assert_eq!(plural("box"), "boxes");
    }

    #[test]
    fn name_lists_are_capped() {
        let names: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        assert_eq!(name_list(&names), "a, b, c and 2 more");
        assert_eq!(name_list(&names[..2]), "a, b");
    }
}
