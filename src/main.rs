//! The `proofdesk` command line.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use proofdesk::fixture::{Fixture, now_rfc3339};
use proofdesk::io::{read_fixture, read_page_with};

/// `eprintln!` of one line with its control characters escaped
/// ([`escape_controls`]): the line names files the user chose, whose names
/// may hold an escape or a line feed.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", escape_controls(&format!($($arg)*)))
    };
}

/// mimalloc: the proposal allocates a few small vectors per raw line, and
/// the system allocator spent a third of `normalize`'s time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Proofdesk: a correction desk for OCR / PDF-extracted Chinese newspaper pages.
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<CliCommand>,
    /// A page to open in the desk (the GUI), or a folder of pages to work
    /// through as a queue; if none, the folder remembered from the last run,
    /// else the bundled sample page.
    page: Option<PathBuf>,
    /// Do not write drafts by themselves (then unsaved changes are asked about).
    #[arg(long)]
    no_autosave: bool,
    /// Open the window, render a few frames, save a PNG of it here and exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// Select this block at start, `ARTICLE.BLOCK` counted from 1 (e.g. `3.1`).
    #[arg(long, value_name = "A.B", value_parser = parse_block)]
    select: Option<(usize, usize)>,
    /// Start editing the selected block (for screenshots).
    #[arg(long)]
    edit: bool,
    /// Open the find bar on this text, at its first hit (for screenshots).
    #[arg(long, value_name = "TEXT")]
    find: Option<String>,
    /// The window's size in points, `WIDTHxHEIGHT` (default 1600x1000).
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    window_size: Option<(f32, f32)>,
    /// The desk's language for this run: `en` (English) or `zh` (简体中文).
    /// Without it, the one chosen in the View menu, else the system
    /// locale's (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with `zh`: Chinese).
    #[arg(long, value_name = "en|zh", value_parser = parse_lang)]
    lang: Option<proofdesk::i18n::Lang>,
    /// Refine each page's proposal with this line model (`proofdesk
    /// train`); without it, a queue folder's own model
    /// (`.proofdesk/model.crfsuite`) when it has one, else the rules alone.
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
}

fn parse_lang(s: &str) -> Result<proofdesk::i18n::Lang, String> {
    proofdesk::i18n::Lang::from_code(s)
        .ok_or_else(|| format!("{s:?}: the desk speaks `en` (English) or `zh` (简体中文)"))
}

fn parse_size(s: &str) -> Result<(f32, f32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s:?}: write the size as WIDTHxHEIGHT, e.g. 1280x720"))?;
    let w: f32 = w.parse().map_err(|e| format!("{w:?}: {e}"))?;
    let h: f32 = h.parse().map_err(|e| format!("{h:?}: {e}"))?;
    // `nan` and `inf` parse as numbers: no window is that size.
    if !(w.is_finite() && h.is_finite() && w <= 16384.0 && h <= 16384.0) {
        return Err(format!(
            "{s}: write the size in points, at most 16384x16384"
        ));
    }
    if w < 640.0 || h < 400.0 {
        return Err(format!("{s}: the window needs at least 640x400"));
    }
    Ok((w, h))
}

fn parse_block(s: &str) -> Result<(usize, usize), String> {
    let (a, b) = s
        .split_once('.')
        .ok_or("expected ARTICLE.BLOCK, e.g. 3.1")?;
    let a: usize = a.parse().map_err(|e| format!("{a:?}: {e}"))?;
    let b: usize = b.parse().map_err(|e| format!("{b:?}: {e}"))?;
    if a == 0 || b == 0 {
        return Err("articles and blocks are counted from 1".to_owned());
    }
    Ok((a - 1, b - 1))
}

#[derive(Subcommand, Debug)]
enum CliCommand {
    /// Propose the correction of a page and print it.
    ///
    /// With `--out DIR`, normalizes every PAGE (and every page in a PAGE
    /// folder) in parallel into one `NAME.proofdesk.json` fixture each. A
    /// fixture already there that holds a correction (draft or done), or
    /// that cannot be read, is kept as it is; an `auto` one is replaced. A
    /// page open in a desk is left to it, and a file named that is no page
    /// (a fixture, backup, lock file or picture) is skipped; both are named.
    Normalize {
        /// The raw page(s) (UTF-8, UTF-16 with or without BOM, GB18030 or Big5), or folders with `--out`.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// `json`: a fixture with status `auto`; `text`: the corrected page only.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write one fixture per page into this folder instead of printing.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// With `--out`: make the proposal of draft and done fixtures anew
        /// with the current rules, keeping their correction, review and
        /// status (not if their page has changed since).
        #[arg(long, requires = "out")]
        refresh_proposal: bool,
        /// Refine the rules' proposal with this line model (made by
        /// `proofdesk train`); a model that cannot be used is named and the
        /// rules alone propose.
        #[arg(long, value_name = "MODEL")]
        model: Option<PathBuf>,
    },
    /// Learn a line model from the `done` fixtures under each folder: the
    /// newspaper's conventions where the rules miss them.
    ///
    /// Writes MODEL (a `CRFsuite` file) and its manifest beside it (MODEL with the
    /// extension `json`: the pages trained on, by name and SHA-256). Reports
    /// pages, lines and, with `--folds K`, how many lines a model trained
    /// without them tags as their correction does, against the rules.
    Train {
        /// Folders of fixtures.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(long, value_name = "MODEL")]
        out: PathBuf,
        /// Cross-validate over this many folds, trained alongside the model
        /// on the other cores (0: do not).
        #[arg(long, default_value_t = 4)]
        folds: usize,
    },
    /// Correct one misreading on many pages: every place where FROM stands,
    /// on each page as it stands (its fixture, else its proposal).
    ///
    /// Lists each page with its places in context; with `--apply`, writes
    /// each page's fixture with the places corrected (a draft; the fixture
    /// it replaces kept as `.bak`). Pages open in a desk, or whose fixture
    /// is for other text, are left as they are and named.
    Correct {
        /// The text as misread (two chars at least, no whitespace; or one
        /// ASCII mark read for Chinese characters, `-` for `一`, corrected
        /// where it stands inside Chinese text).
        #[arg(long)]
        from: String,
        /// The text it becomes (not empty, no whitespace).
        #[arg(long)]
        to: String,
        /// Pages, or folders of pages.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// Write the corrections (without it, only list them).
        #[arg(long)]
        apply: bool,
    },
    /// Check fixture files; prints one line per file, exits 1 if any is invalid.
    Validate {
        /// Fixture files.
        #[arg(required = true)]
        fixtures: Vec<PathBuf>,
    },
    /// Export every `done` fixture under DIR (recursively) as JSON Lines on stdout.
    Export {
        /// Folder of fixtures.
        dir: PathBuf,
        /// `pairs`: one record per page; `articles`: per article; `lines`: per raw line.
        #[arg(long, value_enum)]
        format: ExportKind,
    },
    /// Run the current normalizer on every `done` fixture under DIR and score
    /// its proposal against the human correction.
    Eval {
        /// Folder of fixtures.
        dir: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also print how the proposal's decisions fared, by kind and by rule.
        #[arg(long)]
        decisions: bool,
        /// Score the rules' proposal refined by this line model.
        #[arg(long, value_name = "MODEL")]
        model: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ExportKind {
    Pairs,
    Articles,
    Lines,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("proofdesk: {}", error_line(&e));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(CliCommand::Normalize {
            pages,
            out: Some(out),
            refresh_proposal,
            model,
            ..
        }) => normalize_batch(
            &pages,
            &out,
            if refresh_proposal {
                proofdesk::batch::Corrected::RefreshProposal
            } else {
                proofdesk::batch::Corrected::Keep
            },
            model.as_deref().and_then(usable_model).as_ref(),
        ),
        Some(CliCommand::Normalize {
            pages,
            format,
            model,
            ..
        }) => {
            let [page] = pages.as_slice() else {
                anyhow::bail!(
                    "{} pages given; print one page at a time, or write them all with --out DIR",
                    pages.len()
                )
            };
            normalize_one(page, format, model.as_deref())
        }
        Some(CliCommand::Export { dir, format }) => {
            let format = match format {
                ExportKind::Pairs => proofdesk::export::ExportFormat::Pairs,
                ExportKind::Articles => proofdesk::export::ExportFormat::Articles,
                ExportKind::Lines => proofdesk::export::ExportFormat::Lines,
            };
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let n = proofdesk::export::write_jsonl(&dir, format, &mut out)?;
            std::io::Write::flush(&mut out).context("writing the export")?;
            say!("proofdesk: {n} records from {}", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(CliCommand::Eval {
            dir,
            json,
            decisions,
            model,
        }) => {
            let model = model.as_deref().and_then(usable_model);
            eval(&dir, json, decisions, model.as_ref())
        }
        Some(CliCommand::Train { dirs, out, folds }) => train(&dirs, &out, folds),
        Some(CliCommand::Correct {
            from,
            to,
            pages,
            apply,
        }) => correct(&from, &to, &pages, apply),
        Some(CliCommand::Validate { fixtures }) => {
            let mut failed = false;
            for path in fixtures {
                match read_fixture(&path) {
                    Ok(f) => {
                        let blocks: usize = f.articles.iter().map(|a| a.blocks.len()).sum();
                        print_out(&escape_controls(&format!(
                            "ok: {} ({}, {} articles, {} blocks)",
                            path.display(),
                            f.status.name(),
                            f.articles.len(),
                            blocks
                        )))?;
                        print_out("\n")?;
                    }
                    Err(e) => {
                        failed = true;
                        say!("invalid: {e}");
                    }
                }
            }
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        None => run_desk(cli),
    }
}

/// `correct --from A --to B PAGE...`: lists, or with `apply` makes, the
/// correction on every page where `from` stands; exits 1 if a page with
/// `from` on it was left as it was.
fn correct(from: &str, to: &str, inputs: &[PathBuf], apply: bool) -> anyhow::Result<ExitCode> {
    use proofdesk::concordance::{Correction, correct_pages, in_pages};
    let correction = Correction::parse(from, to).context("--from/--to refused")?;
    let pages = collected_pages(inputs)?;
    let (hits, skipped) = in_pages(&pages, &correction);
    for (page, e) in &skipped {
        say!("proofdesk: left {}: {e}", page.display());
    }
    let mut out = String::new();
    for h in &hits {
        out.push_str(&escape_controls(&format!(
            "{} ({}): {} place(s)",
            h.page.display(),
            h.status.name(),
            h.places.len()
        )));
        out.push('\n');
        for o in &h.places {
            // A mark read for a character, where the character makes no
            // word: listed, left (`correct` takes the likely places only).
            let left = if correction.likely_at(o) {
                ""
            } else {
                " (left: no word reads across it)"
            };
            out.push_str(&format!("  …{}[{from}→{to}]{}…{left}\n", o.before, o.after));
        }
    }
    let places: usize = hits.iter().map(|h| h.places.len()).sum();
    print_out(&out)?;
    let mut failed = !skipped.is_empty();
    if apply {
        let targets: Vec<PathBuf> = hits.iter().map(|h| h.page.clone()).collect();
        let mut corrected = (0, 0);
        for (page, result) in
            correct_pages(&targets, &correction, &proofdesk::fixture::now_rfc3339())
        {
            match result {
                Ok(n) => corrected = (corrected.0 + usize::from(n > 0), corrected.1 + n),
                Err(e) => {
                    failed = true;
                    say!("proofdesk: left {}: {e}", page.display());
                }
            }
        }
        say!(
            "corrected {} place(s) on {} page(s) of {}",
            corrected.1,
            corrected.0,
            pages.len()
        );
    } else {
        say!(
            "{places} place(s) on {} page(s) of {}; run again with --apply to correct them",
            hits.len(),
            pages.len()
        );
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The pages `inputs` name ([`proofdesk::batch::collect_pages`]), saying
/// which files named one by one are no pages and are left out.
fn collected_pages(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let collected = proofdesk::batch::collect_pages(inputs)?;
    for path in &collected.not_pages {
        say!(
            "proofdesk: skipped {}: not a page (a fixture, its backup or lock file, a picture, or a hidden or ~ file)",
            path.display()
        );
    }
    Ok(collected.pages)
}

/// `normalize PAGE`: the page's proposal on standard output, as text or a
/// fixture; its warnings on standard error ([`proofdesk::batch::warnings_of`]).
fn normalize_one(path: &Path, format: Format, model: Option<&Path>) -> anyhow::Result<ExitCode> {
    let model = model.and_then(usable_model);
    let page = read_page_with(path, model.as_ref())?;
    for why in proofdesk::batch::warnings_of(&page, path) {
        say!("proofdesk: warning: {why}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = match format {
        Format::Text => out.write_all(page.to_text().as_bytes()),
        Format::Json => Fixture::from_page(&page, &now_rfc3339())
            .write_json(&mut out)
            .map_err(std::io::Error::from),
    }
    .and_then(|()| out.flush());
    stdout_written(written, "the page").map(|()| ExitCode::SUCCESS)
}

/// `normalize --out DIR PAGE...`: fixtures in parallel, with a progress bar
/// on a terminal; exits 1 if a page failed or a fixture was left as it was
/// for the user to look at (unreadable, or stale when refreshing).
fn normalize_batch(
    inputs: &[PathBuf],
    out: &std::path::Path,
    corrected: proofdesk::batch::Corrected,
    model: Option<&proofdesk::line_model::LineModel>,
) -> anyhow::Result<ExitCode> {
    let pages = collected_pages(inputs)?;
    let bar = indicatif::ProgressBar::new(pages.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages, {per_sec}, eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let report = proofdesk::batch::normalize_pages(&pages, out, corrected, model, &|| bar.inc(1))?;
    bar.finish_and_clear();
    for e in &report.failed {
        say!("proofdesk: {e}");
    }
    for why in &report.warnings {
        say!("proofdesk: warning: {why}");
    }
    for e in &report.damaged {
        say!("proofdesk: kept as it is: {e}; repair it or move it away, then run again");
    }
    for path in &report.stale {
        say!(
            "proofdesk: kept as it is: {}: its page has changed since the fixture was made, so its proposal was not refreshed; open the page in the desk to check the correction",
            path.display()
        );
    }
    for (path, holder) in &report.open {
        say!(
            "proofdesk: left as it is: {}: its page is open in a desk ({holder}); run again once it is closed",
            path.display()
        );
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let refreshed = if corrected == proofdesk::batch::Corrected::RefreshProposal {
        format!(
            "; refreshed {}, {} stale",
            plural(report.refreshed, "proposal", "proposals"),
            report.stale.len(),
        )
    } else {
        String::new()
    };
    say!(
        "proofdesk: {} written to {} in {:.2} s; kept {} and {}{refreshed}; {} open in a desk; {} failed",
        plural(report.written, "fixture", "fixtures"),
        out.display(),
        started.elapsed().as_secs_f64(),
        plural(report.kept, "corrected page", "corrected pages"),
        plural(
            report.damaged.len(),
            "unreadable fixture",
            "unreadable fixtures"
        ),
        report.open.len(),
        report.failed.len()
    );
    Ok(
        if report.failed.is_empty()
            && report.damaged.is_empty()
            && report.stale.is_empty()
            && report.open.is_empty()
        {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}

/// Opens the desk window; returns when it is closed.
fn run_desk(cli: Cli) -> anyhow::Result<ExitCode> {
    use proofdesk::app::{DeskApp, StartOptions};
    use proofdesk::edit::BlockRef;
    use std::sync::Arc;

    no_huge_pages();

    let screenshot_result: proofdesk::app::ScreenshotResult = Arc::default();
    let screenshot = cli.screenshot.clone();
    let title = cli.page.as_ref().map_or_else(
        || format!("Proofdesk — {}", proofdesk::app::SAMPLE_NAME),
        |p| format!("Proofdesk — {}", proofdesk::io::file_name(p)),
    );
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("proofdesk")
            .with_inner_size(cli.window_size.map_or([1600.0, 1000.0], <[f32; 2]>::from))
            .with_min_inner_size([640.0, 400.0]),
        renderer: eframe::Renderer::Glow,
        persist_window: screenshot.is_none(),
        // Screenshots start from the default layout, never from what the
        // user left in their own window.
        persistence_path: screenshot.as_ref().map(|_| {
            std::env::temp_dir().join(format!("proofdesk-screenshot-{}.ron", std::process::id()))
        }),
        ..Default::default()
    };
    let screenshot_storage = options.persistence_path.clone();
    // End-to-end tests type keys into the real window through this
    // (e.g. `PROOFDESK_SCRIPT="s 2"`): they go through the same key handling.
    let script = match std::env::var("PROOFDESK_SCRIPT") {
        Ok(text) => text
            .split_whitespace()
            .map(proofdesk::command::parse_shortcut)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow::anyhow!("PROOFDESK_SCRIPT: {e}"))?,
        Err(_) => Vec::new(),
    };
    let shutdown = proofdesk::app::Shutdown::default();
    watch_shutdown_signals(&shutdown)?;
    rescue_at_exit(&shutdown);
    let start = StartOptions {
        shutdown: Some(shutdown.clone()),
        trace_states: std::env::var_os("PROOFDESK_TRACE_STATES").map(PathBuf::from),
        page: cli.page,
        screenshot: cli.screenshot,
        screenshot_result: Some(screenshot_result.clone()),
        select: cli.select.map(|(a, b)| BlockRef::new(a, b)),
        edit: cli.edit,
        find: cli.find,
        autosave: (!cli.no_autosave).then_some(proofdesk::autosave::DEFAULT_DELAY),
        queue_page: None,
        model: cli.model,
        script,
        lang: cli.lang,
    };
    let outcome = eframe::run_native(
        "proofdesk",
        options,
        Box::new(move |cc| Ok(Box::new(DeskApp::new(cc, start)))),
    );
    // The window is gone. If it went without the desk closing (the display
    // was lost), write what the desk last held unsaved.
    if !shutdown.finished.load(std::sync::atomic::Ordering::SeqCst)
        && let Some(note) = shutdown.rescue_now()
    {
        say!("proofdesk: the window closed unexpectedly; {note}");
    }
    outcome.map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    if let Some(file) = &screenshot_storage {
        let _ignored = std::fs::remove_file(file);
    }
    if let Some(path) = screenshot {
        let outcome = screenshot_result.lock().ok().and_then(|mut r| r.take());
        match outcome {
            Some(Ok(())) => println!("saved {}", escape_controls(&path.display().to_string())),
            Some(Err(e)) => anyhow::bail!(e),
            None => anyhow::bail!("the window closed before the screenshot was taken"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// SIGTERM, SIGINT and SIGHUP (logout, shutdown, Ctrl+C) ask the desk to
/// save a draft and close. If it has not done so within a few seconds (a
/// window that is not drawing), the page it last published is written
/// here and the process ends.
fn watch_shutdown_signals(shutdown: &proofdesk::app::Shutdown) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use std::sync::atomic::Ordering;

    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])
        .context("cannot watch for shutdown signals")?;
    let shutdown = shutdown.clone();
    std::thread::Builder::new()
        .name("proofdesk-signals".to_owned())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            shutdown.requested.store(true, Ordering::SeqCst);
            if let Some(ctx) = shutdown.ctx.get() {
                ctx.request_repaint();
            }
            let asked = std::time::Instant::now();
            while asked.elapsed() < std::time::Duration::from_secs(4) {
                if shutdown.finished.load(Ordering::SeqCst) {
                    // Saved; give the window a moment to close by itself.
                    std::thread::sleep(std::time::Duration::from_secs(3));
                    end_process(128 + signal);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            if let Some(note) = shutdown.rescue_now() {
                say!("proofdesk: signal {signal}: {note}");
            }
            end_process(128 + signal);
        })
        .context("cannot start the signal watcher")?;
    Ok(())
}

/// The desk's shutdown handle, for [`write_rescue_at_exit`]: a C exit
/// handler takes no arguments, so this one place holds it.
static EXIT_RESCUE: std::sync::OnceLock<proofdesk::app::Shutdown> = std::sync::OnceLock::new();

/// The desk lives long and holds little: no transparent huge pages for it.
/// mimalloc asks the kernel for them on its arenas (`madvise`), which
/// speeds a short `normalize` but makes every arena the desk touches 2 MB
/// resident: the sample page peaked at 159 MB with them, 143 MB without
/// (budget 150 MB), the 100 MB page at 478–482 MB against 467 MB.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    #[expect(
        unsafe_code,
        reason = "prctl is the only way to turn huge pages off for a running process"
    )]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a flag
    // of this process; it touches no memory of ours.
    let _status = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    // Where it fails (a kernel before 3.15, a sandbox that forbids it) the
    // desk works as well, with more memory: nothing the editor can act on,
    // so nothing is said.
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

/// Losing the display ends the process inside Xlib (its I/O error handler
/// prints "X connection … broken" and calls `exit`), with no way back into
/// the desk. `exit` still runs the C exit handlers: this one writes what
/// the desk last published as unsaved, unless the desk closed normally.
fn rescue_at_exit(shutdown: &proofdesk::app::Shutdown) {
    if EXIT_RESCUE.set(shutdown.clone()).is_err() {
        return;
    }
    #[expect(
        unsafe_code,
        reason = "atexit is the only hook left when Xlib exits on a lost display"
    )]
    // SAFETY: `write_rescue_at_exit` is an `extern "C" fn()` with no
    // arguments that never unwinds across the boundary (it catches panics);
    // `atexit` only records its address.
    let failed = unsafe { libc::atexit(write_rescue_at_exit) } != 0;
    if failed {
        say!(
            "proofdesk: cannot register the exit handler; a lost display may lose the last seconds of work"
        );
    }
}

extern "C" fn write_rescue_at_exit() {
    let outcome = std::panic::catch_unwind(|| {
        let shutdown = EXIT_RESCUE.get()?;
        if shutdown.finished.load(std::sync::atomic::Ordering::SeqCst) {
            return None;
        }
        shutdown.rescue_now()
    });
    if let Ok(Some(note)) = outcome {
        say!("proofdesk: the desk ended without closing (display lost?); {note}");
    }
}

/// Ends the process from the signal thread once the work is safe.
#[expect(
    clippy::exit,
    reason = "the signal thread ends a desk that did not close by itself"
)]
fn end_process(code: i32) -> ! {
    std::process::exit(code)
}

/// The line model at `path`, or `None` after saying why it cannot be used
/// (the rules then propose alone).
fn usable_model(path: &Path) -> Option<proofdesk::line_model::LineModel> {
    match proofdesk::line_model::LineModel::load(path) {
        Ok((model, _)) => Some(model),
        Err(e) => {
            say!(
                "proofdesk: {}; the rules alone propose",
                error_line(&anyhow::Error::new(e))
            );
            None
        }
    }
}

fn train(dirs: &[PathBuf], out: &Path, folds: usize) -> anyhow::Result<ExitCode> {
    use proofdesk::line_model::{self, CUTS};
    let fixtures = proofdesk::training::done_pages(dirs)?;
    let started = std::time::Instant::now();
    let bar = indicatif::ProgressBar::new(fixtures.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("pages read");
    let (pages, manifest) = proofdesk::training::training_set(&fixtures, || bar.inc(1));
    let folds = if folds >= 2 && pages.len() >= folds {
        folds
    } else {
        0
    };
    // The folds and the model itself are trained at once, on every core.
    bar.set_length(folds as u64 + 1);
    bar.set_position(0);
    bar.set_message(if folds > 0 {
        "models trained (the folds' and the one on every page)"
    } else {
        "training on every page"
    });
    let (model, held) = line_model::train_and_cross_validate(&pages, folds, CUTS, || bar.inc(1))?;
    bar.finish_and_clear();
    model.save(out, &manifest)?;
    let mut report = format!(
        "trained on {} pages ({} lines) in {:.1} s: {} and {}\n",
        manifest.pages.len(),
        manifest.lines,
        started.elapsed().as_secs_f64(),
        out.display(),
        line_model::manifest_path(out).display()
    );
    match held {
        Some(h) => report.push_str(&format!(
            "{}-fold cross-validation, lines tagged as corrected (role, block start, article start): rules {:.1}%, model {:.1}% ({} lines)\n",
            h.folds,
            100.0 * h.rules_right as f64 / h.lines.max(1) as f64,
            100.0 * h.model_right as f64 / h.lines.max(1) as f64,
            h.lines
        )),
        None => report.push_str("not cross-validated (fewer pages than folds, or --folds 0)\n"),
    }
    print_out(&report)?;
    Ok(ExitCode::SUCCESS)
}

/// `proofdesk eval`: scores the current normalizer against the done fixtures.
fn eval(
    dir: &Path,
    json: bool,
    decisions: bool,
    model: Option<&proofdesk::line_model::LineModel>,
) -> anyhow::Result<ExitCode> {
    let fixtures = proofdesk::export::done_fixtures(dir)?;
    anyhow::ensure!(
        !fixtures.is_empty(),
        "no `done` fixtures under {}; mark pages done in the desk first",
        dir.display()
    );
    let mut total = proofdesk::eval::Scores::default();
    let mut rows = Vec::new();
    for (id, f) in &fixtures {
        let s = proofdesk::eval::eval_fixture_with(f, model);
        total.add(&s);
        rows.push((id.clone(), s));
    }
    let mut out = String::new();
    if json {
        let pages: Vec<_> = rows
            .iter()
            .map(|(id, s)| serde_json::json!({ "page": id, "scores": s.to_json() }))
            .collect();
        out = format!(
            "{}\n",
            serde_json::json!({ "pages": pages, "total": total.to_json() })
        );
    } else {
        out.push_str(proofdesk::eval::Scores::table_header());
        out.push('\n');
        for (id, s) in &rows {
            out.push_str(&s.table_row(id));
            out.push('\n');
        }
        out.push_str(&total.table_row("**total**"));
        out.push('\n');
        out.push_str(&format!(
            "\ncharacter error rate against the corrected text: raw {:.2}%, proposal {:.2}% ({} and {} edits in {} characters)\n",
            100.0 * total.text.raw_rate(),
            100.0 * total.text.proposal_rate(),
            total.text.raw_edits,
            total.text.proposal_edits,
            total.text.chars
        ));
        #[expect(clippy::cast_precision_loss, reason = "page counts are small")]
        let per_page = |n: usize| n as f64 / rows.len().max(1) as f64;
        out.push_str(&format!(
            "doubts: {} ({:.1} per page) in {} spots ({:.1} per page; the desk stops once at the doubts on neighbouring lines)\n",
            total.decisions.doubts,
            per_page(total.decisions.doubts),
            total.decisions.spots,
            per_page(total.decisions.spots),
        ));
        if decisions {
            out.push_str(&format!("\n{}\n", total.decisions.table()));
            out.push_str(&proofdesk::eval::evidence_table(&fixtures));
        }
    }
    print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn block_argument() {
        assert_eq!(super::parse_block("3.1"), Ok((2, 0)));
        assert!(super::parse_block("0.1").is_err());
        assert!(super::parse_block("3").is_err());
    }

    #[test]
    fn window_size_argument() {
        assert_eq!(super::parse_size("1280x720"), Ok((1280.0, 720.0)));
        for bad in [
            "nanxnan",
            "infx720",
            "1280xinf",
            "100000x720",
            "600x400",
            "1280",
        ] {
            assert!(super::parse_size(bad).is_err(), "{bad}");
        }
    }
}

/// The one line `main` prints for an error: its message, then each cause
/// whose text the line does not hold yet (the library's messages already
/// name their cause), with control characters escaped (see
/// [`escape_controls`]).
/// Writes `text` to standard output; a reader that stopped early
/// (`| head`) is not an error.
fn print_out(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    stdout_written(written, "the report")
}

/// The result of writing `what` to standard output: a closed pipe (the
/// reader stopped early, `| head`) is success, anything else an error
/// that names what was being written.
fn stdout_written(written: std::io::Result<()>, what: &str) -> anyhow::Result<()> {
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).with_context(|| format!("writing {what} to standard output")),
    }
}

fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    escape_controls(&line)
}

/// `text` with control characters (escape, line feed, bell, …) and the
/// bidirectional-text controls written as Rust escapes (`\u{1b}`, `\n`):
/// a file name cannot colour, move or rewrite the terminal, nor break the
/// error onto a second line.
fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        );
        if c.is_control() || bidi {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod error_tests {
    use super::{error_line, escape_controls};

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let os = std::io::Error::from(std::io::ErrorKind::NotFound);
        let reason = os.to_string();
        let e = anyhow::Error::new(os).context(format!("cannot read x.txt: {reason}"));
        assert_eq!(error_line(&e), format!("cannot read x.txt: {reason}"));
        let e = anyhow::anyhow!("disk full").context("cannot write y.json");
        assert_eq!(error_line(&e), "cannot write y.json: disk full");
        let e = anyhow::anyhow!("a").context("b: a").context("cannot save");
        assert_eq!(error_line(&e), "cannot save: b: a", "each text once");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape_controls("cannot read a\u{1b}[31mred.txt"),
            "cannot read a\\u{1b}[31mred.txt"
        );
        assert_eq!(
            escape_controls("two\nlines\r\t\u{7f}"),
            "two\\nlines\\r\\t\\u{7f}"
        );
        assert_eq!(
            escape_controls("\u{9b}31m"),
            "\\u{9b}31m",
            "C1 controls too"
        );
        assert_eq!(
            escape_controls("evil\u{202e}txt.exe"),
            "evil\\u{202e}txt.exe"
        );
        assert_eq!(
            escape_controls("鹤壁 page \"1\".txt"),
            "鹤壁 page \"1\".txt",
            "other text is kept as it is"
        );
        let e = anyhow::anyhow!("cannot read \u{1b}]0;title\u{7}");
        assert!(
            !error_line(&e).contains(['\u{1b}', '\u{7}']),
            "{}",
            error_line(&e)
        );
    }
}
