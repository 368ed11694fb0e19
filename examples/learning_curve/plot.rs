//! The learning curve as a picture: three panels (articles exact,
//! headlines attached, break F1) against the training pages k, one colour
//! per group, the model solid and the rules alone dashed. Drawn with egui's
//! painter and rendered headlessly (`egui_kittest`, wgpu), then saved as PNG.

use std::path::Path;

use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, Shape, Stroke, vec2};
use proofdesk::eval::Scores;

use super::Point;

/// The values of k, in order; each sits at its own x position.
const KS: [usize; 6] = [0, 1, 2, 5, 10, 20];

/// A panel: its title, how a score gives its value, and the y range.
struct Panel {
    title: &'static str,
    value: fn(&Scores) -> f64,
    range: (f64, f64),
    percent: bool,
}

const PANELS: [Panel; 3] = [
    Panel {
        title: "articles exact",
        value: |s| 100.0 * s.articles_exact as f64 / s.articles.max(1) as f64,
        range: (0.0, 100.0),
        percent: true,
    },
    Panel {
        title: "headlines attached",
        value: |s| 100.0 * s.stacks_attached as f64 / s.stacks.max(1) as f64,
        range: (0.0, 100.0),
        percent: true,
    },
    Panel {
        title: "break F1",
        value: Scores::break_f1,
        range: (0.9, 1.0),
        percent: false,
    },
];

const COLOURS: [Color32; 4] = [
    Color32::from_rgb(0x1f, 0x77, 0xb4),
    Color32::from_rgb(0xd6, 0x27, 0x28),
    Color32::from_rgb(0x2c, 0xa0, 0x2c),
    Color32::from_rgb(0x94, 0x67, 0xbd),
];

/// Renders the curve of `points` and writes it to `path` as PNG.
pub fn write(points: &[Point], path: &Path) -> anyhow::Result<()> {
    let mut groups: Vec<&str> = points.iter().map(|p| p.group.as_str()).collect();
    groups.dedup();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(vec2(1500.0, 560.0))
        .wgpu()
        .build_ui(|ui| {
            let full = ui.max_rect();
            ui.painter().rect_filled(full, 0.0, Color32::WHITE);
            ui.painter().text(
                full.center_top() + vec2(0.0, 12.0),
                Align2::CENTER_TOP,
                "Proofdesk line model on devpages: trained on the first k pages of a group, scored on the group's other pages (solid: rules + model; dashed: rules alone, under the solid line where they agree)",
                FontId::proportional(15.0),
                Color32::BLACK,
            );
            let width = (full.width() - 40.0) / 3.0;
            for (i, panel) in PANELS.iter().enumerate() {
                let left = full.left() + 20.0 + width * i as f32;
                let area = Rect::from_min_size(
                    Pos2::new(left + 50.0, full.top() + 70.0),
                    vec2(width - 80.0, 330.0),
                );
                panel_ui(ui.painter(), area, panel, points, &groups);
            }
            legend_ui(ui.painter(), full, &groups);
        });
    harness.run();
    let image = harness
        .render()
        .map_err(|e| anyhow::anyhow!("rendering the plot failed: {e}"))?;
    image.save(path)?;
    Ok(())
}

/// One panel: axes, grid, and a solid and a dashed line per group.
fn panel_ui(painter: &egui::Painter, area: Rect, panel: &Panel, points: &[Point], groups: &[&str]) {
    let grey = Color32::from_gray(200);
    let ink = Color32::from_gray(40);
    let small = FontId::proportional(12.0);
    let (lo, hi) = panel.range;
    let x_of = |k: usize| {
        let i = KS.iter().position(|&x| x == k).unwrap_or(0);
        area.left() + area.width() * i as f32 / (KS.len() - 1) as f32
    };
    let y_of =
        |v: f64| area.bottom() - area.height() * ((v - lo) / (hi - lo)).clamp(0.0, 1.0) as f32;
    painter.text(
        area.center_top() - vec2(0.0, 12.0),
        Align2::CENTER_BOTTOM,
        panel.title,
        FontId::proportional(14.0),
        ink,
    );
    for step in 0..=5 {
        let v = lo + (hi - lo) * f64::from(step) / 5.0;
        let y = y_of(v);
        painter.line_segment(
            [Pos2::new(area.left(), y), Pos2::new(area.right(), y)],
            Stroke::new(1.0, grey),
        );
        let label = if panel.percent {
            format!("{v:.0}%")
        } else {
            format!("{v:.2}")
        };
        painter.text(
            Pos2::new(area.left() - 6.0, y),
            Align2::RIGHT_CENTER,
            label,
            small.clone(),
            ink,
        );
    }
    for k in KS {
        painter.text(
            Pos2::new(x_of(k), area.bottom() + 6.0),
            Align2::CENTER_TOP,
            k.to_string(),
            small.clone(),
            ink,
        );
    }
    painter.text(
        area.center_bottom() + vec2(0.0, 24.0),
        Align2::CENTER_TOP,
        "k, training pages",
        small,
        ink,
    );
    for (g, group) in groups.iter().enumerate() {
        let colour = COLOURS[g % COLOURS.len()];
        let mine: Vec<&Point> = points.iter().filter(|p| p.group == *group).collect();
        let line = |scores: fn(&Point) -> &Scores| -> Vec<Pos2> {
            mine.iter()
                .map(|p| Pos2::new(x_of(p.k), y_of((panel.value)(scores(p)))))
                .collect()
        };
        let model = line(|p| &p.model);
        let rules = line(|p| &p.rules);
        painter.extend(Shape::dashed_line(
            &rules,
            Stroke::new(1.5, colour),
            6.0,
            4.0,
        ));
        painter.add(Shape::line(model.clone(), Stroke::new(2.5, colour)));
        for p in model {
            painter.circle_filled(p, 3.5, colour);
        }
    }
}

/// The groups' colours, under the panels.
fn legend_ui(painter: &egui::Painter, full: Rect, groups: &[&str]) {
    let mut x = full.left() + 70.0;
    let y = full.bottom() - 60.0;
    for (g, group) in groups.iter().enumerate() {
        let colour = COLOURS[g % COLOURS.len()];
        painter.line_segment(
            [Pos2::new(x, y), Pos2::new(x + 30.0, y)],
            Stroke::new(2.5, colour),
        );
        let r = painter.text(
            Pos2::new(x + 38.0, y),
            Align2::LEFT_CENTER,
            *group,
            FontId::proportional(13.0),
            Color32::from_gray(40),
        );
        x = r.right() + 40.0;
    }
}
