//! The rules a decision can name are the same in the code
//! (`doubt::Evidence`, `doubt::MEASURED`), the fixture's JSON Schema
//! (`docs/fixture-format.schema.json`) and the rules' record in
//! `docs/doubts.md`, whose table gives each rule's measured figures.

use std::collections::BTreeSet;
use std::path::Path;

use proofdesk::doubt::{
    DOUBT_BELOW, Evidence, MEASURED, MEASURED_LAYOUT, MEASURED_MODEL, MEASURED_OCR,
};

mod support;

fn read_doc(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The rule names the schema allows for `doubts[].evidence`.
fn schema_rules() -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_str(&read_doc("fixture-format.schema.json")).expect("the schema is JSON");
    let mut found = Vec::new();
    find_evidence_enum(&schema, &mut found);
    assert_eq!(found.len(), 1, "one `evidence` enum in the schema");
    found.remove(0)
}

fn find_evidence_enum(v: &serde_json::Value, found: &mut Vec<Vec<String>>) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(names) = map
                .get("evidence")
                .and_then(|e| e.get("enum"))
                .and_then(serde_json::Value::as_array)
            {
                found.push(
                    names
                        .iter()
                        .map(|n| n.as_str().expect("rule names are strings").to_owned())
                        .collect(),
                );
            }
            for child in map.values() {
                find_evidence_enum(child, found);
            }
        }
        serde_json::Value::Array(items) => {
            for child in items {
                find_evidence_enum(child, found);
            }
        }
        _ => {}
    }
}

fn evidence(name: &str) -> Evidence {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .unwrap_or_else(|e| panic!("`{name}` is a rule of the code: {e}"))
}

/// The table of `docs/doubts.md` as written for `measured` (`MEASURED`, or
/// `MEASURED_OCR` under the header `| OCR rule |`).
fn expected_table(header: &str, measured: &[(Evidence, u32, u32)]) -> String {
    let mut out =
        format!("| {header} | judged | errors | confidence | doubt |\n|---|---|---|---|---|\n");
    for &(e, judged, errors) in measured {
        let confidence = e.confidence_percent();
        out.push_str(&format!(
            "| `{}` | {} | {errors} | {confidence}% | {} |\n",
            e.name(),
            support::thousands(judged as usize),
            if confidence < DOUBT_BELOW { "yes" } else { "" }
        ));
    }
    out
}

#[test]
fn the_schema_names_every_rule_of_the_code_and_no_other() {
    let names = schema_rules();
    let unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "no name twice");
    for name in &names {
        assert_eq!(evidence(name).name(), name, "round trip");
    }
    for &(e, _, _) in MEASURED
        .iter()
        .chain(MEASURED_OCR)
        .chain(MEASURED_MODEL)
        .chain(MEASURED_LAYOUT)
    {
        assert!(
            names.iter().any(|n| n == e.name()),
            "`{}` is measured but not in the schema",
            e.name()
        );
    }
}

#[test]
fn the_record_of_the_rules_in_the_docs_is_the_measured_one() {
    let doc = read_doc("doubts.md");
    for (header, measured) in [
        ("rule", MEASURED),
        ("OCR rule", MEASURED_OCR),
        ("model rule", MEASURED_MODEL),
        ("layout rule", MEASURED_LAYOUT),
    ] {
        let table: String = doc
            .lines()
            .skip_while(|l| !l.starts_with(&format!("| {header} | judged |")))
            .take_while(|l| l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        let expected = expected_table(header, measured);
        assert!(
            table == expected,
            "docs/doubts.md's `{header}` table differs from the measured one; paste this there:\n\n{expected}"
        );
    }
    // The rules never measured are listed by name, and are all the others.
    let never: BTreeSet<String> = doc
        .lines()
        .skip_while(|l| !l.starts_with("Never judged there"))
        .nth(1)
        .expect("the list of rules never judged")
        .split(',')
        .map(|n| n.trim().trim_end_matches('.').trim_matches('`').to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let unmeasured: BTreeSet<String> = schema_rules()
        .into_iter()
        .filter(|n| {
            !MEASURED
                .iter()
                .chain(MEASURED_OCR)
                .chain(MEASURED_MODEL)
                .chain(MEASURED_LAYOUT)
                .any(|(e, _, _)| e.name() == n)
        })
        .collect();
    assert_eq!(never, unmeasured, "the rules never judged");
}

#[test]
fn thousands_are_grouped_as_in_the_docs() {
    use support::thousands;
    assert_eq!(thousands(7), "7");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1_000), "1,000");
    assert_eq!(thousands(50_767), "50,767");
    assert_eq!(thousands(1_234_567), "1,234,567");
}
