//! `iml-ls schema`: JSON Schemas of the spec files for editors that only
//! speak plain JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use iml_analysis::schema::{SchemaKind, schema_text, write_all};

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true))]
pub struct SchemaArgs {
    /// Print the schema of one file kind (see --list).
    #[arg(long, value_name = "KIND", group = "what")]
    kind: Option<String>,

    /// Write every schema to --out DIR as KIND.schema.json, plus index.json.
    #[arg(long, group = "what", requires = "out")]
    all: bool,

    /// The folder --all writes to.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Print the kind names, one a line.
    #[arg(long, group = "what")]
    list: bool,
}

pub fn run(args: &SchemaArgs) -> ExitCode {
    if args.list {
        for kind in SchemaKind::all() {
            println!("{}", kind.name());
        }
        return ExitCode::SUCCESS;
    }
    if let Some(name) = &args.kind {
        let Some(kind) = SchemaKind::from_name(name) else {
            let known: Vec<String> = SchemaKind::all()
                .into_iter()
                .map(SchemaKind::name)
                .collect();
            eprintln!(
                "iml-ls schema: unknown kind `{name}`; use one of: {}",
                known.join(", ")
            );
            return ExitCode::from(2);
        };
        print!("{}", schema_text(kind));
        return ExitCode::SUCCESS;
    }
    let Some(dir) = &args.out else {
        eprintln!("iml-ls schema: --all needs --out DIR");
        return ExitCode::from(2);
    };
    match write_all(dir) {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("iml-ls schema: cannot write to {}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}
