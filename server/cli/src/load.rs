//! Loads the app a path belongs to into one analysis host, as `check` does
//! (the files the walk finds, then those the manifest lists); `graph` and
//! `test` start from it.

use std::path::{Path, PathBuf};

use iml_analysis::AnalysisHost;

use crate::check::listed_files;
use crate::discover::{self, AppKind};
use crate::read;

pub(crate) struct Loaded {
    pub(crate) host: AnalysisHost,
    /// A file of the app, for app-level queries when the path is a folder.
    pub(crate) anchor: PathBuf,
    /// The app's root folder.
    pub(crate) root: PathBuf,
}

pub(crate) fn load(target: &Path, shown: &str) -> Result<Loaded, String> {
    let plan = discover::discover(&[(target.to_path_buf(), shown.to_owned())])
        .map_err(|error| error.to_string())?;
    let app = plan
        .apps
        .into_iter()
        .find(|app| app.kind != AppKind::Loose)
        .ok_or_else(|| format!("`{shown}` belongs to no app"))?;
    let mut host = AnalysisHost::new();
    // The same rule as `check`: only regular files inside the app are read.
    let real_root = std::fs::canonicalize(&app.root).ok();
    for file in &app.files {
        if let Ok(read) = read::read_text(file, real_root.as_deref()) {
            host.set_file(file.clone(), read.text);
        }
    }
    if app.kind == AppKind::Manifest {
        for file in listed_files(&host.snapshot(), &app) {
            if let Ok(read) = read::read_text(&file, real_root.as_deref()) {
                host.set_file(file, read.text);
            }
        }
    }
    let anchor = if target.is_file() {
        target.to_path_buf()
    } else {
        app.files
            .iter()
            .next()
            .cloned()
            .ok_or_else(|| format!("`{shown}` holds no app file"))?
    };
    Ok(Loaded {
        host,
        anchor,
        root: app.root,
    })
}
