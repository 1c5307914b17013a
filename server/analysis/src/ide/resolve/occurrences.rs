//! Every occurrence of a symbol: the literals that declare or write it and
//! the reads, `rpc://` references, `groups.json` entries and calls that
//! resolve to it, across the app or within one file.

use std::path::{Path, PathBuf};

use iml_lang::ExprKind;

use super::components::{
    function_declaration, group_module_entries, id_mapping_locals, manifest_member,
};
use super::symbol::{
    Entity, FileScope, Form, Occurrence, bare_name_range, literal_content, resolve_read,
};
use crate::host::Analysis;
use crate::ide::names::rpc_reference;
use crate::ide::walk::{chain_steps, string_values};
use crate::roles::{ComponentKind, RoleKind};
use crate::semantic::{context_at_path, flow_step_at, sites};

/// The files an occurrence may be in: the app's, or the file alone.
fn app_files(analysis: &Analysis, file: &Path) -> Vec<PathBuf> {
    match analysis.app(file) {
        Some(app) => app.files.clone(),
        None => vec![file.to_path_buf()],
    }
}

/// Where to look for the occurrences of a symbol.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Within<'a> {
    /// Every file of the app.
    App,
    /// This file alone: the reads of no other file are resolved.
    File(&'a Path),
}

/// Every occurrence of `entity` across the app of `file`, sorted by file and range.
pub(crate) fn occurrences(analysis: &Analysis, file: &Path, entity: &Entity) -> Vec<Occurrence> {
    occurrences_within(analysis, file, entity, Within::App)
}

/// Every occurrence of `entity` (found from `file`) in the files `within`
/// names, sorted by file and range.
pub(crate) fn occurrences_within(
    analysis: &Analysis,
    file: &Path,
    entity: &Entity,
    within: Within<'_>,
) -> Vec<Occurrence> {
    use crate::ide::targets::ReferenceAccess::{Read, Write};
    let mut out = Vec::new();
    let files = match within {
        Within::App => app_files(analysis, file),
        Within::File(only) => vec![only.to_path_buf()],
    };
    match entity {
        Entity::Key { defs, .. } => {
            for def in defs {
                let Some(text) = analysis.file_text(&def.file) else {
                    continue;
                };
                out.push(Occurrence {
                    file: def.file.clone(),
                    range: literal_content(text, def.range),
                    edit_range: def.range,
                    form: Form::JsonLiteral,
                    access: Write,
                });
            }
            for other in &files {
                let Some(sites) = sites(analysis, other) else {
                    continue;
                };
                let mut scope = FileScope::default();
                for site in sites.sites() {
                    for step in chain_steps(&site.block.expr) {
                        if step.root.backticked {
                            continue;
                        }
                        let read = (step.root.text == "temp")
                            .then(|| {
                                let path = &site.string.path;
                                let context =
                                    context_at_path(analysis, other, path, site.string.is_key);
                                flow_step_at(&context, path)
                            })
                            .flatten();
                        let found = resolve_read(
                            analysis,
                            other,
                            &mut scope,
                            &step.root.text,
                            &step.path,
                            read.as_ref(),
                        );
                        if found.iter().any(|d| defs.iter().any(|e| e.same_literal(d))) {
                            out.push(Occurrence {
                                file: other.clone(),
                                range: site.to_source(bare_name_range(step.name)),
                                edit_range: site.to_source(step.name.range),
                                form: Form::ImlName,
                                access: Read,
                            });
                        }
                    }
                }
            }
        }
        Entity::Rpc(name) => {
            manifest_occurrences(analysis, file, ComponentKind::Rpc, name, &mut out);
            for other in &files {
                let Some(root) = analysis.root_value(other) else {
                    continue;
                };
                for string in string_values(root) {
                    let Some((found, range)) = rpc_reference(string.decoded.as_str()) else {
                        continue;
                    };
                    if found == name {
                        let range = string.decoded.range_to_source(range);
                        out.push(Occurrence {
                            file: other.clone(),
                            range,
                            edit_range: range,
                            form: Form::Raw,
                            access: Read,
                        });
                    }
                }
            }
        }
        Entity::Module(name) => {
            manifest_occurrences(analysis, file, ComponentKind::Module, name, &mut out);
            for other in &files {
                if analysis.role(other).kind != RoleKind::Groups {
                    continue;
                }
                let Some(root) = analysis.root_value(other) else {
                    continue;
                };
                for entry in group_module_entries(root) {
                    if entry.decoded.as_str() == name {
                        out.push(Occurrence {
                            file: other.clone(),
                            range: entry.decoded.content_range(),
                            edit_range: entry.range,
                            form: Form::JsonLiteral,
                            access: Read,
                        });
                    }
                }
            }
        }
        Entity::Function(name) => {
            manifest_occurrences(analysis, file, ComponentKind::Function, name, &mut out);
            if let Some((code, range)) = function_declaration(analysis, file, name) {
                out.push(Occurrence {
                    file: code,
                    range,
                    edit_range: range,
                    form: Form::Raw,
                    access: Write,
                });
            }
            for other in &files {
                let Some(sites) = sites(analysis, other) else {
                    continue;
                };
                for site in sites.sites() {
                    for expr in site.block.expr.walk() {
                        if let ExprKind::Call { callee, .. } = &expr.kind
                            && callee.text == *name
                            && !callee.backticked
                        {
                            let range = site.to_source(callee.range);
                            out.push(Occurrence {
                                file: other.clone(),
                                range,
                                edit_range: range,
                                form: Form::Raw,
                                access: Read,
                            });
                        }
                    }
                }
            }
        }
    }
    if let Within::File(only) = within {
        out.retain(|occurrence| occurrence.file == only);
    }
    out.sort_by(|a, b| {
        (&a.file, a.range.start(), a.range.end()).cmp(&(&b.file, b.range.start(), b.range.end()))
    });
    out.dedup_by(|a, b| a.file == b.file && a.range == b.range);
    out
}

/// The manifest's entry of component `id` (a write) and the `idMapping`
/// pairs naming it (reads).
fn manifest_occurrences(
    analysis: &Analysis,
    file: &Path,
    kind: ComponentKind,
    id: &str,
    out: &mut Vec<Occurrence>,
) {
    let Some((manifest, member)) = manifest_member(analysis, file, kind, id) else {
        return;
    };
    let text = analysis.file_text(&manifest).unwrap_or_default();
    out.push(Occurrence {
        range: literal_content(text, member.key.range),
        edit_range: member.key.range,
        file: manifest.clone(),
        form: Form::JsonLiteral,
        access: crate::ide::targets::ReferenceAccess::Write,
    });
    let Some(root) = analysis.root_value(&manifest) else {
        return;
    };
    for local in id_mapping_locals(root, kind, id) {
        out.push(Occurrence {
            file: manifest.clone(),
            range: local.decoded.content_range(),
            edit_range: local.range,
            form: Form::JsonLiteral,
            access: crate::ide::targets::ReferenceAccess::Read,
        });
    }
}
