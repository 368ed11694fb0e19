//! Training the line model from the pages editors corrected.
//!
//! The `done` fixtures of folders become training pages and a manifest
//! that names them, and a work-queue folder's own model
//! ([`line_model::FOLDER_MODEL`]) is trained again in place, as the desk
//! does each time a page of the folder is marked done.

use std::path::{Path, PathBuf};

use crate::export::{ExportError, done_fixtures};
use crate::fixture::Fixture;
use crate::line_model::{
    self, CUTS, FEATURE_VERSION, LineModel, Manifest, ManifestPage, ModelError, TrainingPage,
};

/// Why no model could be trained.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// No page of the folders is done.
    #[error("no `done` fixtures under {dirs}; mark pages done in the desk first")]
    NothingDone {
        /// The folders looked in, comma-separated.
        dirs: String,
    },
    /// A folder or a fixture in it could not be read.
    #[error(transparent)]
    Read(#[from] ExportError),
    /// Training, or writing the model, failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// The `done` fixtures under `dirs`, each named as `proofdesk export`
/// names it.
///
/// # Errors
/// [`TrainError::NothingDone`] when none is done; [`TrainError::Read`] when
/// a folder or fixture cannot be read.
pub fn done_pages(dirs: &[PathBuf]) -> Result<Vec<(String, Fixture)>, TrainError> {
    let mut fixtures = Vec::new();
    for dir in dirs {
        fixtures.extend(done_fixtures(dir)?);
    }
    if fixtures.is_empty() {
        return Err(TrainError::NothingDone {
            dirs: dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    Ok(fixtures)
}

/// The training pages of `fixtures` and the manifest naming them;
/// `each_page` is told when a page is read.
#[must_use]
pub fn training_set(
    fixtures: &[(String, Fixture)],
    mut each_page: impl FnMut(),
) -> (Vec<TrainingPage>, Manifest) {
    let mut pages = Vec::with_capacity(fixtures.len());
    let mut manifest = Manifest {
        feature_version: FEATURE_VERSION,
        ..Manifest::default()
    };
    for (id, f) in fixtures {
        let page = line_model::training_page(&f.raw_text(), &f.articles);
        manifest.lines += page.labels.len();
        manifest.pages.push(ManifestPage {
            name: id.clone(),
            sha256: f.source.sha256.clone(),
            corrected: corrected_sha256(f),
        });
        pages.push(page);
        each_page();
    }
    (pages, manifest)
}

/// The SHA-256 of a fixture's corrected articles (their JSON): what the
/// model learns from it ([`ManifestPage::corrected`]).
fn corrected_sha256(f: &Fixture) -> String {
    // Articles always encode; were one not to, no manifest would match it,
    // and the model would be trained again: never stale unseen.
    let json = serde_json::to_string(&f.articles).unwrap_or_default();
    crate::page::sha256_hex(&json)
}

/// Trains `dir`'s own line model again on every `done` page under it.
///
/// The model is written to [`line_model::folder_model_path`] (with its
/// manifest), so that the next page opened from the folder is proposed
/// with it.
///
/// # Errors
/// [`TrainError`]: nothing done, a fixture that does not read, training or
/// writing failed. The model on disk is then the one before.
pub fn retrain_folder(dir: &Path) -> Result<(LineModel, Manifest), TrainError> {
    train_folder(dir, &done_pages(&[dir.to_owned()])?)
}

/// Trains `dir`'s own model again, as [`retrain_folder`] does, only if it
/// is stale.
///
/// Stale: not trained on exactly the folder's `done` pages as they stand
/// (some marked done, changed or undone since, by another desk or on the
/// command line), or no usable model at all. `None`: the model is current,
/// or no page is done.
///
/// # Errors
/// As [`retrain_folder`], but a folder with nothing done is no error.
pub fn retrain_folder_if_stale(dir: &Path) -> Result<Option<(LineModel, Manifest)>, TrainError> {
    let fixtures = match done_pages(&[dir.to_owned()]) {
        Ok(f) => f,
        Err(TrainError::NothingDone { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let wanted: Vec<(&str, &str, String)> = fixtures
        .iter()
        .map(|(name, f)| (name.as_str(), f.source.sha256.as_str(), corrected_sha256(f)))
        .collect();
    if let Ok((_, manifest)) = LineModel::load(&line_model::folder_model_path(dir))
        && manifest
            .pages
            .iter()
            .map(|p| (p.name.as_str(), p.sha256.as_str(), p.corrected.as_str()))
            .eq(wanted.iter().map(|(n, s, c)| (*n, *s, c.as_str())))
    {
        return Ok(None);
    }
    train_folder(dir, &fixtures).map(Some)
}

/// Trains `dir`'s own model on `fixtures` and writes it with its manifest,
/// making its folder.
fn train_folder(
    dir: &Path,
    fixtures: &[(String, Fixture)],
) -> Result<(LineModel, Manifest), TrainError> {
    let (pages, manifest) = training_set(fixtures, || {});
    let model = line_model::train(&pages, CUTS)?;
    let path = line_model::folder_model_path(dir);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| ModelError::File {
            what: "making the folder of",
            path: path.display().to_string(),
            source,
        })?;
    }
    let manifest = model.save(&path, &manifest)?;
    Ok((model, manifest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Status;

    fn seed_fixture() -> Fixture {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/seed_page.proofdesk.json"
        );
        crate::io::read_fixture(Path::new(path)).expect("the seed's fixture reads")
    }

    #[test]
    fn a_folder_with_nothing_done_says_what_to_do() {
        let dir = tempfile::tempdir().expect("a folder");
        let mut draft = seed_fixture();
        draft.status = Status::Draft;
        std::fs::write(
            dir.path().join("seed.proofdesk.json"),
            serde_json::to_vec(&draft).expect("encodes"),
        )
        .expect("written");
        let err = retrain_folder(dir.path()).expect_err("nothing is done");
        assert!(err.to_string().contains("mark pages done"), "{err}");
        assert!(!line_model::folder_model_path(dir.path()).exists());
    }

    #[test]
    fn a_folder_is_trained_on_its_done_pages_and_keeps_the_model() {
        let dir = tempfile::tempdir().expect("a folder");
        let done = seed_fixture();
        assert_eq!(done.status, Status::Done);
        std::fs::write(
            dir.path().join("seed.proofdesk.json"),
            serde_json::to_vec(&done).expect("encodes"),
        )
        .expect("written");
        let (_, manifest) = retrain_folder(dir.path()).expect("trains");
        assert_eq!(manifest.pages.len(), 1);
        assert_eq!(manifest.pages[0].sha256, done.source.sha256);
        assert!(manifest.lines > 50, "{manifest:?}");
        let (_, read) =
            LineModel::load(&line_model::folder_model_path(dir.path())).expect("it loads back");
        assert_eq!(read, manifest);
    }

    #[test]
    fn a_current_model_is_left_and_a_stale_one_trained_again() {
        let dir = tempfile::tempdir().expect("a folder");
        assert!(
            retrain_folder_if_stale(dir.path())
                .expect("nothing done")
                .is_none()
        );
        let done = seed_fixture();
        let path = dir.path().join("seed.proofdesk.json");
        std::fs::write(&path, serde_json::to_vec(&done).expect("encodes")).expect("written");
        let (_, first) = retrain_folder_if_stale(dir.path())
            .expect("trains")
            .expect("no model yet: trained");
        assert_eq!(first.pages.len(), 1);
        assert!(
            retrain_folder_if_stale(dir.path())
                .expect("reads")
                .is_none(),
            "the model is current"
        );
        // The page is no longer done: the model is stale, and with nothing
        // done it is left as it is.
        let mut draft = done.clone();
        draft.status = Status::Draft;
        std::fs::write(&path, serde_json::to_vec(&draft).expect("encodes")).expect("written");
        assert!(
            retrain_folder_if_stale(dir.path())
                .expect("reads")
                .is_none()
        );
        // Corrected again and done again, its text the same: stale.
        let mut again = done.clone();
        again.articles[0].blocks[0].role = crate::page::Role::Subheadline;
        std::fs::write(&path, serde_json::to_vec(&again).expect("encodes")).expect("written");
        let (_, retrained) = retrain_folder_if_stale(dir.path())
            .expect("trains")
            .expect("a page corrected again: trained again");
        assert_ne!(retrained.pages[0].corrected, first.pages[0].corrected);
        // Another page done: trained on both.
        std::fs::write(&path, serde_json::to_vec(&done).expect("encodes")).expect("written");
        std::fs::write(
            dir.path().join("again.proofdesk.json"),
            serde_json::to_vec(&done).expect("encodes"),
        )
        .expect("written");
        let (_, second) = retrain_folder_if_stale(dir.path())
            .expect("trains")
            .expect("a page more: trained again");
        assert_eq!(second.pages.len(), 2);
    }
}
