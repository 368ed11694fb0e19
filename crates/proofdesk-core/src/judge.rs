//! The line-level judgements of a page behind one seam.
//!
//! A [`LineJudge`] says of each line of a page what it is: the role of the
//! block it belongs to, whether it starts that block (does the line before
//! it continue into it), and whether it starts another article than the
//! line before it (where articles begin, and so which neighbour a headline
//! stack goes with) — a [`LineTag`] — with how sure it is, from 0 to 1.
//!
//! Two judges exist: [`Rules`], the text rules of `segment` (each tag read
//! from their proposal, its confidence that of the rules' least sure
//! decision on the line), and the learned [`LineModel`] (its Viterbi tag
//! and marginal probability). [`propose`] proposes a page
//! with the rules and then refines their proposal wherever the judge it is
//! given disagrees with them surely enough ([`crate::line_model::ModelCuts`]);
//! with the rules as the judge, nothing changes.

use crate::decision::Record;
use crate::line_model::{
    Change, LineModel, LineStarts, LineTag, ModelCuts, PageLines, page_lines_recording, reconcile,
    refine,
};
use crate::page::RawText;

/// What a judge says of one line: its tag and how sure it is (0–1).
pub type Judged = (LineTag, f64);

/// The tag [`Rules`] gives, at confidence 0, a line no block holds.
const UNHELD: LineTag = LineTag {
    role: crate::role::Role::Body,
    starts_block: true,
    starts_article: false,
};

/// Judges every line of a page.
pub trait LineJudge {
    /// Each line's tag, with the judge's confidence in it, in line order
    /// (one per line of `page`); a confidence of 0 says nothing of the line.
    fn judge(&self, page: &PageLines) -> Vec<Judged>;
}

/// The text rules, as a judge.
///
/// Each line's tag is as their proposal places it, its confidence that of
/// their least sure line-level decision (line end, boundary, attachment,
/// role) kept on the line, else 1; a line no block holds has confidence 0.
#[derive(Clone, Copy, Debug, Default)]
pub struct Rules;

impl LineJudge for Rules {
    fn judge(&self, page: &PageLines) -> Vec<Judged> {
        let starts = LineStarts::of(&page.lines);
        let mut confidence = vec![1.0_f64; page.lines.len()];
        for d in page
            .proposal
            .decisions
            .list
            .iter()
            .filter(|d| d.kind.is_line_level())
        {
            if let Some(c) = starts.line_of(d.at).and_then(|i| confidence.get_mut(i)) {
                *c = c.min(f64::from(d.confidence_percent()) / 100.0);
            }
        }
        page.rules
            .iter()
            .zip(confidence)
            .map(|(tag, c)| match tag {
                Some(tag) => (*tag, c),
                None => (UNHELD, 0.0),
            })
            .collect()
    }
}

impl LineJudge for LineModel {
    fn judge(&self, page: &PageLines) -> Vec<Judged> {
        self.tag(page)
    }
}

/// Proposes `raw` with the rules and refines the proposal with what
/// `judge` (a [`LineModel`]) says of its lines; the decisions (kept as
/// `record` says) are the refined proposal's: see [`reconcile`].
#[must_use]
pub fn propose(
    raw: &RawText,
    judge: &dyn LineJudge,
    cuts: ModelCuts,
    record: Record,
) -> (crate::segment::Proposal, Vec<Change>) {
    // The refinement reads the rules' line-level decisions; the others
    // are kept only as `record` asks.
    let rules_record = if record == Record::All {
        Record::All
    } else {
        Record::Structure
    };
    let page = page_lines_recording(raw, rules_record);
    let tags = judge.judge(&page);
    let mut proposal = page.proposal;
    let refined = refine(
        raw,
        (&page.lines, &page.rules, &tags),
        proposal.articles,
        cuts,
    );
    proposal.articles = refined.articles;
    reconcile(
        (&page.lines, &page.rules, &tags),
        &proposal.articles,
        &mut proposal.decisions,
        cuts,
    );
    if record == Record::Doubts {
        proposal.decisions.record = Record::Doubts;
        proposal.decisions.finish();
    }
    (proposal, refined.changes)
}

#[cfg(test)]
mod tests {
    use super::{LineJudge as _, Rules, propose};
    use crate::decision::{Choice, Decision, Evidence, Kind, Record};
    use crate::doubt::BlockIndex;
    use crate::line_model::tests::{full_line_paragraphs, glyphs, trained_on_full_line_paragraphs};
    use crate::line_model::{CUTS, LineTag, page_lines, refine, tags_of};
    use crate::page::{Block, RawText, trace};

    #[test]
    fn a_model_learns_a_paragraph_convention_the_rules_miss() {
        let (raw, gold) = full_line_paragraphs(11, 5);
        let rules = crate::segment::propose(&raw).0;
        let rule_blocks: usize = rules.iter().map(|a| a.blocks.len()).sum();
        assert!(
            rule_blocks < 5,
            "the rules join some paragraphs: {rule_blocks}"
        );
        let model = trained_on_full_line_paragraphs();
        let (proposal, changes) = propose(&raw, &model, CUTS, Record::Doubts);
        let blocks: Vec<&Block> = proposal.articles.iter().flat_map(|a| &a.blocks).collect();
        assert_eq!(blocks.len(), 5, "one block per paragraph: {blocks:#?}");
        // Every change the model made is the correction's tag of its line.
        let page = page_lines(&raw);
        let want = tags_of(&page.lines, &gold);
        assert!(changes.len() >= 5 - rule_blocks, "{changes:?}");
        for c in &changes {
            let i = page
                .lines
                .iter()
                .position(|l| l.offsets.first() == Some(&c.offset))
                .expect("a change is at a line");
            assert_eq!(Some(c.model), want[i], "{c:?}");
        }
        assert!(blocks.iter().all(|b| b.text.ends_with('。')));
        assert_eq!(glyphs(&proposal.articles), glyphs(&gold), "no glyph lost");
        // Every split block still traces back to its raw text.
        for b in blocks {
            let traced = trace(raw.chars(), &b.text, &b.spans);
            assert!(traced.iter().all(Option::is_some), "{b:?}");
        }
    }

    #[test]
    fn the_decisions_are_the_refined_proposals_with_the_models_confidence() {
        let (raw, _) = full_line_paragraphs(11, 5);
        let model = trained_on_full_line_paragraphs();
        let (proposal, changes) = propose(&raw, &model, CUTS, Record::All);
        assert!(!changes.is_empty());
        let index = BlockIndex::new(&proposal.articles);
        let mut by_model = 0;
        for d in &proposal.decisions.list {
            if matches!(d.kind, Kind::LineEnd | Kind::Boundary | Kind::Role) {
                let now = crate::doubt::outcome(&proposal.articles, &index, raw.chars(), d);
                assert_eq!(now, Some(d.chosen), "{d:?}");
            }
            if matches!(d.evidence, Evidence::ModelSure | Evidence::ModelUnsure)
                && d.kind == Kind::LineEnd
            {
                by_model += 1;
                let c = changes
                    .iter()
                    .find(|c| c.offset == d.at)
                    .expect("a decision the model made is at a line it changed");
                let choice = |t: LineTag| {
                    if t.starts_block {
                        Choice::Break
                    } else {
                        Choice::Join
                    }
                };
                assert_eq!(d.chosen, choice(c.model), "{d:?}");
                assert_eq!(d.alternative, choice(c.rule), "{d:?}");
            }
        }
        let moved = changes
            .iter()
            .filter(|c| c.model.starts_block != c.rule.starts_block)
            .count();
        assert_eq!(
            by_model, moved,
            "one line-end decision per block start moved"
        );
        // Kept as doubts only, the list holds only doubts.
        let (doubts, _) = propose(&raw, &model, CUTS, Record::Doubts);
        assert!(doubts.decisions.list.iter().all(Decision::is_doubt));
        assert_eq!(doubts.decisions.made, proposal.decisions.made);
        // …and they are the doubts of the proposal that keeps every
        // decision: recording only the line-level ones in full changes none.
        let all_doubts: Vec<&Decision> = proposal
            .decisions
            .list
            .iter()
            .filter(|d| d.is_doubt())
            .collect();
        assert_eq!(doubts.decisions.list.iter().collect::<Vec<_>>(), all_doubts);
        assert_eq!(doubts.articles, proposal.articles);
    }

    #[test]
    fn the_rules_as_judge_tag_their_own_proposal_and_refine_nothing() {
        let text = "本报丽水5月4日讯（记者 乔舟）今年以来，全国各地的\n\
                    工作稳步推进，成效明显。\n\
                    据介绍，这项工作从去年开始试点，目前已经在全\n\
                    国推开。\n\
                    试点工作稳步推进\n\
                    本报讯（记者 邵岚）昨天下午，市里召开了一次\n\
                    座谈会。\n";
        let raw = RawText::new(
            "page.txt",
            text,
            crate::decode::Encoding::Utf8,
            crate::decode::LineEnding::Lf,
        );
        let page = page_lines(&raw);
        let judged = Rules.judge(&page);
        assert_eq!(judged.len(), page.lines.len());
        for ((tag, c), rule) in judged.iter().zip(&page.rules) {
            if let Some(rule) = rule {
                assert_eq!(tag, rule);
            }
            assert!((0.0..=1.0).contains(c));
        }
        // One line starts each article.
        assert!(page.proposal.articles.len() >= 2);
        assert_eq!(
            judged.iter().filter(|(t, _)| t.starts_article).count(),
            page.proposal.articles.len()
        );
        let refined = refine(
            &raw,
            (&page.lines, &page.rules, &judged),
            page.proposal.articles.clone(),
            CUTS,
        );
        assert!(refined.changes.is_empty());
        assert_eq!(refined.articles, page.proposal.articles);
    }
}
