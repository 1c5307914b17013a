//! What we tell the client we can do, and what we learnt the client can do.

use iml_analysis::ide::{SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES};
use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CodeLensOptions, CompletionOptions, DocumentLinkOptions, Documentation, ExecuteCommandOptions,
    FileOperationFilter, FileOperationPattern, FileOperationPatternKind,
    FileOperationRegistrationOptions, FoldingRangeProviderCapability, HoverContents,
    HoverProviderCapability, InlayHintServerCapabilities, MarkedString, MarkupContent, MarkupKind,
    OneOf, RenameOptions, SelectionRangeProviderCapability, SemanticTokenModifier,
    SemanticTokenType, SemanticTokensFullOptions, SemanticTokensLegend, SemanticTokensOptions,
    SemanticTokensServerCapabilities, ServerCapabilities, SignatureHelpOptions,
    TextDocumentSyncCapability, TextDocumentSyncKind, WorkDoneProgressOptions,
    WorkspaceFileOperationsServerCapabilities, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use crate::positions::PositionEncoding;

/// Characters after which the client should ask for completions: `"` opens
/// a key or value, `.` a member, `{` a `{{` block, `(`/`,` an argument,
/// `:` a value, `/` the name after `rpc://`.
pub const COMPLETION_TRIGGERS: [&str; 7] = ["\"", ".", "{", "(", ",", ":", "/"];

pub const SIGNATURE_TRIGGERS: [&str; 2] = ["(", ","];

/// The kind of the fix-all code action: below `source.fixAll`, so that
/// `"editor.codeActionsOnSave": { "source.fixAll": "explicit" }` runs it,
/// and named for the server, so that it can be asked for alone.
pub const FIX_ALL_KIND: &str = "source.fixAll.iml-ls";

/// The client features the server adapts to.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientSupport {
    pub encoding: PositionEncoding,
    pub work_done_progress: bool,
    pub watched_files_registration: bool,
    /// `workspace/configuration` may be asked.
    pub configuration_pull: bool,
    pub snippets: bool,
    /// The client resolves completion documentation lazily
    /// (`completionItem.resolveSupport` lists `documentation`): the list then
    /// leaves it out and `completionItem/resolve` fills it.
    pub completion_resolve_documentation: bool,
    /// Definitions as `LocationLink`s (origin range included).
    pub definition_links: bool,
    /// Folding ranges must be whole lines (no start/end characters).
    pub line_folding_only: bool,
    /// A nested `DocumentSymbol` outline rather than a flat list.
    pub hierarchical_symbols: bool,
    /// The markup of completion documentation, hover and signature
    /// documentation: markdown when the client lists it, plain text when it
    /// lists formats without it, and a bare string when it names none (the
    /// protocol promises nothing else to a client that does not say).
    pub completion_markup: Markup,
    pub hover_markup: Markup,
    pub signature_markup: Markup,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Markup {
    Markdown,
    PlainText,
    /// The client named no format.
    #[default]
    Unnamed,
}

impl Markup {
    fn from_formats(formats: Option<&Vec<MarkupKind>>) -> Self {
        match formats {
            Some(formats) if formats.contains(&MarkupKind::Markdown) => Markup::Markdown,
            Some(formats) if !formats.is_empty() => Markup::PlainText,
            _ => Markup::Unnamed,
        }
    }

    fn kind(self) -> Option<MarkupKind> {
        match self {
            Markup::Markdown => Some(MarkupKind::Markdown),
            Markup::PlainText => Some(MarkupKind::PlainText),
            Markup::Unnamed => None,
        }
    }

    /// Completion or signature documentation in this markup.
    pub fn documentation(self, value: String) -> Documentation {
        match self.kind() {
            Some(kind) => Documentation::MarkupContent(MarkupContent { kind, value }),
            None => Documentation::String(value),
        }
    }

    /// Hover contents in this markup.
    pub fn hover_contents(self, value: String) -> HoverContents {
        match self.kind() {
            Some(kind) => HoverContents::Markup(MarkupContent { kind, value }),
            None => HoverContents::Scalar(MarkedString::String(value)),
        }
    }
}

impl ClientSupport {
    pub fn from_capabilities(capabilities: &ClientCapabilities) -> Self {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref());
        let workspace = capabilities.workspace.as_ref();
        let text = capabilities.text_document.as_ref();
        Self {
            encoding: PositionEncoding::negotiate(offered),
            work_done_progress: capabilities
                .window
                .as_ref()
                .and_then(|window| window.work_done_progress)
                .unwrap_or(false),
            watched_files_registration: workspace
                .and_then(|workspace| workspace.did_change_watched_files)
                .and_then(|watched| watched.dynamic_registration)
                .unwrap_or(false),
            configuration_pull: workspace
                .and_then(|workspace| workspace.configuration)
                .unwrap_or(false),
            snippets: text
                .and_then(|text| text.completion.as_ref())
                .and_then(|completion| completion.completion_item.as_ref())
                .and_then(|item| item.snippet_support)
                .unwrap_or(false),
            completion_resolve_documentation: text
                .and_then(|text| text.completion.as_ref())
                .and_then(|completion| completion.completion_item.as_ref())
                .and_then(|item| item.resolve_support.as_ref())
                .is_some_and(|resolve| resolve.properties.iter().any(|p| p == "documentation")),
            definition_links: text
                .and_then(|text| text.definition.as_ref())
                .and_then(|definition| definition.link_support)
                .unwrap_or(false),
            line_folding_only: text
                .and_then(|text| text.folding_range.as_ref())
                .and_then(|folding| folding.line_folding_only)
                .unwrap_or(false),
            hierarchical_symbols: text
                .and_then(|text| text.document_symbol.as_ref())
                .and_then(|symbols| symbols.hierarchical_document_symbol_support)
                .unwrap_or(false),
            completion_markup: Markup::from_formats(
                text.and_then(|text| text.completion.as_ref())
                    .and_then(|completion| completion.completion_item.as_ref())
                    .and_then(|item| item.documentation_format.as_ref()),
            ),
            hover_markup: Markup::from_formats(
                text.and_then(|text| text.hover.as_ref())
                    .and_then(|hover| hover.content_format.as_ref()),
            ),
            signature_markup: Markup::from_formats(
                text.and_then(|text| text.signature_help.as_ref())
                    .and_then(|help| help.signature_information.as_ref())
                    .and_then(|information| information.documentation_format.as_ref()),
            ),
        }
    }
}

/// Whether the client takes watchers relative to a folder
/// (`RelativePattern`, LSP 3.17).
pub(crate) fn relative_patterns_supported(capabilities: &ClientCapabilities) -> bool {
    capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watched| watched.relative_pattern_support)
        .unwrap_or(false)
}

pub fn semantic_tokens_legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: SEMANTIC_TOKEN_TYPES
            .iter()
            .map(|kind| SemanticTokenType::new(kind.name()))
            .collect(),
        token_modifiers: SEMANTIC_TOKEN_MODIFIERS
            .iter()
            .map(|modifier| SemanticTokenModifier::new(modifier.name()))
            .collect(),
    }
}

/// The renames `workspace/willRenameFiles` is asked about: any file (a
/// manifest may list a file of any name) and any folder (renaming a
/// component's folder moves every file the manifest lists in it).
fn renamed_files_and_folders() -> FileOperationRegistrationOptions {
    let filter = |matches| FileOperationFilter {
        scheme: Some("file".to_owned()),
        pattern: FileOperationPattern {
            glob: "**/*".to_owned(),
            matches: Some(matches),
            options: None,
        },
    };
    FileOperationRegistrationOptions {
        filters: vec![
            filter(FileOperationPatternKind::File),
            filter(FileOperationPatternKind::Folder),
        ],
    }
}

/// Each feature handler added under `handlers/` announces itself here, and
/// only those: a client trusts what is listed.
pub fn server_capabilities(client: &ClientSupport) -> ServerCapabilities {
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect();
    ServerCapabilities {
        position_encoding: Some(client.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens_legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Right(InlayHintServerCapabilities::Options(
            Default::default(),
        ))),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(strings(&COMPLETION_TRIGGERS)),
            // Only a client that resolves documentation gets lean items.
            resolve_provider: Some(client.completion_resolve_documentation),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: Some(strings(&SIGNATURE_TRIGGERS)),
            retrigger_characters: None,
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            // The fix-all kind lies below `source.fixAll` and `source`, so a
            // client asking for either (on save) knows to ask this server.
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(FIX_ALL_KIND),
            ]),
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: strings(crate::lsp_ext::COMMANDS),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: Some(WorkspaceFileOperationsServerCapabilities {
                will_rename: Some(renamed_files_and_folders()),
                ..WorkspaceFileOperationsServerCapabilities::default()
            }),
        }),
        ..ServerCapabilities::default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn will_rename_is_asked_for_files_and_folders_of_the_file_scheme() {
        let capabilities = server_capabilities(&ClientSupport::default());
        let announced = serde_json::to_value(capabilities).unwrap();
        assert_eq!(
            announced["workspace"]["fileOperations"],
            json!({ "willRename": { "filters": [
                { "scheme": "file", "pattern": { "glob": "**/*", "matches": "file" } },
                { "scheme": "file", "pattern": { "glob": "**/*", "matches": "folder" } }
            ] } })
        );
    }
}
