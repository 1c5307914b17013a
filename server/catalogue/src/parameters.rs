//! Parameter definitions (§8): keys of a parameter object, per-type options,
//! select options, `nested` forms, `validate` keys and `rpc` objects.

use crate::enums::{EnumId, Status};
use crate::urls;

/// Documentation of every key in this module's tables.
pub const DOCS_URL: &str = urls::PARAMETERS;

/// A key of a parameter object or of one of its sub-objects.
#[derive(Debug, Clone, Copy)]
pub struct ParamKey {
    pub name: &'static str,
    pub doc: &'static str,
    pub default: Option<&'static str>,
    pub values: Option<EnumId>,
    pub status: Status,
    /// Whether the key is required.
    pub required: bool,
}

const fn k(name: &'static str, doc: &'static str) -> ParamKey {
    ParamKey {
        name,
        doc,
        default: None,
        values: None,
        status: Status::Documented,
        required: false,
    }
}

impl ParamKey {
    const fn default(mut self, json: &'static str) -> Self {
        self.default = Some(json);
        self
    }
    const fn values(mut self, id: EnumId) -> Self {
        self.values = Some(id);
        self
    }
    const fn status(mut self, status: Status) -> Self {
        self.status = status;
        self
    }
    const fn required(mut self) -> Self {
        self.required = true;
        self
    }
}

/// Every key a parameter object may have (§8.1): the common keys first,
/// then the type-specific keys Make's schema accepts.
pub static PARAMETER_KEYS: &[ParamKey] = &[
    k(
        "name",
        "Internal key; the value is read as `parameters.<name>`. Not used by banners.",
    )
    .required(),
    k("type", "Parameter type (lower case).")
        .values(EnumId::ParameterType)
        .required(),
    k("label", "Label shown in the UI (defaults to the name)."),
    k("help", "Longer description shown below the field."),
    k("required", "The module cannot be saved without a value.").default("false"),
    k(
        "default",
        "Default value; for a select it must be one option's `value`.",
    ),
    k("advanced", "Hidden behind \"Show advanced settings\".").default("false"),
    k(
        "mappable",
        "Whether users may map a value; `{ \"help\": … }` gives mapping-mode help.",
    )
    .default("true"),
    k(
        "editable",
        "Connection parameters only: the value may be changed later.",
    )
    .default("false"),
    k("disabled", "The field starts disabled.")
        .default("false")
        .status(Status::DocsOnly),
    k(
        "rpc",
        "Search button that opens a small form and calls an RPC.",
    ),
    k(
        "semantic",
        "`type:meaning`, e.g. `file:data` and `file:name` for file pairs.",
    )
    .values(EnumId::Semantic),
    k(
        "grouped",
        "Select: options are grouped (`[{label, options}]`).",
    )
    .default("false"),
    k(
        "dynamic",
        "Select: mapped values are not checked against the options.",
    )
    .default("false"),
    k("multiline", "Text: show a textarea.").default("false"),
    k("sort", "Select: sort options by `text` or `number`.").values(EnumId::SelectSort),
    k("sequence", "Collection: keep the key order of `spec`.").default("false"),
    k("schema", "A JSON Schema.").status(Status::SchemaOnly),
    k("tags", "Text: how HTML tags are treated.").values(EnumId::TextTags),
    k("coder", "Undocumented.").status(Status::SchemaOnly),
    k(
        "multiple",
        "Select: several values may be chosen (the value is an array).",
    )
    .default("false"),
    k("visible", "Undocumented.").status(Status::SchemaOnly),
    k("convert", "Undocumented value conversion.").status(Status::SchemaOnly),
    k("time", "Date: `false` gives a date-only picker.").default("true"),
    k("mode", "Array or select: initial mode.").values(EnumId::ParameterMode),
    k("labels", "Array: button labels, e.g. `labels.add`."),
    k("metadata", "Free-form object.").status(Status::SchemaOnly),
    k(
        "spec",
        "Collection: sub-fields. Array: item type. Select: type conversion.",
    ),
    k("codepage", "Buffer: code page.").status(Status::SchemaOnly),
    k(
        "pattern",
        "Top-level regular expression (undocumented outside `validate`).",
    )
    .status(Status::SchemaOnly),
    k("nested", "Parameters shown once the field has a value."),
    k("options", "Select, file, folder, filter: the choices."),
    k("extension", "Filename: allowed extension(s)."),
    k("validate", "Validation rules; keys depend on the type."),
    k("title", "Banner: title."),
    k("text", "Banner: text."),
    k("closable", "Banner: whether it can be closed."),
    k("theme", "Banner: colour theme.").values(EnumId::BannerTheme),
    k("badge", "Banner: badge text."),
];

/// What one parameter type offers.
#[derive(Debug, Clone, Copy)]
pub struct ParamTypeInfo {
    pub name: &'static str,
    /// Keys specific to this type (beyond the common ones of §8.1).
    pub options: &'static [&'static str],
    /// Whether `nested` applies (select: through its options).
    pub nested: bool,
    pub documented: bool,
    pub note: Option<&'static str>,
    /// What a new parameter of this type must hold to pass the parameter
    /// rules (P001, P005, P009): what a completion skeleton writes.
    pub skeleton: Skeleton,
}

/// The keys a new parameter of a type starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skeleton {
    /// `name`, `type` and `label`.
    Named,
    /// `name`, `type`, `label` and one static option (`select`, P005).
    WithOptions,
    /// `name`, `type`, `label` and an empty `spec` list (`collection`, P009).
    WithSpec,
    /// `type` and `text`: a banner has no `name` and no `label` (P001).
    Banner,
}

const fn t(name: &'static str, options: &'static [&'static str], nested: bool) -> ParamTypeInfo {
    ParamTypeInfo {
        name,
        options,
        nested,
        documented: true,
        note: None,
        skeleton: Skeleton::Named,
    }
}

const NONE: &[&str] = &[];
const NESTED: &[&str] = &["nested"];
const NUMERIC: &[&str] = &["validate", "nested"];

pub static PARAMETER_TYPES: &[ParamTypeInfo] = &[
    ParamTypeInfo {
        documented: false,
        ..t("any", NONE, false)
    },
    t("array", &["spec", "validate", "mode", "labels"], false),
    ParamTypeInfo {
        note: Some(
            "Uses `title`, `text`, `theme`, `closable`, `badge` instead of `name`/`label`. \
             Theme values conflict between schema and docs (§13.8).",
        ),
        skeleton: Skeleton::Banner,
        ..t(
            "banner",
            &["title", "text", "theme", "closable", "badge"],
            false,
        )
    },
    t("boolean", NESTED, true),
    t("buffer", &["codepage"], false),
    t("cert", NONE, false),
    ParamTypeInfo {
        skeleton: Skeleton::WithSpec,
        ..t("collection", &["spec", "sequence"], false)
    },
    t("color", NESTED, true),
    t("date", &["time", "nested"], true),
    t("email", NESTED, true),
    t("file", &["options"], false),
    t("filename", &["extension", "nested"], true),
    t("filter", &["options"], false),
    t("folder", &["options"], false),
    t("hidden", NONE, false),
    t("integer", NUMERIC, true),
    t("json", NONE, false),
    t("number", NUMERIC, true),
    t("password", NONE, false),
    t("path", NONE, false),
    t("pkey", NONE, false),
    t("port", NUMERIC, true),
    ParamTypeInfo {
        skeleton: Skeleton::WithOptions,
        ..t(
            "select",
            &[
                "options", "multiple", "sort", "grouped", "mode", "validate", "spec", "dynamic",
            ],
            true,
        )
    },
    t("text", &["tags", "validate", "multiline", "nested"], true),
    t("time", NESTED, true),
    t("timestamp", NESTED, true),
    ParamTypeInfo {
        note: Some("`editable` lets users type a zone by hand here, unlike elsewhere in modules."),
        ..t("timezone", &["editable"], false)
    },
    t("uinteger", NUMERIC, true),
    ParamTypeInfo {
        documented: false,
        ..t("udt", NONE, false)
    },
    t("url", NESTED, true),
    t("uuid", NONE, false),
];

pub fn parameter_keys() -> &'static [ParamKey] {
    PARAMETER_KEYS
}

pub fn parameter_key(name: &str) -> Option<&'static ParamKey> {
    PARAMETER_KEYS.iter().find(|k| k.name == name)
}

pub fn parameter_types() -> &'static [ParamTypeInfo] {
    PARAMETER_TYPES
}

pub fn parameter_type(name: &str) -> Option<&'static ParamTypeInfo> {
    PARAMETER_TYPES.iter().find(|t| t.name == name)
}

/// Documentation page of a parameter type.
pub fn parameter_type_url(name: &str) -> String {
    urls::parameter_type(name)
}

/// Keys of a static select option (`options` array form).
pub static SELECT_OPTION_KEYS: &[ParamKey] = &[
    k("label", "Text shown for the option."),
    k("value", "The value stored when chosen (must not be null).").required(),
    k(
        "nested",
        "Parameters (or an `rpc://` URL) shown when this option is chosen.",
    ),
    k("description", "Secondary text."),
    k("default", "Preselect this option."),
    k("short", "Short label."),
];

/// Keys of a group in a grouped select.
pub static OPTION_GROUP_KEYS: &[ParamKey] = &[
    k("label", "Group label.").required(),
    k("options", "Options of the group.").required(),
];

/// Keys of the object form of `options` (select, file, folder, filter share it).
pub static OPTIONS_OBJECT_KEYS: &[ParamKey] = &[
    k("store", "Array of options or `rpc://` URL.").required(),
    k("label", "Property of each item used as the label."),
    k("value", "Property of each item used as the value."),
    k("placeholder", "Placeholder text, or `{label, nested}`."),
    k(
        "nested",
        "Parameters (or an `rpc://` URL) shown once a value is chosen.",
    ),
    k("default", "Default value."),
    k("learning", "Undocumented.").status(Status::SchemaOnly),
    k("operators", "Filter: grouped operator options.").status(Status::SchemaOnly),
    k("logic", "Filter: which combinations are allowed.")
        .values(EnumId::FilterLogic)
        .status(Status::SchemaOnly),
    k("scope", "Undocumented.").status(Status::SchemaOnly),
    k("ids", "File/folder: return ids instead of paths."),
    k("showRoot", "File/folder: show the root.").default("true"),
    k("singleLevel", "File/folder: no sub-folders.").default("false"),
];

/// Keys of a placeholder object.
pub static PLACEHOLDER_KEYS: &[ParamKey] = &[
    k("label", "Placeholder text."),
    k("nested", "Parameters shown while nothing is chosen."),
];

/// The four forms of select `options`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionsForm {
    /// An array of `{label, value, …}`.
    Array,
    /// With `grouped: true`, an array of `{label, options: […]}`.
    GroupedArray,
    /// `"rpc://name"`: a dynamic-options RPC.
    RpcUrl,
    /// `{store, label, value, placeholder, nested, default}`.
    Object,
}

pub static OPTIONS_FORMS: &[(OptionsForm, &str)] = &[
    (OptionsForm::Array, "Static list of options."),
    (
        OptionsForm::GroupedArray,
        "Static options in labelled groups (`grouped: true`).",
    ),
    (
        OptionsForm::RpcUrl,
        "Options returned by an RPC as `{label, value}` items.",
    ),
    (
        OptionsForm::Object,
        "Options in `store` plus `placeholder`/`nested`; required to combine them.",
    ),
];

/// The three forms of `nested`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NestedForm {
    /// An array of parameters.
    Array,
    /// `"rpc://name"` returning parameters.
    RpcUrl,
    /// `{store, domain}`.
    Object,
}

pub static NESTED_FORMS: &[(NestedForm, &str)] = &[
    (
        NestedForm::Array,
        "Parameters shown once the field has a value.",
    ),
    (
        NestedForm::RpcUrl,
        "An RPC that returns the nested parameters.",
    ),
    (
        NestedForm::Object,
        "`{store, domain}`, with `store` required.",
    ),
];

pub static NESTED_OBJECT_KEYS: &[ParamKey] = &[
    k("store", "Parameters, or an `rpc://` URL.").required(),
    k("domain", "Where the nested parameters go."),
];

/// Keys of the `rpc` search-button object.
pub static RPC_KEYS: &[ParamKey] = &[
    k("label", "Button label.").required(),
    k("url", "`rpc://` URL of the RPC to call.").required(),
    k("parameters", "Parameters of the small search form."),
];

/// Keys of the object form of `mappable`.
pub static MAPPABLE_OBJECT_KEYS: &[ParamKey] = &[k("help", "Help shown in mapping mode.")];

/// Keys of the object form of `editable`.
pub static EDITABLE_OBJECT_KEYS: &[ParamKey] = &[
    k("enabled", "Whether the value may be edited.").status(Status::SchemaOnly),
    k("help", "Help shown when editing.").status(Status::SchemaOnly),
];

/// Keys of `convert` (undocumented).
pub static CONVERT_KEYS: &[ParamKey] = &[
    k("type", "Target type.")
        .required()
        .status(Status::SchemaOnly),
    k("format", "Format.").status(Status::SchemaOnly),
    k("timezone", "Time zone.").status(Status::SchemaOnly),
    k("name", "Name.").status(Status::SchemaOnly),
    k("label", "Label.").status(Status::SchemaOnly),
    k("names", "Names.").status(Status::SchemaOnly),
];

/// Keys of the value of a `filter` parameter (one condition).
pub static FILTER_CONDITION_KEYS: &[ParamKey] = &[
    k("a", "Left operand."),
    k("b", "Right operand."),
    k("o", "Operator, e.g. `text:startwith`."),
];

pub static BANNER_KEYS: &[&str] = &["title", "text", "theme", "closable", "badge"];

pub const VALIDATE_KEYS_ARRAY: &[&str] = &["minItems", "maxItems", "enum"];
pub const VALIDATE_KEYS_OTHER: &[&str] = &["max", "min", "minItems", "maxItems", "pattern"];

/// Keys allowed in `validate` for a parameter type (a boolean `validate` is
/// also accepted). Make's schema allows the same five keys for every type but
/// `array`; which ones make sense (e.g. `pattern` for text) is rule P004's call.
pub fn validate_keys(type_name: &str) -> &'static [&'static str] {
    if type_name == "array" {
        VALIDATE_KEYS_ARRAY
    } else {
        VALIDATE_KEYS_OTHER
    }
}

/// Reserved connection parameter names (rules C015, P014).
pub const RESERVED_CONNECTION_PARAMETERS: &[&str] = &["accountName", "teamID"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{EnumId, enumeration};
    use std::collections::HashSet;

    fn names(keys: &[ParamKey]) -> Vec<&'static str> {
        keys.iter().map(|k| k.name).collect()
    }

    #[test]
    fn parameter_object_keys_match_section_8_1() {
        let expected = [
            // documented common keys
            "name",
            "type",
            "label",
            "help",
            "required",
            "default",
            "advanced",
            "mappable",
            "editable",
            "disabled",
            "rpc",
            "semantic",
            // other keys accepted by Make's schema
            "grouped",
            "dynamic",
            "multiline",
            "sort",
            "sequence",
            "schema",
            "tags",
            "coder",
            "multiple",
            "visible",
            "convert",
            "time",
            "mode",
            "labels",
            "metadata",
            "spec",
            "codepage",
            "pattern",
            "nested",
            "options",
            "extension",
            "validate",
            "title",
            "text",
            "closable",
            "theme",
            "badge",
        ];
        assert_eq!(names(PARAMETER_KEYS), expected);
        assert_eq!(
            parameter_key("disabled").map(|k| k.status),
            Some(Status::DocsOnly)
        );
    }

    #[test]
    fn type_table_covers_the_31_types_in_enum_order() {
        let from_enum: Vec<_> = enumeration(EnumId::ParameterType)
            .values
            .iter()
            .map(|v| v.value)
            .collect();
        let from_table: Vec<_> = PARAMETER_TYPES.iter().map(|t| t.name).collect();
        assert_eq!(from_table, from_enum);
        assert_eq!(from_table.len(), 31);
    }

    #[test]
    fn type_options_are_parameter_keys() {
        for t in PARAMETER_TYPES {
            let mut seen = HashSet::new();
            for option in t.options {
                assert!(parameter_key(option).is_some(), "{}.{option}", t.name);
                assert!(seen.insert(option), "{} repeats {option}", t.name);
            }
            assert_eq!(
                t.nested,
                t.options.contains(&"nested") || t.name == "select",
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn sub_object_key_sets() {
        assert_eq!(
            names(SELECT_OPTION_KEYS),
            [
                "label",
                "value",
                "nested",
                "description",
                "default",
                "short"
            ]
        );
        assert_eq!(
            names(OPTIONS_OBJECT_KEYS),
            [
                "store",
                "label",
                "value",
                "placeholder",
                "nested",
                "default",
                "learning",
                "operators",
                "logic",
                "scope",
                "ids",
                "showRoot",
                "singleLevel",
            ]
        );
        assert_eq!(names(RPC_KEYS), ["label", "url", "parameters"]);
        assert_eq!(names(NESTED_OBJECT_KEYS), ["store", "domain"]);
        assert_eq!(names(PLACEHOLDER_KEYS), ["label", "nested"]);
        assert_eq!(BANNER_KEYS, ["title", "text", "theme", "closable", "badge"]);
        assert_eq!(validate_keys("array"), ["minItems", "maxItems", "enum"]);
        assert_eq!(
            validate_keys("text"),
            ["max", "min", "minItems", "maxItems", "pattern"]
        );
        assert_eq!(OPTIONS_FORMS.len(), 4);
        assert_eq!(NESTED_FORMS.len(), 3);
        assert_eq!(
            parameter_type("select").map(|t| t.options.contains(&"multiple")),
            Some(true)
        );
        assert!(parameter_type("Text").is_none());
    }
}
