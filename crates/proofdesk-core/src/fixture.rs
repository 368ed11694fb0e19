//! The training fixture, format v1: one JSON file per page that pairs the raw
//! text with the automatic proposal and the human correction. See
//! `docs/fixture-format.md`.

use std::collections::HashSet;
use std::fmt;

use crate::decode::{Encoding, LineEnding};
use std::sync::Arc;

use crate::doubt::{Choice, Decision, Evidence, Flip, Kind, Resolution, Review};
use crate::page::{Article, Page, RawText, Status, sha256_hex, shared, stands_for_raw, unshared};
use crate::picture::UnreadMarks;
use crate::reading::ReadingOrder;

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
    /// Whether the page's lines read on from one to the next, as the
    /// proposal read them (left out where they do: fixtures written before
    /// the check read as in order).
    #[serde(default, skip_serializing_if = "reads_in_order")]
    pub reading_order: ReadingOrder,
}

/// One doubted decision.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "DoubtFields", into = "DoubtFields")]
pub struct DoubtRecord {
    /// The decision (positions are raw char offsets into `source.text`).
    pub decision: Decision,
    /// The rule's confidence, in percent.
    pub confidence_percent: u8,
    /// How the editor settled it; `null` while open.
    pub resolution: Option<Resolution>,
}

/// A [`DoubtRecord`] as stored: the decision's fields and the record's in
/// one flat object. Spelt out rather than `#[serde(flatten)]`, with which
/// serde can refuse neither unknown nor repeated keys. Every field is
/// required; those that may be `null` too.
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DoubtFields {
    kind: Kind,
    #[serde(deserialize_with = "present")]
    before: Option<usize>,
    at: usize,
    #[serde(deserialize_with = "present")]
    after: Option<usize>,
    chosen: Choice,
    alternative: Choice,
    evidence: Evidence,
    /// Absent when plain, and in fixtures written before flips were named
    /// (see [`Flip::of_older_fixture`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flip: Option<Flip>,
    confidence_percent: u8,
    #[serde(deserialize_with = "present")]
    resolution: Option<Resolution>,
}

/// Reads a field that may be `null` but must be there (serde would take a
/// missing `Option` for `None`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer)
}

impl From<DoubtFields> for DoubtRecord {
    fn from(f: DoubtFields) -> Self {
        Self {
            decision: Decision {
                kind: f.kind,
                before: f.before,
                at: f.at,
                after: f.after,
                chosen: f.chosen,
                alternative: f.alternative,
                evidence: f.evidence,
                flip: f.flip.unwrap_or_else(|| Flip::of_older_fixture(f.evidence)),
            },
            confidence_percent: f.confidence_percent,
            resolution: f.resolution,
        }
    }
}

impl From<DoubtRecord> for DoubtFields {
    fn from(r: DoubtRecord) -> Self {
        let d = r.decision;
        Self {
            kind: d.kind,
            before: d.before,
            at: d.at,
            after: d.after,
            chosen: d.chosen,
            alternative: d.alternative,
            evidence: d.evidence,
            flip: Some(d.flip).filter(|f| !f.is_plain()),
            confidence_percent: r.confidence_percent,
            resolution: r.resolution,
        }
    }
}

/// The review of a fixture written before doubts were recorded: the doubts
/// of a fresh proposal, if the current rules make the same proposal, with
/// those the correction already changed settled as edited. Otherwise none.
fn review_of_older_fixture(raw: &RawText, proposal: &[Article], articles: &[Article]) -> Review {
    let fresh = crate::segment::propose_recording(raw, crate::doubt::Record::Doubts);
    if fresh.articles != proposal {
        return Review::default();
    }
    let mut review = Review::of(fresh.decisions).reading(fresh.layout.read_on.order());
    let chars: Vec<char> = raw.text().chars().collect();
    let index = crate::doubt::BlockIndex::new(articles);
    for (d, r) in review.doubts.iter().zip(review.resolved.iter_mut()) {
        if crate::doubt::outcome(articles, &index, &chars, d) != Some(d.chosen) {
            *r = Some(Resolution::Edited);
        }
    }
    review
}

/// Whether a fixture leaves its page's reading order out (serde's test).
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn reads_in_order(r: &ReadingOrder) -> bool {
    r.is_in_order()
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
            reading_order: r.reading,
        }
    }

    fn into_review(self) -> Review {
        Review {
            doubts: Arc::new(self.doubts.iter().map(|d| d.decision).collect()),
            resolved: self.doubts.iter().map(|d| d.resolution).collect(),
            decisions_made: self.decisions_made,
            reading: self.reading_order,
            spot_starts: Arc::default(),
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
    /// For a page read from hOCR or ALTO: where each line and word of
    /// `text` sits on the page image, and each word's confidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<crate::ocr::Geometry>,
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

/// The fields read before the rest of a fixture.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// What is wrong with `format` and `version`.
///
/// # Errors
/// [`FixtureError::Json`] if the text is not JSON at all.
fn head_problems(json: &str) -> Result<Vec<Problem>, FixtureError> {
    let head = match serde_json::from_str::<Head>(json) {
        Ok(head) => head,
        Err(e) if e.is_data() => {
            // Not an object, or `format` or `version` given twice: the full
            // reading names the problem with its path.
            return Ok(Vec::new());
        }
        Err(e) => return Err(FixtureError::Json(e)),
    };
    let mut problems = Vec::new();
    match head.format.as_ref().map(|f| (f, f.as_str())) {
        Some((_, Some(FORMAT))) => {}
        Some((_, Some(other))) => problems.push(problem(
            "$.format",
            format!("is {other:?}, expected {FORMAT:?}"),
        )),
        Some((other, None)) => problems.push(problem(
            "$.format",
            format!("is {other}, expected {FORMAT:?}"),
        )),
        None => problems.push(problem("$.format", format!("missing; expected {FORMAT:?}"))),
    }
    match head.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(VERSION) => {}
        Some(v) if v > VERSION => problems.push(problem(
            "$.version",
            format!("version {v} is newer than this Proofdesk reads ({VERSION}); update Proofdesk"),
        )),
        Some(v) => problems.push(problem(
            "$.version",
            format!("version {v} is not supported (expected {VERSION})"),
        )),
        None => problems.push(problem("$.version", "missing or not a whole number")),
    }
    Ok(problems)
}

/// A deserialisation error as a problem at its JSON path: the path of an
/// unknown or repeated key ends with that key.
/// How many names a message about an unknown one lists, at most.
const UNKNOWN_NAMES_LISTED: usize = 12;

fn invalid(e: serde_path_to_error::Error<serde_json::Error>) -> FixtureError {
    let path = e.path().to_string();
    let mut path = if path == "." {
        "$".to_owned()
    } else {
        format!("$.{path}")
    };
    let inner = e.into_inner();
    if !inner.is_data() {
        return FixtureError::Json(inner);
    }
    let mut message = inner.to_string();
    // A name this build does not know (a newer Proofdesk's rule, role or
    // kind, or a name edited by hand): said so, with the names it knows
    // where they are few (a role, a kind), not the rules' long list.
    if let Some((name, known)) = message
        .strip_prefix("unknown variant `")
        .and_then(|rest| rest.split_once('`'))
    {
        let what = if path.ends_with(".evidence") {
            "rule"
        } else {
            "name"
        };
        let few = known.matches('`').count() <= 2 * UNKNOWN_NAMES_LISTED;
        // Where the problem was found stays said.
        let at = known.rfind(" at line ").map_or("", |i| &known[i..]);
        let listed = if few { known } else { at };
        message = format!("{}{listed}", crate::decision::unknown_name(what, name));
    }
    // serde reports a repeated or missing key at the object holding it.
    if let Some(key) = ["duplicate field `", "missing field `"]
        .into_iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next())
    {
        path.push('.');
        path.push_str(key);
    }
    FixtureError::Invalid(vec![problem(path, message)])
}

/// What is wrong with `text` as the decoded text of a page: decoding turns
/// every line end into `\n` and refuses NUL, other control characters
/// (tab and form feed aside) and U+FFFE, so none of them can be in it.
fn raw_text_problem(text: &str) -> Option<String> {
    let (i, c) = text.chars().enumerate().find(|&(_, c)| {
        c == '\u{FFFE}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}'))
    })?;
    let what = match c {
        '\r' => "a carriage return (U+000D)".to_owned(),
        '\0' => "a NUL character (U+0000)".to_owned(),
        c => format!("the character U+{:04X}", u32::from(c)),
    };
    Some(format!(
        "holds {what} at character {i}, which decoding never leaves in page text (line ends become \\n; NUL and other control characters are refused); make the fixture again from the page file"
    ))
}

/// Why `s` is not an RFC 3339 UTC time as [`rfc3339`] writes it
/// (`2026-11-28T18:40:00Z`; fractional seconds and `+00:00` for `Z` are
/// also read), or `None` if it is one.
fn time_problem(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let shape_ok = b.len() >= 20
        && b.iter().take(19).enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Some("not of the form YYYY-MM-DDTHH:MM:SSZ".to_owned());
    }
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0_u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (number(0, 4), number(5, 7), number(8, 10));
    let (hour, minute, second) = (number(11, 13), number(14, 16), number(17, 19));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Some(format!("month {month:02} is not 01 to 12")),
    };
    if day == 0 || day > month_days {
        return Some(format!("month {month:02} of {year} has no day {day:02}"));
    }
    if hour > 23 || minute > 59 {
        return Some(format!("{hour:02}:{minute:02} is not a time of day"));
    }
    // A leap second is only ever inserted at the end of a UTC day.
    if second > 60 || (second == 60 && (hour, minute) != (23, 59)) {
        return Some(format!("second {second:02} is not 00 to 59"));
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Some("a decimal point without digits after the seconds".to_owned());
        }
        rest = &fraction[digits..];
    }
    match rest {
        "Z" | "+00:00" => None,
        "" => Some("no zone after the time; a UTC time ends in `Z`".to_owned()),
        _ => Some(format!(
            "ends in {rest:?}; a UTC time ends in `Z` (or `+00:00`)"
        )),
    }
}

/// The choices a doubt of `kind` weighs, for messages.
fn choices_of(kind: Kind) -> &'static str {
    match kind {
        Kind::LineEnd => "`join` or `break`",
        Kind::Space => "`remove` or `keep`",
        Kind::Boundary => "`same_article` or `new_article`",
        Kind::Attachment => "`attach_before` or `attach_after`",
        Kind::Role => "a role (`kicker`, `headline`, `body`, …)",
        Kind::Orientation => "`headlines_after` or `headlines_before`",
        Kind::Punctuation => "a mark (`mark_comma`, `mark_full_stop`, `mark_as_read`, …)",
        Kind::Recognition => "`read_right` or `misread`",
    }
}

/// What is wrong with the choices of doubt `i`: each must be a side of the
/// doubt's kind, and the two must differ.
fn check_choices(i: usize, d: &Decision, problems: &mut Vec<Problem>) {
    let mut fit = true;
    for (field, choice) in [("chosen", d.chosen), ("alternative", d.alternative)] {
        if choice.kind() != d.kind {
            fit = false;
            problems.push(problem(
                format!("$.review.doubts[{i}].{field}"),
                format!(
                    "`{}` is not a choice of a `{}` doubt, which weighs {}",
                    choice.name(),
                    d.kind.name(),
                    choices_of(d.kind)
                ),
            ));
        }
    }
    if fit && d.chosen == d.alternative {
        problems.push(problem(
            format!("$.review.doubts[{i}].alternative"),
            format!(
                "is `{}` like `chosen`; the alternative is the competing choice",
                d.chosen.name()
            ),
        ));
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
                ocr: page.raw.geometry().cloned(),
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

    /// The raw text of the page, as it was read: with the OCR engine's
    /// boxes where it came from hOCR or ALTO.
    #[must_use]
    pub fn raw_text(&self) -> RawText {
        let raw = RawText::new(
            &self.source.file_name,
            &self.source.text,
            self.source.encoding,
            self.source.line_ending,
        );
        match &self.source.ocr {
            Some(geometry) => raw.with_geometry(geometry.clone()),
            None => raw,
        }
    }

    /// The review this fixture records, its doubts gathered into spots on
    /// its raw text; `None` for a fixture written before reviews were kept.
    #[must_use]
    pub fn into_recorded_review(self) -> Option<Review> {
        let raw = self.raw_text();
        self.review.map(|r| r.into_review().with_spots(&raw))
    }

    /// The page this fixture describes.
    #[must_use]
    pub fn into_page(self) -> Page {
        let raw = self.raw_text();
        let review = match self.review {
            Some(r) => r.into_review(),
            None => review_of_older_fixture(&raw, &self.proposal, &self.articles),
        }
        .with_spots(&raw);
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

    /// The JSON written to disk ([`Fixture::write_json`]).
    ///
    /// # Errors
    /// Only if serialisation fails, which plain data cannot.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut out = Vec::new();
        self.write_json(&mut out)?;
        // The formatter writes only JSON, which is UTF-8.
        String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
    }

    /// Writes the fixture as JSON to `out`, as it is written to disk: one
    /// key per line down to each block and each doubt, and each block or
    /// doubt on one line (see [`Outline`]), ending with a newline. Streams:
    /// nothing of the size of the output is held in memory.
    ///
    /// # Errors
    /// If `out` fails.
    pub fn write_json<W: std::io::Write>(&self, mut out: W) -> Result<(), serde_json::Error> {
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Outline::default());
        serde::Serialize::serialize(self, &mut ser)?;
        out.write_all(b"\n").map_err(serde_json::Error::io)
    }

    /// Parses and validates a fixture.
    ///
    /// `format` and `version` are checked first, so that a file of another
    /// format or a newer version is named as such; then the whole text is
    /// read straight into the fixture's types, which refuse unknown and
    /// repeated keys at every level.
    ///
    /// # Errors
    /// [`FixtureError::Json`] for text that is not JSON,
    /// [`FixtureError::Invalid`] with every problem found and its JSON path.
    pub fn from_json(json: &str) -> Result<Self, FixtureError> {
        let problems = head_problems(json)?;
        if !problems.is_empty() {
            return Err(FixtureError::Invalid(problems));
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let fixture: Self = serde_path_to_error::deserialize(&mut de).map_err(invalid)?;
        de.end()?;
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
        if let Some(message) = raw_text_problem(&self.source.text) {
            problems.push(problem("$.source.text", message));
        }
        let raw: Vec<char> = self.source.text.chars().collect();
        if let Some(ocr) = &self.source.ocr {
            for message in ocr.problems(raw.len()) {
                problems.push(problem("$.source.ocr", message));
            }
        }
        let marks = self
            .source
            .ocr
            .as_ref()
            .map(UnreadMarks::of)
            .unwrap_or_default();
        let unread = |o| marks.written_after(o);
        check_articles((&raw, &unread), &self.articles, "$.articles", &mut problems);
        check_articles((&raw, &unread), &self.proposal, "$.proposal", &mut problems);
        if let Some(review) = &self.review {
            for (i, d) in review.doubts.iter().enumerate() {
                let d = &d.decision;
                check_choices(i, d, &mut problems);
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
        for (field, time) in [
            ("created", &self.provenance.created),
            ("modified", &self.provenance.modified),
        ] {
            if let Some(why) = time_problem(time) {
                problems.push(problem(
                    format!("$.provenance.{field}"),
                    format!(
                        "{time:?} is not an RFC 3339 UTC time such as \"2026-11-28T18:40:00Z\" ({why})"
                    ),
                ));
            }
        }
        problems
    }
}

/// Checks `articles` against `raw`, where `unread` gives the mark the
/// page picture shows after a glyph that the engine did not read.
fn check_articles(
    (raw, unread): (&[char], &dyn Fn(usize) -> [Option<char>; 3]),
    articles: &[Article],
    base: &str,
    problems: &mut Vec<Problem>,
) {
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
            if spans_ok && !block.edited && !stands_for_raw(raw, &block.spans, &block.text, unread)
            {
                problems.push(problem(
                    format!("{bpath}.text"),
                    "differs from the raw text under its spans (beyond whitespace and repaired punctuation) but `edited` is false",
                ));
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
/// A page read beside its picture may hold marks the engine did not read
/// ([`page_coverage_problems`]); this checks text without them.
#[must_use]
pub fn coverage_problems<A: std::borrow::Borrow<Article>>(
    raw: &[char],
    articles: &[A],
) -> Vec<Problem> {
    coverage_problems_with(raw, articles, &|_| [None; 3])
}

/// [`coverage_problems`] of `page`'s articles, allowing the marks its
/// picture shows that the engine did not read ([`UnreadMarks`]).
#[must_use]
pub fn page_coverage_problems(page: &Page) -> Vec<Problem> {
    let raw: Vec<char> = page.raw.text().chars().collect();
    let marks = page.raw.geometry().map(UnreadMarks::of).unwrap_or_default();
    coverage_problems_with(&raw, &page.articles, &|o| marks.written_after(o))
}

fn coverage_problems_with<A: std::borrow::Borrow<Article>>(
    raw: &[char],
    articles: &[A],
    unread: &dyn Fn(usize) -> [Option<char>; 3],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut covered = vec![0_u32; raw.len()];
    for (ai, a) in articles.iter().enumerate() {
        let a: &Article = a.borrow();
        for (bi, b) in a.blocks.iter().enumerate() {
            let path = format!("$.articles[{ai}].blocks[{bi}]");
            if !stands_for_raw(raw, &b.spans, &b.text, unread) {
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
pub(crate) fn rfc3339(secs: u64) -> String {
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

/// The layout of fixture JSON: one line per block and per doubt.
///
/// The fixture's members, their members, and theirs (articles, doubts), and
/// each article's blocks, go on lines of their own; anything deeper is
/// written compactly. A fixture so reads (and
/// diffs) as one line per block and per doubt, at a fraction of fully
/// pretty JSON's size (which spreads each span over four lines and each
/// doubt over eleven).
#[derive(Debug, Default)]
pub struct Outline {
    /// For each container being written, outermost first: whether its
    /// members go on lines of their own.
    open: Vec<bool>,
    /// Whether the innermost container has a member yet.
    has_value: bool,
}

impl Outline {
    /// Containers this deep or less (the fixture is 1) have their members
    /// on lines of their own, and arrays one level deeper (blocks).
    pub(crate) const OPEN: usize = 3;

    fn open(&self) -> bool {
        self.open.last().copied().unwrap_or(false)
    }

    fn new_line<W: ?Sized + std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b"\n")?;
        for _ in 0..self.open.len() {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
        array: bool,
    ) -> std::io::Result<()> {
        let depth = self.open.len() + 1;
        let open = self.open.iter().all(|&o| o)
            && (depth <= Self::OPEN || (array && depth == Self::OPEN + 1));
        self.open.push(open);
        self.has_value = false;
        out.write_all(bracket)
    }

    fn end<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        let open = self.open.pop().unwrap_or(false);
        if open && self.has_value {
            self.new_line(out)?;
        }
        out.write_all(bracket)
    }

    fn member<W: ?Sized + std::io::Write>(&self, out: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        if self.open() {
            self.new_line(out)?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Outline {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.begin(out, b"[", true)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.end(out, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(out, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.begin(out, b"{", false)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.end(out, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(out, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(if self.open() { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        _out: &mut W,
    ) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Fixture, raw_text_problem, rfc3339, time_problem};
    use crate::doubt::Resolution;
    use crate::edit::Action;
    use crate::edit::tests::{headlines_after_editor, seed_editor};

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
    fn a_page_whose_reading_order_is_lost_says_so_in_its_fixture() {
        use crate::reading::ReadingOrder;
        // The seed page's lines, two stretches of it set row by row.
        let seed = include_str!("../../../tests/data/seed_page.txt");
        let text = crate::reading::set_row_by_row(seed, 2);
        let raw = crate::page::RawText::new(
            "rows.txt",
            &text,
            crate::decode::Encoding::Utf8,
            crate::decode::LineEnding::Lf,
        );
        let page = crate::propose_page(raw);
        assert_eq!(
            page.review.reading,
            ReadingOrder::RowsInterleaved { lag: 2 }
        );
        let json = Fixture::from_page(&page, "2026-12-04T00:00:00Z")
            .to_json()
            .expect("serialises");
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(
            value["review"]["reading_order"],
            serde_json::json!({"rows_interleaved": {"lag": 2}})
        );
        let back = Fixture::from_json(&json).expect("valid").into_page();
        assert_eq!(back.review, page.review);
        // A page in order writes nothing of it, and a fixture without it
        // reads as in order.
        let seed_json = Fixture::from_page(seed_editor().page(), "2026-12-04T00:00:00Z")
            .to_json()
            .expect("serialises");
        assert!(!seed_json.contains("reading_order"));
        let seed_back = Fixture::from_json(&seed_json).expect("valid").into_page();
        assert_eq!(seed_back.review.reading, ReadingOrder::InOrder);
    }

    #[test]
    fn a_doubt_names_its_flip_and_one_read_without_gets_its_rules_flip() {
        use crate::doubt::Flip;
        let e = headlines_after_editor();
        let json = Fixture::from_page(e.page(), "2026-11-28T00:00:00Z")
            .to_json()
            .expect("serialises");
        let named = json.matches(r#""flip":"block_goes_back""#).count();
        assert_eq!(named, 1, "the boundary doubt names its flip");
        let with_flip = |page: &crate::page::Page| {
            page.review
                .doubts
                .iter()
                .filter(|d| d.flip == Flip::BlockGoesBack)
                .count()
        };
        assert_eq!(with_flip(e.page()), named);
        // Plain flips are not written.
        assert!(!json.contains(r#""flip":"plain""#));
        // A fixture written before flips were named.
        let older = json.replace(r#","flip":"block_goes_back""#, "");
        assert!(!older.contains("flip"));
        let page = Fixture::from_json(&older).expect("valid").into_page();
        assert_eq!(page.review, e.page().review);
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

    #[test]
    fn times_as_written_are_read_and_others_refused() {
        // A week, an hour, a minute and a second apart, to 2100.
        for secs in (0..4_102_444_800_u64).step_by(7 * 86_400 + 3_661) {
            let t = rfc3339(secs);
            assert_eq!(time_problem(&t), None, "{t}");
        }
        for good in [
            "2000-02-29T00:00:00Z",
            "2026-11-28T18:40:00.5+00:00",
            "2026-12-31T23:59:60Z",
        ] {
            assert_eq!(time_problem(good), None, "{good}");
        }
        for bad in [
            "1900-02-29T00:00:00Z",
            "2100-02-29T00:00:00Z",
            "2026-00-10T00:00:00Z",
            "2026-01-00T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-11-28T12:59:60Z",
            "2026-11-28T18:40:00-00:00",
            "2026-11-28T18:40:00Zjunk",
            "2026-11-28t18:40:00Z",
            "２026-11-28T18:40:00Z",
            "2026-11-28T18:40:0０Z",
        ] {
            assert!(time_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn raw_text_is_decoded_text() {
        assert_eq!(raw_text_problem("标题\t一\u{c}二\n正文 。\n"), None);
        for (bad, at) in [
            ("ab\rc", 2),
            ("标题\0", 2),
            ("\u{7f}", 0),
            ("正\u{85}", 1),
            ("\u{fffe}", 0),
        ] {
            let problem = raw_text_problem(bad).unwrap_or_default();
            assert!(
                problem.contains(&format!("at character {at},")),
                "{bad:?}: {problem}"
            );
        }
    }
}
