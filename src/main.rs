//! The `proofdesk` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use proofdesk::fixture::{Fixture, now_rfc3339};
use proofdesk::io::{read_fixture, read_page};

/// Proofdesk: a correction desk for OCR / PDF-extracted Chinese newspaper pages.
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A page to open in the desk (the GUI).
    page: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Propose the correction of a page and print it.
    Normalize {
        /// The raw page (UTF-8, UTF-16 with BOM, or GB18030).
        page: PathBuf,
        /// `json`: a fixture with status `auto`; `text`: the corrected page only.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check fixture files; prints one line per file, exits 1 if any is invalid.
    Validate {
        /// Fixture files.
        #[arg(required = true)]
        fixtures: Vec<PathBuf>,
    },
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
            eprintln!("proofdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Normalize { page, format }) => {
            let page = read_page(&page)?;
            let out = match format {
                Format::Text => page.to_text(),
                Format::Json => Fixture::from_page(&page, &now_rfc3339())
                    .to_json()
                    .context("encoding the fixture")?,
            };
            print!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Validate { fixtures }) => {
            let mut failed = false;
            for path in fixtures {
                match read_fixture(&path) {
                    Ok(f) => {
                        let blocks: usize = f.articles.iter().map(|a| a.blocks.len()).sum();
                        println!(
                            "ok: {} ({}, {} articles, {} blocks)",
                            path.display(),
                            f.status.name(),
                            f.articles.len(),
                            blocks
                        );
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("invalid: {e}");
                    }
                }
            }
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        None => {
            let _page = cli.page;
            anyhow::bail!(
                "the desk (GUI) is not built yet; use `proofdesk normalize PAGE` or `proofdesk validate FIXTURE`"
            )
        }
    }
}
