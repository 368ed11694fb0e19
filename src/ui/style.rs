//! Fonts, colours and names shared by the panels.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{self, Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

use crate::i18n::{Lang, Msg};
use crate::page::{ArticleKind, Role, Status};

/// Noto Sans CJK SC, subset to every hanzi in GBK (see `fonts/README.md`).
#[expect(clippy::large_include_file, reason = "the CJK font is the point")]
pub static CJK_FONT: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Proofdesk.otf");

/// Installs the CJK font as the first fallback of both families and sets
/// text sizes that keep hanzi readable.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("cjk".to_owned(), Arc::new(FontData::from_static(CJK_FONT)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        // First fallback: right after the primary Latin font.
        let at = usize::from(!list.is_empty());
        list.insert(at, "cjk".to_owned());
    }
    ctx.set_fonts(fonts);
    let sizes = [
        (TextStyle::Body, FontId::proportional(15.0)),
        (TextStyle::Button, FontId::proportional(15.0)),
        (TextStyle::Monospace, FontId::monospace(15.0)),
        (TextStyle::Small, FontId::proportional(12.0)),
        (TextStyle::Heading, FontId::proportional(20.0)),
    ];
    ctx.all_styles_mut(|style| {
        style.text_styles.extend(sizes.iter().cloned());
        // Hints, counts and labels are weak text: egui's 0.6 of the text
        // colour leaves them at about 2.7:1 on the dark panels; 0.8 keeps
        // them apart from the text and readable.
        style.visuals.weak_text_alpha = WEAK_TEXT_ALPHA;
        // egui's dark text (grey 140 on the panels' 27, 5.1:1) tires the
        // eye over hours of Chinese at 15 px: brighter, about 9:1.
        if style.visuals.dark_mode {
            style.visuals.widgets.noninteractive.fg_stroke.color = DARK_TEXT;
        }
    });
}

/// The text colour of the dark look.
pub const DARK_TEXT: Color32 = Color32::from_gray(190);

/// How strong weak text is against the text colour (egui's default 0.6).
pub const WEAK_TEXT_ALPHA: f32 = 0.8;

/// Remembers which characters the installed fonts can draw.
#[derive(Default)]
pub struct Glyphs {
    known: HashMap<char, bool>,
}

impl Glyphs {
    /// Whether `c` would be drawn as a box: no installed font has it.
    pub fn missing(&mut self, ctx: &egui::Context, c: char) -> bool {
        if c.is_whitespace() || c.is_control() {
            return false;
        }
        *self
            .known
            .entry(c)
            .or_insert_with(|| !ctx.fonts_mut(|f| f.has_glyph(&FontId::proportional(15.0), c)))
    }
}

/// A short tag for a role, shown beside each block.
#[must_use]
pub fn role_tag(role: Role, lang: Lang) -> &'static str {
    lang.get(Msg::role_tag(role))
}

/// The long name of a role (in English with its Chinese newsroom name).
#[must_use]
pub fn role_long_name(role: Role, lang: Lang) -> &'static str {
    lang.get(Msg::role(role))
}

/// The colour of a role's tag.
#[must_use]
pub fn role_color(role: Role) -> Color32 {
    match role {
        Role::Kicker => Color32::from_rgb(0x8e, 0x5c, 0xc8),
        Role::Headline => Color32::from_rgb(0xc8, 0x3c, 0x3c),
        Role::Subheadline => Color32::from_rgb(0xd0, 0x7a, 0x28),
        Role::Byline => Color32::from_rgb(0x1f, 0x95, 0x8b),
        Role::Body => Color32::from_rgb(0x6b, 0x74, 0x80),
        Role::Subhead => Color32::from_rgb(0x2f, 0x6f, 0xc4),
        Role::Caption => Color32::from_rgb(0x3d, 0x9a, 0x48),
        Role::Source => Color32::from_rgb(0x8a, 0x6a, 0x3a),
        Role::Section => Color32::from_rgb(0xb8, 0x3e, 0x9a),
        Role::PageHeader => Color32::from_rgb(0x45, 0x45, 0x45),
    }
}

/// The font size of a block's text: titles stand out as on paper.
#[must_use]
pub fn role_font(role: Role) -> FontId {
    match role {
        Role::Headline => FontId::proportional(21.0),
        Role::Kicker | Role::Subheadline | Role::Section => FontId::proportional(17.0),
        _ => FontId::proportional(15.0),
    }
}

/// A readable name of an article kind.
#[must_use]
pub fn kind_name(kind: ArticleKind, lang: Lang) -> &'static str {
    lang.get(Msg::article_kind(kind))
}

/// The colour of a page status badge, under white text: each at least
/// 4.5:1 against it (WCAG's contrast for small text: 4.95, 5.1 and
/// 5.15:1).
#[must_use]
pub fn status_color(status: Status) -> Color32 {
    match status {
        Status::Auto => Color32::from_rgb(0x70, 0x70, 0x70),
        Status::Draft => Color32::from_rgb(0x9a, 0x62, 0x00),
        Status::Done => Color32::from_rgb(0x25, 0x7d, 0x3c),
    }
}

/// Background of the selected block's raw text.
pub const RAW_HIGHLIGHT: Color32 = Color32::from_rgb(0x3a, 0x5f, 0x9a);
/// Background of the exact raw character behind a clicked corrected one.
pub const RAW_FOCUS: Color32 = Color32::from_rgb(0xd0, 0x8a, 0x18);
/// Background of a character no font can draw.
pub const MISSING_GLYPH: Color32 = Color32::from_rgb(0xb0, 0x20, 0x20);
/// Outline of the selected block.
pub const SELECTION: Color32 = Color32::from_rgb(0x4a, 0x9e, 0xff);
/// Background of the current doubt, in both panes and the strip.
pub const DOUBT: Color32 = Color32::from_rgb(0xff, 0xc8, 0x3d);
/// Background of the other open doubts of the current doubt's spot (A
/// settles them with it): the doubt's amber, faint, under text drawn in
/// the strong text colour.
pub const DOUBT_SPOT: Color32 = Color32::from_rgba_premultiplied(0x50, 0x3f, 0x13, 0x50);
/// A page the proposal cannot read (its reading order is lost): orange,
/// louder than a doubt's amber.
pub const WARNING: Color32 = Color32::from_rgb(0xff, 0x9a, 0x4a);
/// Underline of the current doubt's characters (tells them from the
/// clicked character, which is amber too).
pub const DOUBT_LINE: Color32 = Color32::from_rgb(0xc0, 0x40, 0x00);
/// Underline of the words an OCR engine was unsure of (open recognition
/// doubts), at rest: a rose line, apart from the current doubt's.
pub const UNSURE_LINE: Color32 = Color32::from_rgb(0xe0, 0x5a, 0x78);
/// Background of the find bar's current hit.
pub const FOUND: Color32 = Color32::from_rgb(0x7f, 0xd3, 0xff);
/// Background of the find bar's other hits.
pub const FOUND_OTHER: Color32 = Color32::from_rgb(0x3a, 0x6e, 0x8c);

#[cfg(test)]
mod tests {
    use super::{Color32, Status, status_color};

    /// WCAG's contrast ratio of two sRGB colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let lin = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
        };
        let (hi, lo) = (
            luminance(a).max(luminance(b)),
            luminance(a).min(luminance(b)),
        );
        (hi + 0.05) / (lo + 0.05)
    }

    #[test]
    fn the_dark_look_s_text_and_weak_text_are_readable_on_its_panels() {
        let ctx = eframe::egui::Context::default();
        ctx.set_theme(eframe::egui::ThemePreference::Dark);
        super::install(&ctx);
        let visuals = ctx.style_of(eframe::egui::Theme::Dark).visuals.clone();
        assert!(visuals.dark_mode);
        let panel = visuals.panel_fill;
        let text = visuals.text_color();
        let weak = visuals.weak_text_color();
        // Weak text is drawn blended over the panel (its colour
        // premultiplied by its alpha).
        let blend = |c: Color32| {
            let a = f32::from(c.a()) / 255.0;
            let mix = |f: u8, b: u8| (f32::from(f) + f32::from(b) * (1.0 - a)).round() as u8;
            Color32::from_rgb(
                mix(c.r(), panel.r()),
                mix(c.g(), panel.g()),
                mix(c.b(), panel.b()),
            )
        };
        assert!(
            contrast(text, panel) >= 7.0,
            "text {:.2}:1",
            contrast(text, panel)
        );
        let weak = contrast(blend(weak), panel);
        assert!(weak >= 4.5, "weak text {weak:.2}:1");
    }

    #[test]
    fn every_status_badge_is_readable_under_white_text() {
        for status in [Status::Auto, Status::Draft, Status::Done] {
            let ratio = contrast(Color32::WHITE, status_color(status));
            assert!(ratio >= 4.5, "{status:?}: {ratio:.2}:1");
        }
    }
}
