//! What a block is on the printed page: its role.

/// What a block is on the printed page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 引题: the line above the headline that gives context.
    Kicker,
    /// 主题: the main title.
    Headline,
    /// 副题: the line below the headline.
    Subheadline,
    /// A byline on its own line (`□本报记者 苗苗`).
    Byline,
    /// A paragraph; the first may begin with its dateline as printed.
    Body,
    /// A heading inside an article (`案情简介：`).
    Subhead,
    /// A photo caption, with its credit.
    Caption,
    /// A source note at the end of an article (`（市生态环境局供稿）`).
    Source,
    /// A section banner (`街道社区谈`).
    Section,
    /// The page header line (`第 3 版 要闻 …`).
    PageHeader,
}

impl Role {
    /// Every role, in the order of the documentation.
    pub const ALL: [Self; 10] = [
        Self::Kicker,
        Self::Headline,
        Self::Subheadline,
        Self::Byline,
        Self::Body,
        Self::Subhead,
        Self::Caption,
        Self::Source,
        Self::Section,
        Self::PageHeader,
    ];

    /// The name used in fixtures.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Kicker => "kicker",
            Self::Headline => "headline",
            Self::Subheadline => "subheadline",
            Self::Byline => "byline",
            Self::Body => "body",
            Self::Subhead => "subhead",
            Self::Caption => "caption",
            Self::Source => "source",
            Self::Section => "section",
            Self::PageHeader => "page_header",
        }
    }

    /// The role for a fixture name, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Whether the role belongs to an article's headline stack.
    #[must_use]
    pub fn is_title(self) -> bool {
        matches!(self, Self::Kicker | Self::Headline | Self::Subheadline)
    }
}
