//! `iml-ls graph`: the picture of a connection's flow or of an app, as
//! Mermaid, Graphviz DOT or SVG. The graph itself comes from the analysis
//! (`iml_analysis::graph`); this module loads the app and renders it. See
//! `docs/graph.md`.

mod dot;
mod mermaid;
mod svg;

#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use iml_analysis::graph::FlowGraph;

use crate::{Outcome, paths};

/// Output format of `iml-ls graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart (renders in Markdown on most forges).
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// A standalone SVG picture, laid out here (no Graphviz needed).
    Svg,
}

/// Arguments of `iml-ls graph`.
#[derive(Debug, Clone, Args)]
pub struct GraphArgs {
    /// A file of a connection (its flow), of a module, RPC or webhook (the
    /// flow of its connection), or an app folder or `makecomapp.json` (the
    /// app's components).
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub format: GraphFormat,

    /// Draw the app's components even when PATH is a component's file.
    #[arg(long)]
    pub app: bool,
}

/// Entry point for the binary.
pub fn run_graph(args: &GraphArgs) -> ExitCode {
    crate::run_in_process(|cwd, out, err| graph(args, cwd, out, err))
}

/// `iml-ls graph` with parsed arguments, writing to the given streams.
pub fn graph(args: &GraphArgs, cwd: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let target = paths::absolute(cwd, &args.path);
    let shown = args.path.display().to_string();
    let loaded = match crate::load::load(&target, &shown) {
        Ok(loaded) => loaded,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return Outcome::Failure;
        }
    };
    let analysis = loaded.host.snapshot();
    let picked = if args.app || target.is_dir() {
        analysis.app_graph(&loaded.anchor)
    } else {
        analysis
            .connection_graph(&target)
            .or_else(|| analysis.app_graph(&target))
    };
    let Some(graph) = picked else {
        let _ = writeln!(
            err,
            "error: `{shown}` belongs to no app: graph needs a makecomapp.json app or an export folder"
        );
        return Outcome::Failure;
    };
    let text = render(&graph, args.format, &|file| {
        analysis.file_text(file).map(str::to_owned)
    });
    match out.write_all(text.as_bytes()) {
        Ok(()) => Outcome::Clean,
        Err(error) => {
            let _ = writeln!(err, "error: cannot write the graph: {error}");
            Outcome::Failure
        }
    }
}

/// The text of `graph` in `format`; `text_of` gives a file's text, which the
/// SVG needs to turn node places into lines and columns.
pub fn render(
    graph: &FlowGraph,
    format: GraphFormat,
    text_of: &dyn Fn(&Path) -> Option<String>,
) -> String {
    match format {
        GraphFormat::Mermaid => mermaid::render(graph),
        GraphFormat::Dot => dot::render(graph),
        GraphFormat::Svg => svg::render(graph, text_of),
    }
}
