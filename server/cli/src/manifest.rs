//! The code-file paths a `makecomapp.json` lists, with the byte range of
//! each path's string literal so that a problem can point at it.

use std::ops::Range;

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// As written in the manifest, relative to the manifest's folder.
    pub path: String,
    /// The string literal, quotes included.
    pub range: Range<usize>,
}

/// Every non-null path in `generalCodeFiles` and in each component's
/// `codeFiles`. A manifest that is not valid JSON yields nothing here; its
/// syntax errors are reported by the analysis.
pub fn code_file_references(text: &str) -> Vec<Reference> {
    let Ok(manifest) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut paths: Vec<&str> = Vec::new();
    if let Some(general) = manifest.get("generalCodeFiles").and_then(Value::as_object) {
        paths.extend(general.values().filter_map(Value::as_str));
    }
    if let Some(components) = manifest.get("components").and_then(Value::as_object) {
        let code_files = components
            .values()
            .filter_map(Value::as_object)
            .flat_map(|by_id| by_id.values())
            .filter_map(|component| component.get("codeFiles"))
            .filter_map(Value::as_object);
        for files in code_files {
            paths.extend(files.values().filter_map(Value::as_str));
        }
    }

    let mut used: Vec<Range<usize>> = Vec::new();
    paths
        .into_iter()
        .map(|path| {
            let range = literal_range(text, path, &used).unwrap_or(0..0);
            used.push(range.clone());
            Reference {
                path: path.to_owned(),
                range,
            }
        })
        .collect()
}

/// serde_json keeps no offsets; find the literal in the text instead. The
/// same path may be listed twice, so ranges already handed out are skipped.
fn literal_range(text: &str, value: &str, used: &[Range<usize>]) -> Option<Range<usize>> {
    let needles = [
        serde_json::to_string(value).ok()?,
        format!("\"{}\"", value.replace('/', "\\/")),
    ];
    needles.iter().find_map(|needle| {
        text.match_indices(needle.as_str())
            .map(|(start, _)| start..start + needle.len())
            .find(|range| !used.contains(range))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_general_and_component_code_files_with_ranges() {
        let text = r#"{
  "fileVersion": 1,
  "generalCodeFiles": { "base": "general/base.iml.json", "common": null },
  "components": {
    "module": { "a": { "codeFiles": { "communication": "../outside.iml.json", "samples": "general/base.iml.json" } } },
    "rpc": {}
  }
}"#;
        let references = code_file_references(text);
        let shown: Vec<_> = references
            .iter()
            .map(|r| (r.path.as_str(), &text[r.range.clone()]))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("general/base.iml.json", "\"general/base.iml.json\""),
                ("../outside.iml.json", "\"../outside.iml.json\""),
                ("general/base.iml.json", "\"general/base.iml.json\""),
            ]
        );
        assert_ne!(references[0].range, references[2].range);
    }

    #[test]
    fn invalid_manifest_yields_nothing() {
        assert!(code_file_references("{ \"generalCodeFiles\": ").is_empty());
    }
}
