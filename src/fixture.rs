//! The training fixture, format v1: one JSON file per page that pairs the raw
//! text with the automatic proposal and the human correction. See
//! `docs/fixture-format.md`.

use std::collections::HashSet;
use std::fmt;

use crate::decode::{Encoding, LineEnding};
use std::sync::Arc;

use crate::doubt::{Decision, Resolution, Review};
use crate::page::{Article, Page, RawText, Status, sha256_hex, shared, span_glyphs, unshared};

/// The value of the `format` field.
pub const FORMAT: &str = "proofdesk-fixture";
/// The format version this build writes and reads.
pub const VERSION: u64 = 1;
/// The version of the normalizer rules; bumped when proposals change.
pub const NORMALIZER_VERSION: u32 = 1;

/// A fixture file as stored.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u64,
    /// The raw page.
    pub source: Source,
    /// `auto`, `draft` or `done`.
    pub status: Status,
    /// The corrected articles.
    pub articles: Vec<Article>,
    /// The automatic proposal the correction started from.
    pub proposal: Vec<Article>,
    /// Who made the fixture and when.
    pub provenance: Provenance,
    /// The decisions the proposal doubted, and how the editor settled them.
    /// Absent in fixtures written before doubts were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewRecord>,
}

/// The doubts of a fixture's proposal, for training code that wants to know
/// where the rules were unsure.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRecord {
    /// Decisions the proposal made (line ends, spaces, boundaries,
    /// attachments, roles), doubted or not.
    pub decisions_made: usize,
    /// Decisions below this confidence (percent) are doubts.
    pub doubt_below_percent: u8,
    /// The doubts, in raw order.
    pub doubts: Vec<DoubtRecord>,
}

/// One doubted decision.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DoubtRecord {
    /// The decision (positions are raw char offsets into `source.text`).
    #[serde(flatten)]
    pub decision: Decision,
    /// The rule's confidence, in percent.
    pub confidence_percent: u8,
    /// How the editor settled it; `null` while open.
    pub resolution: Option<Resolution>,
}

/// The review of a fixture written before doubts were recorded: the doubts
/// of a fresh proposal, if the current rules make the same proposal, with
/// those the correction already changed settled as edited. Otherwise none.
fn review_of_older_fixture(raw: &RawText, proposal: &[Article], articles: &[Article]) -> Review {
    let fresh = crate::segment::propose_recording(raw, crate::doubt::Record::Doubts);
    if fresh.articles != proposal {
        return Review::default();
    }
    let mut review = Review::of(fresh.decisions);
    let chars: Vec<char> = raw.text().chars().collect();
    let index = crate::doubt::BlockIndex::new(articles);
    for (d, r) in review.doubts.iter().zip(review.resolved.iter_mut()) {
        if crate::doubt::outcome(articles, &index, &chars, d) != Some(d.chosen) {
            *r = Some(Resolution::Edited);
        }
    }
    review
}

impl ReviewRecord {
    fn from_review(r: &Review) -> Self {
        Self {
            decisions_made: r.decisions_made,
            doubt_below_percent: crate::doubt::DOUBT_BELOW,
            doubts: r
                .doubts
                .iter()
                .zip(&r.resolved)
                .map(|(d, res)| DoubtRecord {
                    decision: *d,
                    confidence_percent: d.confidence_percent(),
                    resolution: *res,
                })
                .collect(),
        }
    }

    fn into_review(self) -> Review {
        Review {
            doubts: Arc::new(self.doubts.iter().map(|d| d.decision).collect()),
            resolved: self.doubts.iter().map(|d| d.resolution).collect(),
            decisions_made: self.decisions_made,
        }
    }
}

/// The raw page inside a fixture, so that a fixture stands alone.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name of the page (no directories).
    pub file_name: String,
    /// Lowercase hex sha256 of `text` as UTF-8.
    pub sha256: String,
    /// Encoding of the page file.
    pub encoding: Encoding,
    /// Line ends of the page file (`text` always uses `\n`).
    pub line_ending: LineEnding,
    /// The decoded raw text; spans index it in Unicode scalar values.
    pub text: String,
}

/// Who made the fixture and when.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Always `proofdesk`.
    pub tool: String,
    /// Version of the tool that last wrote the fixture.
    pub tool_version: String,
    /// [`NORMALIZER_VERSION`] of the rules that made `proposal`.
    pub normalizer_version: u32,
    /// When the fixture was first written, RFC 3339 UTC.
    pub created: String,
    /// When it was last written, RFC 3339 UTC.
    pub modified: String,
}

/// One thing wrong with a fixture, at a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a JSON path (`$.articles[2].blocks[0].spans[1]`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a fixture could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    /// Not JSON at all (truncated, not a fixture).
    #[error("not a JSON document ({0}); the file is damaged or not a Proofdesk fixture")]
    Json(#[from] serde_json::Error),
    /// JSON, but not a valid fixture.
    #[error("{} problem(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

impl Fixture {
    /// Builds the fixture of a page, stamped `now` (RFC 3339).
    #[must_use]
    pub fn from_page(page: &Page, now: &str) -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            source: Source {
                file_name: page.raw.file_name.clone(),
                sha256: page.raw.sha256().to_owned(),
                encoding: page.raw.encoding,
                line_ending: page.raw.line_ending,
                text: page.raw.text().to_owned(),
            },
            status: page.status,
            articles: unshared(&page.articles),
            proposal: unshared(&page.proposal),
            provenance: Provenance {
                tool: "proofdesk".to_owned(),
                tool_version: env!("CARGO_PKG_VERSION").to_owned(),
                normalizer_version: NORMALIZER_VERSION,
                created: page.created.clone().unwrap_or_else(|| now.to_owned()),
                modified: now.to_owned(),
            },
            review: Some(ReviewRecord::from_review(&page.review)),
        }
    }

    /// The page this fixture describes.
    #[must_use]
    pub fn into_page(self) -> Page {
        let raw = RawText::new(
            &self.source.file_name,
            &self.source.text,
            self.source.encoding,
            self.source.line_ending,
        );
        let review = match self.review {
            Some(r) => r.into_review(),
            None => review_of_older_fixture(&raw, &self.proposal, &self.articles),
        };
        let proposal = shared(self.proposal);
        // An article still as proposed is kept once.
        let articles = self
            .articles
            .into_iter()
            .enumerate()
            .map(|(i, a)| match proposal.get(i) {
                Some(p) if **p == a => Arc::clone(p),
                _ => Arc::new(a),
            })
            .collect();
        Page {
            raw,
            articles,
            proposal,
            status: self.status,
            created: Some(self.provenance.created),
            review,
        }
    }

    /// Pretty JSON, as written to disk.
    ///
    /// # Errors
    /// Only if serialisation fails, which plain data cannot.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut s = serde_json::to_string_pretty(self)?;
        s.push('\n');
        Ok(s)
    }

    /// Parses and validates a fixture.
    ///
    /// # Errors
    /// [`FixtureError::Json`] for text that is not JSON,
    /// [`FixtureError::Invalid`] with every problem found and its JSON path.
    pub fn from_json(json: &str) -> Result<Self, FixtureError> {
        let value: serde_json::Value = serde_json::from_str(json)?;
        let mut problems = Vec::new();
        match value.get("format").and_then(serde_json::Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => problems.push(problem(
                "$.format",
                format!("is {other:?}, expected {FORMAT:?}"),
            )),
            None => problems.push(problem("$.format", format!("missing; expected {FORMAT:?}"))),
        }
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(VERSION) => {}
            Some(v) if v > VERSION => problems.push(problem(
                "$.version",
                format!(
                    "version {v} is newer than this Proofdesk reads ({VERSION}); update Proofdesk"
                ),
            )),
            Some(v) => problems.push(problem(
                "$.version",
                format!("version {v} is not supported (expected {VERSION})"),
            )),
            None => problems.push(problem("$.version", "missing or not a whole number")),
        }
        if !problems.is_empty() {
            return Err(FixtureError::Invalid(problems));
        }
        let fixture: Self = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." {
                "$".to_owned()
            } else {
                format!("$.{path}")
            };
            FixtureError::Invalid(vec![problem(path, e.into_inner().to_string())])
        })?;
        let problems = fixture.problems();
        if problems.is_empty() {
            Ok(fixture)
        } else {
            Err(FixtureError::Invalid(problems))
        }
    }

    /// Everything wrong with an already parsed fixture.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let actual = sha256_hex(&self.source.text);
        if actual != self.source.sha256 {
            problems.push(problem(
                "$.source.sha256",
                format!("does not match source.text (text hashes to {actual}); the text was changed after the fixture was made"),
            ));
        }
        let raw: Vec<char> = self.source.text.chars().collect();
        check_articles(&raw, &self.articles, "$.articles", &mut problems);
        check_articles(&raw, &self.proposal, "$.proposal", &mut problems);
        if let Some(review) = &self.review {
            for (i, d) in review.doubts.iter().enumerate() {
                let d = &d.decision;
                let outside = [Some(d.at), d.before, d.after]
                    .into_iter()
                    .flatten()
                    .find(|&o| o >= raw.len());
                if let Some(o) = outside {
                    problems.push(problem(
                        format!("$.review.doubts[{i}]"),
                        format!(
                            "offset {o} is past the end of source.text ({} chars)",
                            raw.len()
                        ),
                    ));
                }
            }
        }
        if self.provenance.tool != "proofdesk" {
            problems.push(problem(
                "$.provenance.tool",
                format!("is {:?}, expected \"proofdesk\"", self.provenance.tool),
            ));
        }
        problems
    }
}

fn check_articles(raw: &[char], articles: &[Article], base: &str, problems: &mut Vec<Problem>) {
    let mut ids = HashSet::new();
    for (ai, article) in articles.iter().enumerate() {
        let apath = format!("{base}[{ai}]");
        if !ids.insert(article.id.as_str()) {
            problems.push(problem(
                format!("{apath}.id"),
                format!("{:?} is used by an earlier article", article.id),
            ));
        }
        if article.blocks.is_empty() {
            problems.push(problem(
                format!("{apath}.blocks"),
                "an article needs at least one block",
            ));
        }
        for (bi, block) in article.blocks.iter().enumerate() {
            let bpath = format!("{apath}.blocks[{bi}]");
            let mut spans_ok = true;
            for (si, span) in block.spans.iter().enumerate() {
                if span.start > span.end || span.end > raw.len() {
                    spans_ok = false;
                    problems.push(problem(
                        format!("{bpath}.spans[{si}]"),
                        format!(
                            "[{}, {}) is not a range inside source.text ({} characters)",
                            span.start,
                            span.end,
                            raw.len()
                        ),
                    ));
                }
            }
            if spans_ok && !block.edited {
                let from_spans = span_glyphs(raw, &block.spans);
                let from_text: String = block.text.chars().filter(|c| !c.is_whitespace()).collect();
                if from_spans != from_text {
                    problems.push(problem(
                        format!("{bpath}.text"),
                        "differs from the raw text under its spans (beyond whitespace) but `edited` is false",
                    ));
                }
            }
        }
    }
}

/// Checks that a proposal covers its raw text exactly.
///
/// Every block's non-whitespace text is the raw text under its spans (nothing dropped,
/// added or reordered), and every non-whitespace raw character lies in
/// exactly one block. True of every automatic proposal; a person's
/// correction may delete text, so this is not part of fixture validation.
#[must_use]
pub fn coverage_problems<A: std::borrow::Borrow<Article>>(
    raw: &[char],
    articles: &[A],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut covered = vec![0_u32; raw.len()];
    for (ai, a) in articles.iter().enumerate() {
        let a: &Article = a.borrow();
        for (bi, b) in a.blocks.iter().enumerate() {
            let path = format!("$.articles[{ai}].blocks[{bi}]");
            let text: String = b.text.chars().filter(|c| !c.is_whitespace()).collect();
            if text != span_glyphs(raw, &b.spans) {
                problems.push(problem(
                    format!("{path}.text"),
                    "differs from the raw text under its spans",
                ));
            }
            if b.text.starts_with(' ') || b.text.ends_with(' ') || b.text.contains("  ") {
                problems.push(problem(
                    format!("{path}.text"),
                    "has a space at an end or two in a row",
                ));
            }
            for s in &b.spans {
                if s.start > s.end || s.end > raw.len() {
                    problems.push(problem(
                        format!("{path}.spans"),
                        "a span lies outside the raw text",
                    ));
                    continue;
                }
                for (i, c) in raw.iter().enumerate().take(s.end).skip(s.start) {
                    if !c.is_whitespace() {
                        covered[i] += 1;
                    }
                }
            }
        }
    }
    for (i, c) in raw.iter().enumerate() {
        if !c.is_whitespace() && covered[i] != 1 {
            problems.push(problem(
                "$.articles",
                format!("raw character {i} ({c:?}) is in {} blocks", covered[i]),
            ));
        }
    }
    problems
}

/// The current time as RFC 3339 UTC (`2026-11-28T17:47:00Z`).
#[must_use]
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since the Unix epoch as RFC 3339 UTC.
#[must_use]
pub fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::{Fixture, rfc3339};
    use crate::doubt::Resolution;
    use crate::edit::Action;
    use crate::edit::tests::seed_editor;

    #[test]
    fn doubts_and_their_resolutions_round_trip() {
        let mut e = seed_editor();
        e.apply(Action::AcceptDoubt(0)).expect("accepts");
        e.apply(Action::FlipDoubt(1)).expect("flips");
        let json = Fixture::from_page(e.page(), "2026-11-28T00:00:00Z")
            .to_json()
            .expect("serialises");
        let page = Fixture::from_json(&json).expect("valid").into_page();
        assert_eq!(page.review, e.page().review);
        assert_eq!(page.review.resolved[0], Some(Resolution::Accepted));
        assert_eq!(page.review.resolved[1], Some(Resolution::Flipped));
    }

    #[test]
    fn an_older_fixture_gets_the_doubts_of_its_proposal() {
        let mut e = seed_editor();
        let k = e.page().review.doubts.len();
        assert!(k > 1);
        let role = e
            .page()
            .review
            .doubts
            .iter()
            .position(|d| d.kind == crate::doubt::Kind::Role);
        let role = role.expect("a role doubt on the seed");
        e.apply(Action::FlipDoubt(role)).expect("flips");
        let mut f = Fixture::from_page(e.page(), "2026-11-28T00:00:00Z");
        f.review = None;
        let page = f.clone().into_page();
        assert_eq!(
            page.review.doubts.len(),
            k,
            "the doubts of the same proposal"
        );
        assert_eq!(page.review.resolved[role], Some(Resolution::Edited));
        assert_eq!(page.review.open_count(), k - 1);
        // A proposal the current rules do not make: no doubts can be told.
        f.proposal.pop();
        assert!(f.into_page().review.doubts.is_empty());
    }

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_888_020), "2026-11-28T17:47:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
