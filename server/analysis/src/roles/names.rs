//! File-name conventions: the local-development suffixes (§11.2), the online
//! and export names (§11.6, §11.7) and the variants seen in public repositories
//! (§11.8). A name only hints at a role; the resolver combines it with folders,
//! metadata and the manifest.

use std::path::Path;

use super::{ComponentKind, RoleKind, UnknownReason};
use crate::app_files::{
    COMMON_FILE_NAME, GROUPS_FILE_NAME, MANIFEST_FILE_NAME, connection_common_id, iml_json_stem,
    is_metadata_file_name, is_module_metadata_name,
};
use crate::paths::file_name;

/// A code as `makecomapp.json` names it, before the component kind settles
/// ambiguous names (`parameters`, `scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CodeName {
    Communication,
    /// The communication under its OAuth name (`*.oauth-communication.iml.json`, `api-oauth.imljson`).
    OAuthCommunication,
    /// `parameters`: a module's static parameters, anyone else's parameters.
    Params,
    StaticParams,
    MappableParams,
    Interface,
    Samples,
    /// `scope`: a connection's default scope, a webhook's or endpoint's required scope, a module's scope.
    Scope,
    DefaultScope,
    ScopeList,
    RequiredScope,
    Epoch,
    Attach,
    Detach,
    Update,
    InstallSpec,
    InstallDirectives,
    InputParams,
    OutputParams,
    Context,
    Code,
    Test,
    Base,
    Common,
    Groups,
    Readme,
}

impl CodeName {
    /// Keys of `codeFiles` and `generalCodeFiles` (plus `parameters`, seen in hand-written manifests).
    pub(crate) fn from_manifest_key(key: &str) -> Option<CodeName> {
        Some(match key {
            "communication" => CodeName::Communication,
            "params" | "parameters" => CodeName::Params,
            "staticParams" => CodeName::StaticParams,
            "mappableParams" | "expect" => CodeName::MappableParams,
            "interface" => CodeName::Interface,
            "samples" => CodeName::Samples,
            "scope" => CodeName::Scope,
            "defaultScope" => CodeName::DefaultScope,
            "scopeList" | "scopes" => CodeName::ScopeList,
            "requiredScope" => CodeName::RequiredScope,
            "epoch" => CodeName::Epoch,
            "attach" => CodeName::Attach,
            "detach" => CodeName::Detach,
            "update" => CodeName::Update,
            "installSpec" => CodeName::InstallSpec,
            "installDirectives" => CodeName::InstallDirectives,
            "inputParameters" => CodeName::InputParams,
            "outputParameters" => CodeName::OutputParams,
            "context" => CodeName::Context,
            "code" => CodeName::Code,
            "test" => CodeName::Test,
            "base" => CodeName::Base,
            "common" => CodeName::Common,
            "groups" => CodeName::Groups,
            "readme" => CodeName::Readme,
            _ => return None,
        })
    }

    /// The last dot-separated word of a code file's name.
    fn from_word(word: &str) -> Option<CodeName> {
        Some(match word {
            "communication" | "api" => CodeName::Communication,
            "oauth-communication" | "api-oauth" => CodeName::OAuthCommunication,
            "params" | "parameters" => CodeName::Params,
            "static-params" | "static-parameters" | "static" => CodeName::StaticParams,
            "mappable-params" | "mappable-parameters" | "mappable" | "expect" => {
                CodeName::MappableParams
            }
            "interface" => CodeName::Interface,
            "samples" => CodeName::Samples,
            "scope" => CodeName::Scope,
            "default-scope" => CodeName::DefaultScope,
            "scope-list" | "scopes" => CodeName::ScopeList,
            "required-scope" | "required" => CodeName::RequiredScope,
            "epoch" => CodeName::Epoch,
            "attach" => CodeName::Attach,
            "detach" => CodeName::Detach,
            "update" | "publish" => CodeName::Update,
            "install-spec" | "installSpec" => CodeName::InstallSpec,
            "install-directives" | "install" => CodeName::InstallDirectives,
            "input" | "inputParameters" | "input_parameters" => CodeName::InputParams,
            "output" | "outputParameters" | "output_parameters" => CodeName::OutputParams,
            "base" => CodeName::Base,
            "common" => CodeName::Common,
            "groups" => CodeName::Groups,
            _ => return None,
        })
    }

    /// The role this code has in a component of `kind` (`None`: kind not known).
    pub(crate) fn role(self, kind: Option<ComponentKind>) -> RoleKind {
        use ComponentKind as K;
        match self {
            CodeName::Communication | CodeName::OAuthCommunication => RoleKind::Communication,
            CodeName::Params => match kind {
                Some(K::Module) => RoleKind::StaticParams,
                _ => RoleKind::Params,
            },
            CodeName::StaticParams => RoleKind::StaticParams,
            CodeName::MappableParams => RoleKind::MappableParams,
            CodeName::Interface => RoleKind::Interface,
            CodeName::Samples => RoleKind::Samples,
            CodeName::Scope => match kind {
                Some(K::Connection) => RoleKind::DefaultScope,
                Some(K::Webhook | K::Endpoint) => RoleKind::RequiredScope,
                _ => RoleKind::Scope,
            },
            CodeName::DefaultScope => RoleKind::DefaultScope,
            CodeName::ScopeList => RoleKind::ScopeList,
            CodeName::RequiredScope => RoleKind::RequiredScope,
            CodeName::Epoch => RoleKind::Epoch,
            CodeName::Attach => RoleKind::Attach,
            CodeName::Detach => RoleKind::Detach,
            CodeName::Update => RoleKind::Update,
            CodeName::InstallSpec => RoleKind::InstallSpec,
            CodeName::InstallDirectives => RoleKind::InstallDirectives,
            CodeName::InputParams => RoleKind::InputParams,
            // Only endpoints have output parameters; a module's `output` file
            // (home-grown layouts) describes its output, i.e. its interface.
            CodeName::OutputParams => match kind {
                Some(K::Module) => RoleKind::Interface,
                _ => RoleKind::OutputParams,
            },
            CodeName::Context => RoleKind::EndpointContext,
            CodeName::Code => RoleKind::FunctionCode,
            CodeName::Test => RoleKind::FunctionTest,
            CodeName::Base => RoleKind::Base,
            CodeName::Common => RoleKind::Common,
            CodeName::Groups => RoleKind::Groups,
            CodeName::Readme => RoleKind::Readme,
        }
    }

    /// Codes that belong to the app rather than to a component.
    pub(crate) fn is_app_level(self) -> bool {
        matches!(self, CodeName::Base | CodeName::Groups | CodeName::Readme)
    }
}

/// What a file name says about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameMatch {
    Code {
        code: CodeName,
        /// From a prefix such as `module.makeApiCall.api.imljson`.
        kind_hint: Option<ComponentKind>,
        /// From `<id>.<code>.iml.json` or a prefix.
        id_hint: Option<String>,
        /// A plain `.json` name (`communication.json`): only trusted inside a component folder.
        needs_component_folder: bool,
    },
    Manifest,
    Metadata,
    Unknown(UnknownReason),
}

const TOOL_MANIFESTS: &[&str] = &[
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "jsconfig.json",
    "composer.json",
    ".eslintrc.json",
    ".prettierrc.json",
    "settings.json",
    "launch.json",
    "extensions.json",
];

pub(crate) fn match_name(path: &Path) -> NameMatch {
    let name = file_name(path);
    let lower = name.to_ascii_lowercase();
    if let Some(stem) = iml_json_stem(name) {
        return code_from_stem(stem, false);
    }
    if lower.ends_with(".js") {
        let stem = &name[..name.len() - 3];
        return match stem.rsplit('.').next() {
            Some("code") => code(CodeName::Code, id_before_last(stem)),
            Some("test") => code(CodeName::Test, id_before_last(stem)),
            _ => NameMatch::Unknown(UnknownReason::UnclaimedScriptOrText),
        };
    }
    if lower.ends_with(".md") {
        if lower == "readme.md" {
            return code(CodeName::Readme, None);
        }
        let stem = &name[..name.len() - 3];
        return match stem.rsplit('.').next() {
            Some("context") => code(CodeName::Context, id_before_last(stem)),
            _ => NameMatch::Unknown(UnknownReason::UnclaimedScriptOrText),
        };
    }
    if !lower.ends_with(".json") {
        return NameMatch::Unknown(UnknownReason::NotASpecFile);
    }
    match name {
        MANIFEST_FILE_NAME => return NameMatch::Manifest,
        _ if is_metadata_file_name(name) => return NameMatch::Metadata,
        GROUPS_FILE_NAME => return code(CodeName::Groups, None),
        COMMON_FILE_NAME => return code(CodeName::Common, None),
        // Home-grown layouts' plain-JSON Base. Make's layouts have no such
        // file, so it is not an app file (never indexed or discovered), but
        // one the editor opens is still read as Base.
        "base.json" => return code(CodeName::Base, None),
        "app.json" | "general.json" => {
            return NameMatch::Unknown(UnknownReason::HomeGrownAppDescriptor);
        }
        _ => {}
    }
    if TOOL_MANIFESTS.contains(&lower.as_str()) {
        return NameMatch::Unknown(UnknownReason::ToolManifest);
    }
    if is_module_metadata_name(name) {
        return NameMatch::Metadata;
    }
    let stem = &name[..name.len() - ".json".len()];
    // `connection.json`: a whole component in one home-grown file.
    if kind_word(stem).is_some() {
        return NameMatch::Unknown(UnknownReason::HomeGrownComponentFile);
    }
    if let Some(id) = connection_common_id(name) {
        return code(CodeName::Common, Some(id.to_owned()));
    }
    code_from_stem(stem, true)
}

fn code(code: CodeName, id_hint: Option<String>) -> NameMatch {
    NameMatch::Code {
        code,
        kind_hint: None,
        id_hint,
        needs_component_folder: false,
    }
}

fn id_before_last(stem: &str) -> Option<String> {
    stem.rsplit_once('.')
        .map(|(id, _)| id.to_owned())
        .filter(|id| !id.is_empty())
}

fn code_from_stem(stem: &str, plain_json: bool) -> NameMatch {
    let mut words: Vec<&str> = stem.split('.').collect();
    let Some(last) = words.pop() else {
        return NameMatch::Unknown(UnknownReason::UnrecognisedName);
    };
    let Some(code) = CodeName::from_word(last) else {
        return NameMatch::Unknown(UnknownReason::UnrecognisedName);
    };
    // `module.makeApiCall.api.imljson`, `connection.parameters.imljson`
    let kind_hint = words.first().and_then(|first| kind_word(first));
    if kind_hint.is_some() {
        words.remove(0);
    }
    let id_hint = (!words.is_empty()).then(|| words.join("."));
    // A plain `.json` file with a one-word name such as `communication.json` is
    // only a code file inside a component folder; `<id>.<code>.json` is not a
    // convention of any layout.
    if plain_json && (id_hint.is_some() || kind_hint.is_some()) {
        return NameMatch::Unknown(UnknownReason::UnrecognisedName);
    }
    NameMatch::Code {
        code,
        kind_hint,
        id_hint,
        needs_component_folder: plain_json && !code.is_app_level(),
    }
}

fn kind_word(word: &str) -> Option<ComponentKind> {
    Some(match word {
        "connection" => ComponentKind::Connection,
        "module" => ComponentKind::Module,
        "webhook" => ComponentKind::Webhook,
        "rpc" => ComponentKind::Rpc,
        "function" => ComponentKind::Function,
        "endpoint" => ComponentKind::Endpoint,
        _ => return None,
    })
}

/// The component kind a folder stands for (`modules/`, and the singular
/// `connection/` of home-grown layouts).
pub(crate) fn component_kind_of_folder(name: &str) -> Option<ComponentKind> {
    Some(match name {
        "connections" | "connection" => ComponentKind::Connection,
        "modules" | "module" => ComponentKind::Module,
        "webhooks" | "webhook" => ComponentKind::Webhook,
        "rpcs" | "rpc" => ComponentKind::Rpc,
        "functions" | "function" => ComponentKind::Function,
        "endpoints" | "endpoint" => ComponentKind::Endpoint,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(name: &str) -> String {
        format!("{:?}", match_name(Path::new(name)))
    }

    #[test]
    fn names() {
        assert_eq!(
            show("/a/x.oauth-communication.iml.json"),
            "Code { code: OAuthCommunication, kind_hint: None, id_hint: Some(\"x\"), needs_component_folder: false }"
        );
        assert_eq!(
            show("/a/module.makeApiCall.api.imljson"),
            "Code { code: Communication, kind_hint: Some(Module), id_hint: Some(\"makeApiCall\"), needs_component_folder: false }"
        );
        assert_eq!(
            show("/a/communication.json"),
            "Code { code: Communication, kind_hint: None, id_hint: None, needs_component_folder: true }"
        );
        assert_eq!(show("/a/x.module.json"), "Metadata");
        assert_eq!(show("/a/web-search.json"), "Unknown(UnrecognisedName)");
        assert_eq!(show("/a/package.json"), "Unknown(ToolManifest)");
        assert_eq!(show("/a/MANIFEST.tsv"), "Unknown(NotASpecFile)");
        assert_eq!(
            show("/a/x.code.js"),
            "Code { code: Code, kind_hint: None, id_hint: Some(\"x\"), needs_component_folder: false }"
        );
    }
}
