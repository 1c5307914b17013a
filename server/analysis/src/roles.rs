//! What each file is: its role (which code of which component), decided from
//! the manifest, the file-name conventions, export metadata and, last, the
//! content. See `docs/roles.md` for the resolution order.

mod content;
mod names;
mod resolve;

pub(crate) use content::{connection_kind_from_content, looks_like_oauth};
pub(crate) use names::{CodeName, component_kind_of_folder, match_name};
pub(crate) use resolve::{LayoutLookup, resolve_role};

/// The kind of file, named after the code it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleKind {
    /// A component's request spec (`api`); connection communication included.
    Communication,
    /// Parameters of a connection, RPC or webhook (`parameters`).
    Params,
    /// A module's static parameters (`parameters`).
    StaticParams,
    /// A module's mappable parameters (`expect`).
    MappableParams,
    Interface,
    Samples,
    /// A module's or RPC's required scope (`scope`).
    Scope,
    /// A connection's default scope (`scope`).
    DefaultScope,
    /// A connection's scope list (`scopes`).
    ScopeList,
    /// A webhook's or endpoint's required scope.
    RequiredScope,
    Epoch,
    Attach,
    Detach,
    Update,
    InstallSpec,
    InstallDirectives,
    /// An endpoint's input parameters.
    InputParams,
    /// An endpoint's output parameters.
    OutputParams,
    /// An endpoint's Markdown context.
    EndpointContext,
    /// A custom IML function's JavaScript source.
    FunctionCode,
    /// A custom IML function's tests.
    FunctionTest,
    /// The app's Base.
    Base,
    /// Common data: the app's (no component) or a connection's. Strict JSON.
    Common,
    Groups,
    Readme,
    /// `makecomapp.json`.
    Manifest,
    /// A spec-test file (`<component>.tests.iml.json`) beside the
    /// component it tests; plain JSON with comments, run by `iml-ls test`.
    SpecTest,
    /// Component or app metadata of the export layout (`metadata.json`) and
    /// its home-grown relatives (`meta.json`, `<id>.module.json`).
    ExportMetadata,
    Unknown(UnknownReason),
}

impl RoleKind {
    /// A stable, human-readable code for reports and tests.
    pub fn code(self) -> &'static str {
        match self {
            RoleKind::Communication => "communication",
            RoleKind::Params => "params",
            RoleKind::StaticParams => "static-params",
            RoleKind::MappableParams => "mappable-params",
            RoleKind::Interface => "interface",
            RoleKind::Samples => "samples",
            RoleKind::Scope => "scope",
            RoleKind::DefaultScope => "default-scope",
            RoleKind::ScopeList => "scope-list",
            RoleKind::RequiredScope => "required-scope",
            RoleKind::Epoch => "epoch",
            RoleKind::Attach => "attach",
            RoleKind::Detach => "detach",
            RoleKind::Update => "update",
            RoleKind::InstallSpec => "install-spec",
            RoleKind::InstallDirectives => "install-directives",
            RoleKind::InputParams => "input-params",
            RoleKind::OutputParams => "output-params",
            RoleKind::EndpointContext => "endpoint-context",
            RoleKind::FunctionCode => "function-code",
            RoleKind::FunctionTest => "function-test",
            RoleKind::Base => "base",
            RoleKind::Common => "common",
            RoleKind::Groups => "groups",
            RoleKind::Readme => "readme",
            RoleKind::Manifest => "manifest",
            RoleKind::SpecTest => "spec-test",
            RoleKind::ExportMetadata => "export-metadata",
            RoleKind::Unknown(_) => "unknown",
        }
    }

    /// Files that declare the parameters a component reads as `parameters.*`:
    /// parameters, static and mappable parameters, endpoint input.
    pub fn is_params(self) -> bool {
        matches!(
            self,
            RoleKind::Params
                | RoleKind::StaticParams
                | RoleKind::MappableParams
                | RoleKind::InputParams
        )
    }

    /// Whether the file is IML JSON (JSON with comments whose strings may hold IML).
    pub fn is_iml_json(self) -> bool {
        !matches!(
            self,
            RoleKind::Common
                | RoleKind::Groups
                | RoleKind::Readme
                | RoleKind::Manifest
                | RoleKind::SpecTest
                | RoleKind::ExportMetadata
                | RoleKind::FunctionCode
                | RoleKind::FunctionTest
                | RoleKind::EndpointContext
                | RoleKind::Unknown(_)
        )
    }

    /// Common data is uploaded as `application/json` and must not hold comments.
    pub fn is_strict_json(self) -> bool {
        matches!(self, RoleKind::Common)
    }
}

/// Why a file got no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnknownReason {
    /// Neither JSON, IML JSON, JavaScript nor Markdown.
    NotASpecFile,
    /// `package.json`, `tsconfig.json` and the like.
    ToolManifest,
    /// A home-grown app descriptor such as `app.json`: no Make layout has it.
    HomeGrownAppDescriptor,
    /// A JSON file lying directly in a component folder (`modules/x.json`) or
    /// named after a component kind (`connection.json`): a home-grown
    /// single-file component or descriptor, not a Make code file.
    HomeGrownComponentFile,
    /// A JavaScript or Markdown file that no manifest or convention claims.
    UnclaimedScriptOrText,
    /// A JSON file whose name follows no known convention.
    UnrecognisedName,
}

impl UnknownReason {
    pub fn message(self) -> &'static str {
        match self {
            UnknownReason::NotASpecFile => "not a JSON, IML JSON, JavaScript or Markdown file",
            UnknownReason::ToolManifest => {
                "a package or tool configuration file, not part of an app"
            }
            UnknownReason::HomeGrownAppDescriptor => {
                "a home-grown app descriptor (app.json, general.json); no Make layout defines it"
            }
            UnknownReason::HomeGrownComponentFile => {
                "a home-grown single-file component or descriptor (a JSON file directly inside a component folder, or named after a component kind)"
            }
            UnknownReason::UnclaimedScriptOrText => {
                "a script or text file that no manifest entry or naming convention claims"
            }
            UnknownReason::UnrecognisedName => "the file name follows no known convention",
        }
    }
}

/// The component kinds of an app, with the extension's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ComponentKind {
    Connection,
    Webhook,
    Module,
    Rpc,
    Function,
    Endpoint,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 6] = [
        ComponentKind::Connection,
        ComponentKind::Webhook,
        ComponentKind::Module,
        ComponentKind::Rpc,
        ComponentKind::Function,
        ComponentKind::Endpoint,
    ];

    /// The key under `components` in `makecomapp.json`.
    pub fn manifest_key(self) -> &'static str {
        match self {
            ComponentKind::Connection => "connection",
            ComponentKind::Webhook => "webhook",
            ComponentKind::Module => "module",
            ComponentKind::Rpc => "rpc",
            ComponentKind::Function => "function",
            ComponentKind::Endpoint => "endpoint",
        }
    }
}

pub use iml_catalogue::ModuleType;

/// Reads a module type as `makecomapp.json` and export metadata write it: a
/// name (`search`) or Make's numeric type id (`9`).
pub(crate) fn parse_module_type(text: &str) -> Option<ModuleType> {
    ModuleType::from_name(text).or_else(|| text.parse().ok().and_then(ModuleType::from_type_id))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebhookType {
    /// A dedicated webhook (`web`).
    Dedicated,
    /// A shared webhook (`web-shared`).
    Shared,
}

impl WebhookType {
    pub fn parse(name: &str) -> Option<WebhookType> {
        match name {
            "web" => Some(WebhookType::Dedicated),
            "web-shared" => Some(WebhookType::Shared),
            _ => None,
        }
    }
}

/// The flavour of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConnectionKind {
    /// API key, basic auth, digest, JWT, "other": one request (or an array).
    Basic,
    OAuth1,
    OAuth2,
}

/// Which component a file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ComponentRef {
    pub kind: ComponentKind,
    /// The local id (manifest key, export folder name or metadata `name`).
    pub id: String,
    pub module_type: Option<ModuleType>,
    pub webhook_type: Option<WebhookType>,
}

/// What decided a file's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleSource {
    /// A `codeFiles` or `generalCodeFiles` entry of `makecomapp.json`.
    Manifest,
    /// File-name conventions (local, online, export or public-repository variants) and folders.
    FileName,
    /// The keys of the content.
    Content,
    /// Nothing did.
    None,
}

/// Everything known about one file's place in its app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRole {
    pub kind: RoleKind,
    pub component: Option<ComponentRef>,
    /// For files of a connection (and communication files recognised as one by content).
    pub connection_kind: Option<ConnectionKind>,
    pub source: RoleSource,
}

impl FileRole {
    pub fn unknown(reason: UnknownReason) -> FileRole {
        FileRole {
            kind: RoleKind::Unknown(reason),
            component: None,
            connection_kind: None,
            source: RoleSource::None,
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self.kind, RoleKind::Unknown(_))
    }

    /// Whether this is the communication of a connection.
    pub fn is_connection_communication(&self) -> bool {
        self.kind == RoleKind::Communication
            && self
                .component
                .as_ref()
                .is_some_and(|component| component.kind == ComponentKind::Connection)
    }
}
