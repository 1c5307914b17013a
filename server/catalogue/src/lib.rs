//! Make's facts as data: directives, response keys, sections, enums, IML
//! functions and variables by context, parameter types and rule metadata.
//!
//! Every table is static data. Completion, hover, diagnostics, the rule
//! documentation (`docs/rules.md`) and schema export all read the same
//! entries, so a fact is changed in one place.

pub mod directives;
pub mod docs;
pub mod enums;
pub mod fix_safety;
pub mod functions;
pub mod parameters;
pub mod places;
pub mod review;
mod rule_entry;
pub mod rules;
pub mod sections;
pub mod urls;
pub mod variables;

pub use directives::{
    Directive, ExtraKeys, JsonKind, KeyAvailability, KeyLevel, NestedObject, NestedObjectInfo,
    Requirement, Restriction, StringForm, ValueShape, directive, directives, is_status_code,
    is_status_pattern, key_availability, lookup, nested_key, nested_keys, nested_object,
    request_keys, response_directive, response_keys,
};
pub use enums::{EnumId, EnumValue, Enumeration, Status, enumeration, enumerations};
pub use fix_safety::{FixSafety, Safety, fix_is_safe, fix_safety};
pub use functions::{
    Function, FunctionAvailability, FunctionCategory, Param, ValueType, function, functions,
};
pub use parameters::{
    ParamKey, ParamTypeInfo, Skeleton, parameter_key, parameter_keys, parameter_type,
    parameter_types,
};
pub use places::{ModuleType, Place, PlaceSet};
pub use review::{Profile, profile};
pub use rules::{RULES_DOC_PATH, Rule, RuleCategory, TEXT_ONLY_RULES, rule, rules};
pub use sections::{OAuthFlavour, Section, SectionInfo, flavour_of_key, section, sections};
pub use variables::{
    Availability, ExprContext, Keyword, Member, MemberRestriction, Region, RootVariable, Verdict,
    check_variable, keyword, keywords, member_restriction, root_variable, root_variables,
    variable_availability,
};

/// How loud a diagnostic is. Rules carry a default; users may override it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}
