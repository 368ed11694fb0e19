//! Shared helpers for integration tests.

pub mod synth;

use proofdesk::eval::place_blocks;
use proofdesk::page::{Article, ArticleKind, Block, Role};

/// The article kind for a generator kind name.
fn kind(name: &str) -> ArticleKind {
    match name {
        "continuation" => ArticleKind::Continuation,
        "section" => ArticleKind::SectionBanner,
        "caption" => ArticleKind::CaptionOnly,
        "page_header" => ArticleKind::PageHeader,
        _ => ArticleKind::Article,
    }
}

/// A generated page's gold as articles, each block placed on the raw text
/// (`raw`: the decoded page as chars). Panics naming any block not found.
pub fn gold_articles(raw: &[char], gold: &[synth::GoldArticle]) -> Vec<Article> {
    let mut articles: Vec<Article> = gold
        .iter()
        .enumerate()
        .map(|(i, a)| Article {
            id: format!("a{}", i + 1),
            kind: kind(a.kind),
            blocks: a
                .blocks
                .iter()
                .map(|b| Block {
                    role: Role::from_name(b.role).expect("the generator uses fixture role names"),
                    text: b.text.clone(),
                    spans: vec![],
                    edited: false,
                })
                .collect(),
        })
        .collect();
    let missing = place_blocks(raw, &mut articles);
    let lost: Vec<&str> = articles
        .iter()
        .flat_map(|a| &a.blocks)
        .filter(|b| b.spans.is_empty())
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(missing, 0, "gold blocks not found in their page: {lost:?}");
    articles
}
