//! Deterministic generator of synthetic, held-out newspaper pages with gold.
//!
//! Each page imitates text that a PDF/OCR extractor left behind for a
//! Chinese newspaper page: hard-wrapped narrow columns, justification
//! letter-spacing, stray spaces around digits and punctuation, blank lines,
//! headline stacks printed before or after their article, glued lines,
//! captions, section banners and page headers.
//!
//! Body sentences come from the corpus file (JSON Lines, field `text`) which
//! is read at test time; no corpus text is stored in the repository.
//!
//! Gold invariant: every gold block is a contiguous run of the raw page's
//! non-whitespace characters, every raw non-whitespace character belongs to
//! exactly one gold block, and every space in a gold block sits where raw has
//! whitespace. A normalizer therefore only has to delete whitespace or
//! collapse a whitespace run into one space, and to regroup the blocks.

use std::io;
use std::path::Path;

/// One gold block of an article: a role and its corrected text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldBlock {
    /// One of `kicker`, `headline`, `subheadline`, `byline`, `body`,
    /// `subhead`, `caption`, `source`, `section`, `page_header`.
    pub role: &'static str,
    /// Corrected text: no justification spaces, real spaces kept as one space.
    pub text: String,
}

/// One gold article (or caption / section banner / page header item).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldArticle {
    /// One of `article`, `continuation`, `section`, `caption`, `page_header`.
    pub kind: &'static str,
    /// Blocks in reading order: headline stack, byline, body/subheads, source.
    pub blocks: Vec<GoldBlock>,
}

/// A generated page: damaged raw text plus the gold a careful editor produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthPage {
    /// Stable page name, e.g. `synth-0007`.
    pub name: String,
    /// Short human description of the drawn layout parameters.
    pub layout: String,
    /// The page as an extractor would leave it.
    pub raw: String,
    /// Gold articles in the order their bodies appear on the page.
    pub gold: Vec<GoldArticle>,
}

/// Reads the corpus file and builds `count` pages deterministically from `seed`.
///
/// Page `i` depends only on `seed`, `i` and the corpus, so a larger `count`
/// extends the list without changing earlier pages.
///
/// # Errors
///
/// Returns an error if the corpus cannot be read, a line is not valid JSON,
/// or no usable sentence is found.
pub fn build_pages(corpus: &Path, count: usize, seed: u64) -> io::Result<Vec<SynthPage>> {
    let pool = load_corpus(corpus)?;
    Ok((0..count).map(|i| build_page(&pool, seed, i)).collect())
}

/// Placeholder for a real space between a role word and a name (or between
/// names); rendered as ordinary whitespace, replaced by `' '` in gold.
const NAME_SP: char = '\u{1}';

// ---------------------------------------------------------------------------
// Random numbers

/// Small deterministic RNG (`splitmix64`).
struct Rng(u64);

impl Rng {
    /// Seeds the generator.
    const fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// Next 64 random bits.
    const fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (`n` must be positive).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next_u64() % n).unwrap_or_default()
    }

    /// Uniform integer in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `per_mille / 1000`.
    fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille as usize
    }

    /// A uniformly chosen element of a non-empty slice.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Word lists (made up for this generator; not corpus text)

/// Common surnames.
const SURNAMES: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林',
    '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '程', '曹', '袁',
    '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶',
    '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方', '石', '姚', '谭', '廖', '邹',
    '熊', '金', '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史', '顾', '侯', '邵',
];
/// Given-name characters.
const GIVEN: &[char] = &[
    '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明',
    '超', '秀', '霞', '平', '刚', '桂', '英', '华', '玉', '萍', '红', '玲', '芬', '燕', '彬', '鹏',
    '飞', '斌', '宇', '浩', '凯', '健', '俊', '帆', '旭', '宁', '龙', '欣', '昆', '凤', '丹', '娇',
    '峥', '鸿', '嘉', '琳', '樱', '苗', '凌', '庆', '耀', '秋', '晓', '雪', '梅', '兰', '松', '柏',
    '海', '波', '晨', '阳', '璐', '颖', '瑞', '博', '文', '志', '立', '新', '春', '冬', '云', '亮',
];
/// Dateline cities.
const CITIES: &[&str] = &[
    "北京",
    "上海",
    "长沙",
    "郑州",
    "广州",
    "武汉",
    "成都",
    "西安",
    "南京",
    "杭州",
    "济南",
    "沈阳",
    "兰州",
    "昆明",
    "拉萨",
    "南宁",
    "福州",
    "合肥",
    "华盛顿",
    "东京",
    "莫斯科",
    "巴黎",
    "联合国",
];
/// Provinces for paper names.
const PROVINCES: &[&str] = &[
    "河南", "湖北", "四川", "浙江", "安徽", "山东", "陕西", "江西", "福建", "广西", "吉林", "山西",
];
/// Bureaus that supply articles.
const BUREAUS: &[&str] = &[
    "市生态环境局",
    "市教育局",
    "市公安局",
    "市税务局",
    "县委宣传部",
    "市卫生健康委",
    "市总工会",
    "区融媒体中心",
    "市文明办",
    "市农业农村局",
    "市交通运输局",
    "市应急管理局",
    "市自然资源局",
    "县纪委监委",
    "市民政局",
    "市水利局",
];
/// Section banner names.
const BANNERS: &[&str] = &[
    "基层传真",
    "民生关注",
    "法治在线",
    "经济观察",
    "一线见闻",
    "城事速递",
    "乡村振兴",
    "走基层",
    "文化视点",
    "社区新闻",
    "时评",
    "聚焦",
    "要闻",
    "综合新闻",
    "国际视野",
    "科教卫生",
];
/// Two-phrase section slogans.
const SLOGANS: &[(&str, &str)] = &[
    ("奋进新征程", "建功新时代"),
    ("聚焦高质量发展", "书写时代新篇"),
    ("践行初心使命", "服务人民群众"),
    ("深化改革创新", "激发发展活力"),
    ("守护绿水青山", "共建美丽家园"),
    ("办好民生实事", "提升幸福指数"),
];
/// Page section names for page headers.
const SECTIONS: &[&str] = &[
    "要闻", "综合", "城市", "民生", "经济", "文化", "国际", "专版", "理论", "评论", "县区",
];
/// In-article label subheads.
const LABELS: &[&str] = &[
    "案情简介：",
    "查处情况：",
    "基本情况：",
    "主要做法：",
    "工作成效：",
    "典型意义：",
    "记者手记",
    "相关链接",
    "专家点评：",
    "下一步打算：",
];
/// Chinese ordinals for numbered subheads.
const CN_NUM: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八"];
/// Typical kicker endings.
const KICKER_TAILS: &[&str] = &["时强调", "强调", "指出", "表示", "要求"];
/// Latin phrases occasionally inserted into body text.
const LATIN: &[&str] = &[
    "the Belt and Road",
    "Made in China",
    "World Wide Web",
    "Windows 98",
    "WTO",
    "Internet",
    "CEO",
];

// ---------------------------------------------------------------------------
// Corpus

/// Loads usable sentences from the JSON Lines corpus.
fn load_corpus(path: &Path) -> io::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)?;
    let mut pool = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line).map_err(io::Error::other)?;
        if let Some(sentence) = value.get("text").and_then(serde_json::Value::as_str)
            && usable(sentence)
        {
            pool.push(sentence.to_owned());
        }
    }
    if pool.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "corpus holds no usable sentence",
        ));
    }
    Ok(pool)
}

/// Whether a corpus sentence makes a plausible body sentence.
fn usable(s: &str) -> bool {
    let n = s.chars().count();
    let first_ok = s.chars().next().is_some_and(|c| !is_close(c));
    let last_ok = s.chars().last().is_some_and(|c| "。！？”".contains(c));
    (10..=140).contains(&n)
        && first_ok
        && last_ok
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "℃／●▲○△".contains(c))
        && !["本报讯", "日电", "讯（", "新华社", "记者"]
            .iter()
            .any(|w| s.contains(w))
}

/// Whether quotes and brackets in `s` are balanced and properly nested.
fn balanced(s: &str) -> bool {
    let mut stack = Vec::new();
    for c in s.chars() {
        match c {
            '“' | '《' | '（' | '『' | '‘' | '〔' => stack.push(c),
            '”' | '》' | '）' | '』' | '’' | '〕' => {
                let want = match c {
                    '”' => '“',
                    '》' => '《',
                    '）' => '（',
                    '』' => '『',
                    '’' => '‘',
                    _ => '〔',
                };
                if stack.pop() != Some(want) {
                    return false;
                }
            }
            _ => {}
        }
    }
    stack.is_empty()
}

// ---------------------------------------------------------------------------
// Character classes

/// Punctuation that must not start a line.
fn is_close(c: char) -> bool {
    "，。、；：？！）》”’』」〕】…".contains(c)
}

/// Punctuation that must not end a line.
fn is_open(c: char) -> bool {
    "（《“‘『「〔【".contains(c)
}

/// Punctuation that typesetters squeeze to half width.
fn is_compressible(c: char) -> bool {
    "，、；：。“”‘’（）《》〔〕【】『』「」".contains(c)
}

/// Whether `c` is CJK (or other full-width) punctuation.
fn is_cjk_punct(c: char) -> bool {
    is_close(c) || is_open(c) || "—·".contains(c)
}

/// Seed-style letter-spacing: (space before, space after) a character.
const fn ls_sides(c: char) -> (bool, bool) {
    match c {
        '，' | '、' | '；' | '：' | '”' | '’' | '』' | '」' | '（' | '〔' | '【' => {
            (true, false)
        }
        '“' | '‘' | '『' | '「' => (false, true),
        '《' | '〈' | '》' | '〉' | '）' | '〕' | '】' => (false, false),
        _ => (true, true),
    }
}

// ---------------------------------------------------------------------------
// Layout parameters

/// Where blank lines go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Blank {
    /// A blank line after every visual line (like the seed).
    Every,
    /// No blank lines at all.
    Never,
    /// A blank line after each block (paragraph, headline line, ...).
    Para,
}

/// What happens to the first-line paragraph indent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Indent {
    /// Indent lost.
    Lost,
    /// Sometimes kept as ASCII spaces.
    Ascii,
    /// Sometimes kept as ideographic spaces (U+3000).
    Ideographic,
}

/// Per-page drawn parameters.
#[derive(Clone, Debug)]
struct Params {
    /// Column width in CJK cells.
    col: usize,
    /// Headline stacks printed after their article's body.
    after: bool,
    /// Blank-line policy.
    blank: Blank,
    /// CRLF line endings.
    crlf: bool,
    /// Letter-spacing puts spaces on both sides of punctuation.
    both_sides: bool,
    /// Per mille of body lines that are letter-spaced.
    ls_pm: u32,
    /// Per mille of digit/Latin-to-CJK boundaries that get a stray space.
    digit_pm: u32,
    /// Per mille of stray spaces before `”`, `，`, `（` in plain lines.
    stray_pm: u32,
    /// Per mille of role/name real spaces shown as a single space in
    /// letter-spaced lines (indistinguishable from justification, as in the seed).
    name_single_pm: u32,
    /// Indent policy.
    indent: Indent,
    /// Punctuation hangs past the line end (otherwise a glyph is pushed down).
    hang: bool,
    /// Punctuation counts half a cell.
    compress: bool,
    /// Per mille of lines with a trailing space.
    trailing_pm: u32,
    /// Full-width `％` and `．` converted to ASCII.
    ascii_pct: bool,
    /// Page ends with a line break.
    final_newline: bool,
}

impl Params {
    /// Draws a page layout.
    fn draw(rng: &mut Rng) -> Self {
        Self {
            col: rng.range(12, 24),
            after: rng.chance(500),
            blank: rng.pick(&[
                Blank::Every,
                Blank::Every,
                Blank::Never,
                Blank::Never,
                Blank::Para,
            ]),
            crlf: rng.chance(250),
            both_sides: rng.chance(400),
            ls_pm: rng.pick(&[0, 300, 500, 500, 600, 700]),
            digit_pm: rng.pick(&[0, 400, 800, 950]),
            stray_pm: rng.pick(&[0, 40, 120]),
            name_single_pm: rng.pick(&[0, 300, 500]),
            indent: rng.pick(&[
                Indent::Lost,
                Indent::Lost,
                Indent::Ascii,
                Indent::Ideographic,
            ]),
            hang: rng.chance(600),
            compress: rng.chance(400),
            trailing_pm: rng.pick(&[0, 0, 0, 300]),
            ascii_pct: rng.chance(600),
            final_newline: rng.chance(800),
        }
    }

    /// Human-readable summary for `SynthPage::layout`.
    fn describe(&self) -> String {
        let Self {
            col,
            ls_pm,
            digit_pm,
            stray_pm,
            name_single_pm,
            trailing_pm,
            ..
        } = self;
        let headlines = if self.after { "after" } else { "before" };
        let spacing = if self.both_sides {
            "both-sides"
        } else {
            "seed"
        };
        let blank = match self.blank {
            Blank::Every => "yes",
            Blank::Never => "no",
            Blank::Para => "para",
        };
        let eol = if self.crlf { "crlf" } else { "lf" };
        let indent = match self.indent {
            Indent::Lost => "lost",
            Indent::Ascii => "ascii",
            Indent::Ideographic => "ideographic",
        };
        let overflow = if self.hang { "hang" } else { "push" };
        let compress = if self.compress { "yes" } else { "no" };
        format!(
            "col={col} headlines={headlines} spacing={spacing} ls={ls_pm}‰ digits={digit_pm}‰ \
             stray={stray_pm}‰ namesingle={name_single_pm}‰ blanklines={blank} eol={eol} \
             indent={indent} punct={overflow} compress={compress} trailing={trailing_pm}‰"
        )
    }
}

// ---------------------------------------------------------------------------
// Content model

/// One article as planned (text fields use `NAME_SP` for role/name spaces).
#[derive(Clone, Debug, Default)]
struct ArticleSpec {
    /// `article` or `continuation`.
    kind: &'static str,
    /// 引题.
    kicker: Option<String>,
    /// 主题, and the char index where it is broken over two lines.
    headline: Option<(String, Option<usize>)>,
    /// 副题.
    sub: Option<String>,
    /// Own-line byline.
    byline: Option<String>,
    /// Body paragraphs and in-article subheads, in order.
    paras: Vec<(&'static str, String)>,
    /// Source note.
    source: Option<String>,
}

/// One item of the page in page order.
#[derive(Clone, Debug)]
enum Item {
    /// Page header fields.
    Header(Vec<String>),
    /// Section banner, optionally preceded by a two-phrase slogan.
    Section(Option<(String, String)>, String),
    /// Caption text and photo credit.
    Caption(String, String),
    /// A news article.
    Article(ArticleSpec),
}

/// A rendered raw line.
#[derive(Clone, Debug, Default)]
struct Line {
    /// Text without line ending.
    text: String,
    /// Last line of a block (paragraph, headline line, ...).
    block_end: bool,
    /// Headline-like line after which a blank line is sometimes skipped.
    stack: bool,
    /// Glue the next line onto this one (no line break).
    glue: bool,
}

/// A unit of text for wrapping and rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Unit {
    /// One full-width character.
    Glyph(char),
    /// An unbreakable run of ASCII graphic characters.
    Ascii(String),
    /// A real space; `name` marks role/name separators.
    Space {
        /// Separator between a role word and a name or between names.
        name: bool,
    },
}

/// Splits text into units.
fn units(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for c in text.chars() {
        if c == ' ' || c == NAME_SP {
            out.push(Unit::Space { name: c == NAME_SP });
        } else if c.is_ascii_graphic() {
            if let Some(Unit::Ascii(run)) = out.last_mut() {
                run.push(c);
            } else {
                out.push(Unit::Ascii(c.to_string()));
            }
        } else {
            out.push(Unit::Glyph(c));
        }
    }
    out
}

/// Width of a unit in half cells.
fn width(unit: &Unit, compress: bool) -> usize {
    match unit {
        Unit::Glyph(c) if compress && is_compressible(*c) => 1,
        Unit::Glyph(_) => 2,
        Unit::Ascii(run) => run.chars().count(),
        Unit::Space { .. } => 1,
    }
}

/// Whether the unit is punctuation that must not start a line.
fn unit_close(unit: &Unit) -> bool {
    matches!(unit, Unit::Glyph(c) if is_close(*c))
}

/// Whether the unit is punctuation that must not end a line.
fn unit_open(unit: &Unit) -> bool {
    matches!(unit, Unit::Glyph(c) if is_open(*c))
}

/// Whether the unit is an ASCII run.
const fn unit_ascii(unit: Option<&Unit>) -> bool {
    matches!(unit, Some(Unit::Ascii(_)))
}

/// Whether the unit is a CJK glyph that is not punctuation.
fn unit_hanzi(unit: &Unit) -> bool {
    matches!(unit, Unit::Glyph(c) if !is_cjk_punct(*c))
}

/// Hard-wraps units: `first` and `rest` are line widths in half cells.
fn wrap(items: &[Unit], first: usize, rest: usize, p: &Params) -> Vec<Vec<Unit>> {
    let mut lines: Vec<Vec<Unit>> = Vec::new();
    let mut cur: Vec<Unit> = Vec::new();
    let mut used = 0;
    for unit in items {
        let limit = if lines.is_empty() { first } else { rest };
        let w = width(unit, p.compress);
        if cur.is_empty() {
            let attach = matches!(unit, Unit::Space { .. }) || unit_close(unit);
            if let (true, Some(prev)) = (attach, lines.last_mut()) {
                prev.push(unit.clone());
                continue;
            }
            cur.push(unit.clone());
            used = w;
            continue;
        }
        if used + w <= limit {
            cur.push(unit.clone());
            used += w;
            continue;
        }
        if matches!(unit, Unit::Space { .. }) || (p.hang && unit_close(unit)) {
            cur.push(unit.clone());
            lines.push(std::mem::take(&mut cur));
            continue;
        }
        // Push-down: move the last glyph (with any closing punctuation or
        // real space after it) to the next line so that it does not start
        // with closing punctuation or leave an opening one dangling.
        let mut carry = Vec::new();
        let push_down = unit_close(unit) || cur.last().is_some_and(unit_open);
        while push_down && cur.len() > 1 {
            let Some(last) = cur.pop() else { break };
            let more = unit_close(&last) || matches!(last, Unit::Space { .. });
            carry.insert(0, last);
            if !more {
                break;
            }
        }
        lines.push(std::mem::take(&mut cur));
        cur = carry;
        cur.push(unit.clone());
        used = cur.iter().map(|u| width(u, p.compress)).sum();
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

// ---------------------------------------------------------------------------
// Page builder

/// Builds one page.
fn build_page(pool: &[String], seed: u64, index: usize) -> SynthPage {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    // Warm up so that neighbouring indexes diverge immediately.
    rng.next_u64();
    let p = Params::draw(&mut rng);
    let mut page = Page { rng, pool, p };
    let items = page.plan();
    let raw = page.render(&items);
    let gold = gold_of_page(&items, page.p.after);
    SynthPage {
        name: format!("synth-{index:04}"),
        layout: page.p.describe(),
        raw,
        gold,
    }
}

/// Generation state for one page.
struct Page<'a> {
    /// Page RNG.
    rng: Rng,
    /// Corpus sentences.
    pool: &'a [String],
    /// Layout parameters.
    p: Params,
}

impl Page<'_> {
    // -- text pieces --------------------------------------------------------

    /// A random person name of 2–3 hanzi.
    fn name(&mut self) -> String {
        let mut s = String::new();
        s.push(self.rng.pick(SURNAMES));
        for _ in 0..self.rng.range(1, 2) {
            s.push(self.rng.pick(GIVEN));
        }
        s
    }

    /// Applies per-page character conventions to corpus text.
    fn adapt(&self, s: &str) -> String {
        if self.p.ascii_pct {
            s.replace('％', "%").replace('．', ".")
        } else {
            s.to_owned()
        }
    }

    /// A random corpus sentence with per-page conventions applied.
    fn corpus_sentence(&mut self) -> String {
        let i = self.rng.below(self.pool.len());
        self.adapt(&self.pool[i])
    }

    /// A corpus sentence, occasionally with a Latin phrase.
    fn sentence(&mut self) -> String {
        let mut s = self.corpus_sentence();
        if self.rng.chance(25) {
            let latin = self.rng.pick(LATIN);
            if let Some((pos, _)) = s.char_indices().find(|&(_, c)| c == '，') {
                s.insert_str(pos, &format!("（{latin}）"));
            }
        }
        s
    }

    /// A clause of `min..=max` chars cut from a corpus sentence.
    fn clause(&mut self, min: usize, max: usize) -> String {
        for _ in 0..300 {
            let s = self.corpus_sentence();
            let parts: Vec<&str> = s.split(|c| "，。；：！？".contains(c)).collect();
            let part = self.rng.pick(&parts);
            let n = part.chars().count();
            let starts_ok = part.chars().next().is_some_and(|c| !is_cjk_punct(c));
            if (min..=max).contains(&n) && balanced(part) && starts_ok {
                return part.to_owned();
            }
        }
        "综合新闻".to_owned()
    }

    /// A date like `3月5日`.
    fn date(&mut self) -> String {
        let m = self.rng.range(1, 12);
        let d = self.rng.range(1, 28);
        format!("{m}月{d}日")
    }

    /// A headline: one clause, or two phrases separated by a real space.
    fn headline(&mut self) -> (String, Option<usize>) {
        if self.rng.chance(250) {
            let a = self.clause(4, 10);
            let b = self.clause(4, 10);
            return (format!("{a} {b}"), None);
        }
        let text = self.clause(8, 20);
        let chars: Vec<char> = text.chars().collect();
        if chars.len() < 10 || !self.rng.chance(200) {
            return (text, None);
        }
        let mid = chars.len() / 2;
        let mut k = self.rng.range(mid - 2, mid + 2);
        while k < chars.len() - 1
            && (is_close(chars[k])
                || is_open(chars[k - 1])
                || (chars[k].is_ascii_graphic() && chars[k - 1].is_ascii_graphic()))
        {
            k += 1;
        }
        (text, Some(k))
    }

    /// A kicker (引题).
    fn kicker(&mut self) -> String {
        let mut s = self.clause(6, 16);
        if self.rng.chance(500) {
            s.push_str(self.rng.pick(KICKER_TAILS));
        }
        s
    }

    /// A subheadline (副题).
    fn subheadline(&mut self) -> String {
        let s = self.clause(6, 18);
        if self.rng.chance(200) {
            format!("——{s}")
        } else {
            s
        }
    }

    /// The opening of the first paragraph, or an own-line byline.
    fn opening(&mut self) -> (String, Option<String>) {
        let sp = NAME_SP;
        let a = self.name();
        let b = self.name();
        let roll = self.rng.below(100);
        let date = if self.rng.chance(600) {
            let when = self.rng.pick(&["", "", "上午", "下午", "晚"]);
            format!("{}{when}，", self.date())
        } else {
            String::new()
        };
        let xinhua = |page: &mut Self| {
            let city = page.rng.pick(CITIES);
            let names = if page.rng.chance(400) {
                format!("{a}{sp}{b}")
            } else {
                a.clone()
            };
            format!("新华社{city}{}电（记者{sp}{names}）", page.date())
        };
        match roll {
            0..=29 => (format!("本报讯（记者{sp}{a}）{date}"), None),
            30..=44 => (
                format!("本报讯（记者{sp}{a}{sp}通讯员{sp}{b}）{date}"),
                None,
            ),
            45..=49 => (format!("本报讯（通讯员{sp}{b}）{date}"), None),
            50..=59 => (format!("据{}", xinhua(self)), None),
            60..=67 => (xinhua(self), None),
            68..=74 => {
                let prov = self.rng.pick(PROVINCES);
                (format!("据{prov}日报消息 {date}"), None)
            }
            75..=87 => {
                let byline = match self.rng.below(4) {
                    0 => format!("□本报记者{sp}{a}"),
                    1 => format!("□本报记者{sp}{a}{sp}通讯员{sp}{b}"),
                    2 => format!("■记者{sp}{a}"),
                    _ => format!("本报记者{sp}{a}{sp}{b}"),
                };
                (String::new(), Some(byline))
            }
            _ => (String::new(), None),
        }
    }

    /// A paragraph of 1–4 sentences (stops early once it is long).
    fn paragraph(&mut self) -> String {
        let n = self.rng.pick(&[1, 1, 2, 2, 2, 3, 3, 4]);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(&self.sentence());
            if text.chars().count() > 150 {
                break;
            }
        }
        text
    }

    /// An in-article subhead; `nth` numbers numbered styles.
    fn subhead(&mut self, style: usize, nth: usize) -> String {
        let num = CN_NUM[nth.min(CN_NUM.len() - 1)];
        match style {
            0 => self.rng.pick(LABELS).to_owned(),
            1 => format!("{num}、{}", self.clause(6, 14)),
            2 => format!("（{num}）{}", self.clause(6, 14)),
            _ => self.clause(12, 26),
        }
    }

    /// Plans one article.
    fn article(&mut self, continuation: bool) -> ArticleSpec {
        let mut art = ArticleSpec {
            kind: if continuation {
                "continuation"
            } else {
                "article"
            },
            ..ArticleSpec::default()
        };
        if !continuation || self.rng.chance(500) {
            art.kicker = self.rng.chance(250).then(|| self.kicker());
            art.headline = Some(self.headline());
            art.sub = self.rng.chance(250).then(|| self.subheadline());
        }
        let (mut first, byline) = if continuation {
            let marker = self
                .rng
                .pick(&["（上接第一版）", "（上接1版）", "（上接第二版）"]);
            (marker.to_owned(), None)
        } else {
            self.opening()
        };
        art.byline = byline;
        first.push_str(&self.paragraph());
        art.paras.push(("body", first));
        let style = self.rng.below(4);
        let mut nth = 0;
        for _ in 1..self.rng.range(1, 5) {
            if self.rng.chance(150) {
                let head = self.subhead(style, nth);
                art.paras.push(("subhead", head));
                nth += 1;
            }
            let para = self.paragraph();
            art.paras.push(("body", para));
        }
        let tail = self.rng.pick(&["（下转第二版）", "（下转4版）"]);
        if self.rng.chance(50)
            && let Some((_, last)) = art.paras.last_mut()
        {
            last.push_str(tail);
        }
        if self.rng.chance(120) {
            let src = match self.rng.below(5) {
                0 => "（本报综合）".to_owned(),
                1 => "（据新华社电）".to_owned(),
                _ => format!("（{}供稿）", self.rng.pick(BUREAUS)),
            };
            art.source = Some(src);
        }
        art
    }

    /// Plans a page header line.
    fn header(&mut self) -> Vec<String> {
        let n = self.rng.range(1, 8);
        let y = self.rng.range(2019, 2025);
        let date = format!("{y}年{}", self.date());
        let week = format!(
            "星期{}",
            self.rng.pick(&["一", "二", "三", "四", "五", "六", "日"])
        );
        let sec = self.rng.pick(SECTIONS).to_owned();
        let editor = format!("责任编辑：{}", self.name());
        match self.rng.below(3) {
            0 => vec![format!("第{n}版"), sec, date, week, editor],
            1 => vec![date, week, format!("第0{n}版：{sec}"), editor],
            _ => {
                let prov = self.rng.pick(PROVINCES);
                vec![format!("{prov}日报"), date, format!("第{n}版"), sec]
            }
        }
    }

    /// Plans a caption and its credit.
    fn caption(&mut self) -> (String, String) {
        let mut text = self.clause(8, 20);
        text.push_str(self.rng.pick(&["", "现场", "活动现场", "一角", "掠影"]));
        if self.rng.chance(200) {
            text.insert_str(0, "图为");
        } else if self.rng.chance(100) {
            text.insert(0, '▲');
        }
        let sp = NAME_SP;
        let a = self.name();
        let credit = match self.rng.below(5) {
            0 => format!("{a}{sp}摄"),
            1 => format!("本报通讯员{sp}{a}{sp}摄"),
            2 => format!("新华社记者{sp}{a}{sp}摄"),
            _ => format!("本报记者{sp}{a}{sp}摄"),
        };
        (text, credit)
    }

    /// Plans the page's items.
    fn plan(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        if self.rng.chance(300) {
            items.push(Item::Header(self.header()));
        }
        let n = self.rng.range(3, 8);
        for k in 0..n {
            if self.rng.chance(100) {
                let slogan = self.rng.chance(500).then(|| {
                    let (a, b) = self.rng.pick(SLOGANS);
                    (a.to_owned(), b.to_owned())
                });
                items.push(Item::Section(slogan, self.rng.pick(BANNERS).to_owned()));
            }
            let continuation = self.rng.chance(if k == 0 { 300 } else { 60 });
            items.push(Item::Article(self.article(continuation)));
            if self.rng.chance(120) {
                let (text, credit) = self.caption();
                items.push(Item::Caption(text, credit));
            }
        }
        items
    }

    // -- rendering ----------------------------------------------------------

    /// Whitespace for a real space between `prev` and `next` in a line.
    fn gap(&mut self, name: bool, ls: bool, prev: Option<&Unit>, next: Option<&Unit>) -> String {
        let (Some(prev), Some(next)) = (prev, next) else {
            return " ".to_owned();
        };
        let wide = if self.rng.chance(300) { "   " } else { "  " };
        if matches!((prev, next), (Unit::Ascii(_), Unit::Ascii(_))) {
            return if ls && self.rng.chance(500) {
                "  "
            } else {
                " "
            }
            .to_owned();
        }
        if ls {
            let single = name && self.rng.chance(self.p.name_single_pm);
            return if single { " " } else { wide }.to_owned();
        }
        if unit_ascii(Some(prev)) || unit_ascii(Some(next)) || self.rng.chance(150) {
            return wide.to_owned();
        }
        " ".to_owned()
    }

    /// Separator between two adjacent non-space units.
    fn sep(&mut self, a: &Unit, b: &Unit, ls: bool) -> &'static str {
        if ls {
            if self.p.both_sides {
                return " ";
            }
            let after = match a {
                Unit::Glyph(c) => ls_sides(*c).1,
                _ => true,
            };
            let before = match b {
                Unit::Glyph(c) => ls_sides(*c).0,
                _ => true,
            };
            return if after && before { " " } else { "" };
        }
        let digit_edge =
            (unit_ascii(Some(a)) && unit_hanzi(b)) || (unit_hanzi(a) && unit_ascii(Some(b)));
        if digit_edge && self.rng.chance(self.p.digit_pm) {
            return " ";
        }
        let stray_target = matches!(b, Unit::Glyph('”' | '，' | '（'));
        if stray_target && !unit_close(a) && self.rng.chance(self.p.stray_pm) {
            return " ";
        }
        ""
    }

    /// Renders one line of units, letter-spaced or plain.
    fn render_line(&mut self, line: &[Unit], ls: bool) -> String {
        let mut out = String::new();
        for (i, unit) in line.iter().enumerate() {
            match unit {
                Unit::Space { name } => {
                    let prev = i.checked_sub(1).and_then(|j| line.get(j));
                    let gap = self.gap(*name, ls, prev, line.get(i + 1));
                    out.push_str(&gap);
                }
                Unit::Glyph(c) => out.push(*c),
                Unit::Ascii(run) => out.push_str(run),
            }
            if let Some(next) = line.get(i + 1)
                && !matches!(unit, Unit::Space { .. })
                && !matches!(next, Unit::Space { .. })
            {
                let sep = self.sep(unit, next, ls);
                out.push_str(sep);
            }
        }
        out
    }

    /// Renders a hard-wrapped paragraph (body, subhead, byline, source).
    fn para_lines(&mut self, text: &str, indent: bool, ls_pm: u32) -> Vec<Line> {
        let cells = self.p.col * 2;
        let first = if indent { cells - 4 } else { cells };
        let wrapped = wrap(&units(text), first, cells, &self.p);
        let count = wrapped.len();
        let mut out = Vec::new();
        for (i, line) in wrapped.iter().enumerate() {
            let ls = self.rng.chance(ls_pm);
            let mut s = self.render_line(line, ls);
            if i == 0 && indent {
                let kept = match self.p.indent {
                    Indent::Lost => "",
                    Indent::Ascii => self.rng.pick(&["", " ", "  ", "    "]),
                    Indent::Ideographic => self.rng.pick(&["", "　　", "　"]),
                };
                s.insert_str(0, kept);
            }
            if self.rng.chance(self.p.trailing_pm) {
                s.push(' ');
            }
            out.push(Line {
                text: s,
                block_end: i + 1 == count,
                ..Line::default()
            });
        }
        out
    }

    /// Renders one unwrapped headline-like line.
    fn stack_line(&mut self, text: &str) -> Line {
        let ls = self.rng.chance(150);
        Line {
            text: self.render_line(&units(text), ls),
            block_end: true,
            stack: true,
            glue: false,
        }
    }

    /// Renders an article's headline stack.
    fn stack_lines(&mut self, art: &ArticleSpec) -> Vec<Line> {
        let mut out = Vec::new();
        if let Some(kicker) = &art.kicker {
            out.push(self.stack_line(kicker));
        }
        if let Some((headline, split)) = &art.headline {
            match split {
                Some(k) => {
                    let top: String = headline.chars().take(*k).collect();
                    let bottom: String = headline.chars().skip(*k).collect();
                    out.push(self.stack_line(&top));
                    out.push(self.stack_line(&bottom));
                }
                None => out.push(self.stack_line(headline)),
            }
        }
        if let Some(sub) = &art.sub {
            out.push(self.stack_line(sub));
        }
        out
    }

    /// Renders an article; returns its lines and whether its first line is
    /// body text and its last line is part of a headline stack.
    fn article_lines(&mut self, art: &ArticleSpec) -> (Vec<Line>, bool, bool) {
        let stack = self.stack_lines(art);
        let has_stack = !stack.is_empty();
        let mut out = Vec::new();
        if !self.p.after {
            out.extend(stack.iter().cloned());
        }
        if let Some(byline) = &art.byline {
            let ls_pm = self.p.ls_pm / 4;
            out.extend(self.para_lines(byline, false, ls_pm));
        }
        let body_start = out.len();
        for (role, text) in &art.paras {
            let indent = *role == "body" || self.rng.chance(500);
            let ls_pm = self.p.ls_pm;
            out.extend(self.para_lines(text, indent, ls_pm));
        }
        if let Some(source) = &art.source {
            out.extend(self.para_lines(source, false, 0));
        }
        if self.p.after {
            out.extend(stack);
        }
        let starts_with_body = body_start == 0;
        (out, starts_with_body, self.p.after && has_stack)
    }

    /// Renders a non-article item.
    fn item_lines(&mut self, item: &Item) -> Vec<Line> {
        match item {
            Item::Article(_) => Vec::new(),
            Item::Header(fields) => {
                let mut parts = Vec::new();
                for field in fields {
                    parts.push(self.render_line(&units(field), false));
                }
                let gap = self.rng.pick(&[" ", " ", "  ", "   ", "　"]);
                vec![stack_text(parts.join(gap))]
            }
            Item::Section(slogan, banner) => {
                let mut out = Vec::new();
                if let Some((a, b)) = slogan {
                    let gap = self.rng.pick(&[" ", "  ", "   ", "　"]);
                    out.push(stack_text(format!("{a}{gap}{b}")));
                }
                let spaced: Vec<String> = banner.chars().map(String::from).collect();
                let gap = if self.rng.chance(800) { " " } else { "  " };
                out.push(stack_text(spaced.join(gap)));
                out
            }
            Item::Caption(text, credit) => {
                let ls = self.rng.chance(100);
                let head = self.render_line(&units(text), ls);
                let tail = self.render_line(&units(credit), false);
                let gap = self.rng.pick(&["   ", "   ", "  ", "    ", "　", " "]);
                vec![stack_text(format!("{head}{gap}{tail}"))]
            }
        }
    }

    /// Renders the whole page.
    fn render(&mut self, items: &[Item]) -> String {
        let mut lines: Vec<Line> = Vec::new();
        let mut prev_ends_with_stack = false;
        for item in items {
            let (item_lines, starts_with_body, ends_with_stack) = match item {
                Item::Article(art) => self.article_lines(art),
                _ => (self.item_lines(item), false, false),
            };
            if prev_ends_with_stack
                && starts_with_body
                && self.rng.chance(250)
                && let Some(last) = lines.last_mut()
            {
                last.glue = true;
            }
            lines.extend(item_lines);
            prev_ends_with_stack = ends_with_stack;
        }
        self.assemble(&lines)
    }

    /// Joins lines with line breaks and blank lines.
    fn assemble(&mut self, lines: &[Line]) -> String {
        let mut out = String::new();
        let mut glued = false;
        for (i, line) in lines.iter().enumerate() {
            out.push_str(if glued {
                line.text.trim_start()
            } else {
                &line.text
            });
            glued = line.glue;
            if glued {
                continue;
            }
            let last = i + 1 == lines.len();
            if last && !self.p.final_newline {
                break;
            }
            out.push('\n');
            let blank = match self.p.blank {
                Blank::Every => !(line.stack && self.rng.chance(300)),
                Blank::Never => false,
                Blank::Para => line.block_end,
            };
            if blank && !last {
                out.push('\n');
            }
        }
        if self.p.crlf {
            out = out.replace('\n', "\r\n");
        }
        out
    }
}

/// A stand-alone one-line block (headline-like: blank line may be skipped).
const fn stack_text(text: String) -> Line {
    Line {
        text,
        block_end: true,
        stack: true,
        glue: false,
    }
}

// ---------------------------------------------------------------------------
// Gold

/// A gold block from planned text.
fn block(role: &'static str, text: &str) -> GoldBlock {
    GoldBlock {
        role,
        text: text.replace(NAME_SP, " "),
    }
}

/// The gold of a page. A caption printed right after an article's running
/// text belongs to that article (as on the extracted pages of
/// `../shared/devpages`); one printed after a headline stack, or after
/// anything but an article, stands apart.
fn gold_of_page(items: &[Item], after: bool) -> Vec<GoldArticle> {
    let mut gold: Vec<GoldArticle> = Vec::new();
    let mut prev_ends_with_text = false;
    for item in items {
        match item {
            Item::Caption(..) if prev_ends_with_text => {
                if let (Some(last), GoldArticle { blocks, .. }) = (gold.last_mut(), gold_of(item)) {
                    last.blocks.extend(blocks);
                }
            }
            _ => gold.push(gold_of(item)),
        }
        prev_ends_with_text = match item {
            Item::Article(art) => {
                let has_stack = art.kicker.is_some() || art.headline.is_some() || art.sub.is_some();
                !(after && has_stack)
            }
            _ => false,
        };
    }
    gold
}

/// Gold article for one planned item.
fn gold_of(item: &Item) -> GoldArticle {
    match item {
        Item::Header(fields) => GoldArticle {
            kind: "page_header",
            blocks: vec![block("page_header", &fields.join(" "))],
        },
        Item::Section(slogan, banner) => {
            let mut blocks = Vec::new();
            if let Some((a, b)) = slogan {
                blocks.push(block("section", &format!("{a} {b}")));
            }
            blocks.push(block("section", banner));
            GoldArticle {
                kind: "section",
                blocks,
            }
        }
        Item::Caption(text, credit) => GoldArticle {
            kind: "caption",
            blocks: vec![block("caption", &format!("{text} {credit}"))],
        },
        Item::Article(art) => {
            let mut blocks = Vec::new();
            blocks.extend(art.kicker.as_deref().map(|t| block("kicker", t)));
            blocks.extend(art.headline.as_ref().map(|(t, _)| block("headline", t)));
            blocks.extend(art.sub.as_deref().map(|t| block("subheadline", t)));
            blocks.extend(art.byline.as_deref().map(|t| block("byline", t)));
            blocks.extend(art.paras.iter().map(|(role, t)| block(role, t)));
            blocks.extend(art.source.as_deref().map(|t| block("source", t)));
            GoldArticle {
                kind: art.kind,
                blocks,
            }
        }
    }
}
