//! The parameters a parameter file declares, as the files that read
//! `parameters.*` see them.

use text_size::TextRange;

/// One parameter a parameter file declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredParam {
    /// The parameter's own `name`.
    pub name: String,
    /// How it is read below `parameters`: the name for top-level parameters and
    /// for `nested` ones (Make lifts them to the top level), `parent.child`
    /// for collection `spec` children, `parent[].child` for array items.
    pub path: String,
    pub label: Option<String>,
    /// The `type` as written.
    pub param_type: Option<String>,
    pub help: Option<String>,
    /// Range of the `name` value's string literal.
    pub name_range: Option<TextRange>,
    /// Range of the `"name"` key.
    pub key_range: Option<TextRange>,
    /// Range of the whole parameter object.
    pub range: TextRange,
    /// Whether it was lifted from a `nested` list (or a select option's).
    pub nested: bool,
}

/// The parameters of one parameter file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamFacts {
    pub params: Vec<DeclaredParam>,
    /// Whether an `rpc://` source adds parameters that cannot be known
    /// (`"rpc://…"` in the list, as the whole file, or as a `nested` source).
    pub open_ended: bool,
}

impl DeclaredParam {
    /// Whether it is read as `<parent>.<name>` (as `<name>` when `parent` is
    /// empty); array items (`parent[].child`) are read through an index.
    pub fn is_child_of(&self, parent: &[&str]) -> bool {
        if parent.is_empty() {
            return self.path == self.name;
        }
        let Some(prefix) = self.path.strip_suffix(self.name.as_str()) else {
            return false;
        };
        prefix.strip_suffix('.') == Some(parent.join(".").as_str())
    }
}

impl ParamFacts {
    /// Whether `name` is readable as `parameters.<name>`.
    pub fn declares_top_level(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.path == name)
    }
}
