//! The symbol model of navigation: what a name is (an entity with the
//! literals that declare it), how one occurrence of it is spelled, and how an
//! IML read resolves to its declaring literals.

use std::path::{Path, PathBuf};

use iml_jsonc::Value;
use iml_lang::Name;
use text_size::{TextRange, TextSize};

use crate::host::Analysis;
use crate::ide::targets::{NavKind, ReferenceAccess};
use crate::semantic::{
    ConnectionFacts, ConnectionKeys, FlowStep, KeySource, TempWrite, VisibleParams, WrittenKey,
    common_keys, connection_data_keys, connection_keys, facts, visible_parameters,
    webhook_data_keys,
};

/// One literal that declares or writes a key symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyDef {
    pub(crate) file: PathBuf,
    /// The literal (quotes included): a parameter's `name` value or a key.
    pub(crate) range: TextRange,
    /// The whole declaration: the parameter object, else the literal.
    pub(crate) full: TextRange,
    pub(crate) kind: NavKind,
}

impl KeyDef {
    pub(super) fn same_literal(&self, other: &KeyDef) -> bool {
        self.file == other.file && self.range == other.range
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entity {
    Key {
        kind: NavKind,
        /// The name as read (the last property of the chain).
        name: String,
        defs: Vec<KeyDef>,
    },
    Rpc(String),
    Module(String),
    Function(String),
}

impl Entity {
    pub(crate) fn name(&self) -> &str {
        match self {
            Entity::Key { name, .. } => name,
            Entity::Rpc(name) | Entity::Module(name) | Entity::Function(name) => name,
        }
    }
}

/// The symbol under a cursor and the range of its name there.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) entity: Entity,
    /// The name under the cursor, without quotes or backticks.
    pub(crate) origin: TextRange,
}

/// How an occurrence is spelled, which decides how a rename rewrites it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A whole JSON string literal (a key or a `name` value): rewritten as `"new"`.
    JsonLiteral,
    /// An IML name, backticks included: rewritten with backticks when needed.
    ImlName,
    /// Bare text (an `rpc://` name, a function name): rewritten as is.
    Raw,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub(crate) file: PathBuf,
    /// The name itself (no quotes, no backticks).
    pub(crate) range: TextRange,
    /// What a rename replaces.
    pub(crate) edit_range: TextRange,
    pub(crate) form: Form,
    pub(crate) access: ReferenceAccess,
}

/// The scope queries of one file, asked lazily and once.
#[derive(Default)]
pub(crate) struct FileScope {
    params: Option<Option<VisibleParams>>,
    connection: Option<Option<ConnectionKeys>>,
    data: Option<Option<(PathBuf, ConnectionFacts)>>,
    temp: Option<Vec<TempWrite>>,
    common: Option<Option<(PathBuf, Vec<WrittenKey>)>>,
    webhook: Option<Option<(PathBuf, ConnectionFacts)>>,
}

/// The literals a read `root.path` in `file` resolves to. `read` is where a
/// `temp` read sits in the connection flow: only writes that may run before
/// it count, as for completion and C010 (`None`: every write).
pub(crate) fn resolve_read(
    analysis: &Analysis,
    file: &Path,
    scope: &mut FileScope,
    root: &str,
    path: &str,
    read: Option<&FlowStep>,
) -> Vec<KeyDef> {
    match root {
        "parameters" => scope
            .params
            .get_or_insert_with(|| visible_parameters(analysis, file))
            .iter()
            .flat_map(|visible| &visible.params)
            .filter(|(_, param)| param.path == path)
            .map(|(declared_in, param)| KeyDef {
                file: declared_in.clone(),
                range: param.name_range.unwrap_or(param.range),
                full: param.range,
                kind: NavKind::Parameter,
            })
            .collect(),
        "connection" => scope
            .connection
            .get_or_insert_with(|| connection_keys(analysis, file))
            .iter()
            .flat_map(|keys| &keys.keys)
            .filter(|key| key.name == path)
            .map(|key| KeyDef {
                file: key.file.clone(),
                range: key.range,
                full: key.param.as_ref().map_or(key.range, |p| p.range),
                kind: match key.source {
                    KeySource::Parameter => NavKind::Parameter,
                    KeySource::ResponseData | KeySource::Common => NavKind::ConnectionData,
                },
            })
            .collect(),
        "data" => {
            let data = scope
                .data
                .get_or_insert_with(|| connection_data_keys(analysis, file));
            data.as_ref()
                .map_or_else(Vec::new, |(communication, facts)| {
                    written_defs(
                        communication,
                        &facts.data_keys,
                        path,
                        NavKind::ConnectionData,
                    )
                })
        }
        "temp" => scope
            .temp
            .get_or_insert_with(|| {
                facts(analysis, file)
                    .map(|facts| facts.temp_writes.clone())
                    .unwrap_or_default()
            })
            .iter()
            .filter(|write| write.key.as_deref() == Some(path))
            .filter(|write| read.is_none_or(|read| write.step.visible_to(read) != Some(false)))
            .map(|write| KeyDef {
                file: file.to_path_buf(),
                range: write.range,
                full: write.range,
                kind: NavKind::Temp,
            })
            .collect(),
        "webhook" => {
            let saved = scope
                .webhook
                .get_or_insert_with(|| webhook_data_keys(analysis, file));
            saved.as_ref().map_or_else(Vec::new, |(attach, saved)| {
                written_defs(attach, &saved.data_keys, path, NavKind::WebhookData)
            })
        }
        "common" => {
            let common = scope
                .common
                .get_or_insert_with(|| common_keys(analysis, file));
            common
                .as_ref()
                .map_or_else(Vec::new, |(common_file, keys)| {
                    written_defs(common_file, keys, path, NavKind::Common)
                })
        }
        _ => Vec::new(),
    }
}

/// The keys of `keys` (written in `file`) named `path`, as literals of `kind`.
fn written_defs(file: &Path, keys: &[WrittenKey], path: &str, kind: NavKind) -> Vec<KeyDef> {
    keys.iter()
        .filter(|key| key.name == path)
        .map(|key| KeyDef {
            file: file.to_path_buf(),
            range: key.range,
            full: key.range,
            kind,
        })
        .collect()
}

/// The range of a name without its backticks.
pub(crate) fn bare_name_range(name: &Name) -> TextRange {
    if name.backticked && name.range.len() >= TextSize::from(2) {
        let inner_end = name.range.start() + TextSize::from(1) + TextSize::of(name.text.as_str());
        TextRange::new(
            name.range.start() + TextSize::from(1),
            inner_end.min(name.range.end()),
        )
    } else {
        name.range
    }
}

/// A string literal's content range, quotes excluded.
pub(crate) fn literal_content(text: &str, literal: TextRange) -> TextRange {
    let (start, end) = (usize::from(literal.start()), usize::from(literal.end()));
    let mut inner = literal;
    if text.as_bytes().get(start) == Some(&b'"') {
        inner = TextRange::new(inner.start() + TextSize::from(1), inner.end());
    }
    if end > start + 1 && text.as_bytes().get(end - 1) == Some(&b'"') && inner.end() > inner.start()
    {
        inner = TextRange::new(inner.start(), inner.end() - TextSize::from(1));
    }
    inner
}

/// The top-level value's range of a JSON file, else the whole text.
pub(crate) fn file_range(analysis: &Analysis, file: &Path) -> TextRange {
    analysis
        .root_value(file)
        .map(|root: &Value| root.range)
        .unwrap_or_else(|| {
            let len = analysis.file_text(file).map_or(0, str::len);
            TextRange::up_to(TextSize::try_from(len).unwrap_or_default())
        })
}
