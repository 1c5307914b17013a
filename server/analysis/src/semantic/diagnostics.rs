//! IML diagnostics: syntax, variables, functions, parameters, connection data,
//! the `temp` flow and quote style. Quiet whenever the facts needed are not certain.

use std::collections::HashSet;
use std::path::Path;

use iml_catalogue::{
    ExprContext, Place, Region, Section, Severity, Verdict, check_variable, function, functions,
    keyword, member_restriction, root_variable, root_variables, rule,
};
use iml_jsonc::{Value, ValueKind};
use iml_lang::{Expr, ExprKind, Name};
use text_size::TextRange;

use super::context::{SiteContext, context_for};
use super::facts::{ConnectionFacts, TempWrite, flow_step_at};
use super::file_context::connection_kind_of;
use super::lookup::{facts, sites};
use super::quote_style;
use super::scope::{
    ConnectionKeys, VisibleParams, base_parameters, connection_data_keys, connection_keys,
    visible_parameters,
};
use super::sites::{ImlString, Site};
use super::suggestions::{did_you_mean, is_plain_name, rename_fix};
use crate::app::AppLayout;
use crate::app_files::FUNCTION_FOLDERS;
use crate::config::RuleConfig;
use crate::diagnostics::Diagnostic;
use crate::host::Analysis;
use crate::roles::{ComponentKind, RoleKind};

mod app_names;

/// Every IML diagnostic of `file`, in source order.
pub fn iml_diagnostics(analysis: &Analysis, file: &Path) -> Vec<Diagnostic> {
    iml_diagnostics_bounded(analysis, file, None).diagnostics
}

/// The IML diagnostics of a file, perhaps cut short.
pub(crate) struct BoundedDiagnostics {
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the strings after some point were not checked.
    pub stopped_early: bool,
}

/// [`iml_diagnostics`], stopping once more than `keep` diagnostics that
/// `config` leaves on lie before the next string: the per-file cap keeps
/// the first ones in source order, so those after could never be shown,
/// and building them (messages, fixes) was most of the memory a file dense
/// with one mistake took.
pub(crate) fn iml_diagnostics_bounded(
    analysis: &Analysis,
    file: &Path,
    bound: Option<(&RuleConfig, usize)>,
) -> BoundedDiagnostics {
    check_strings(analysis, file, bound, &|_| true)
}

/// The IML diagnostics of the strings of `file` whose range is `wanted`
/// (what one string's diagnostics say depends on that string alone, so a
/// view of part of a file checks only that part).
pub(crate) fn iml_diagnostics_within(
    analysis: &Analysis,
    file: &Path,
    wanted: &dyn Fn(TextRange) -> bool,
) -> Vec<Diagnostic> {
    check_strings(analysis, file, None, wanted).diagnostics
}

fn check_strings(
    analysis: &Analysis,
    file: &Path,
    bound: Option<(&RuleConfig, usize)>,
    wanted: &dyn Fn(TextRange) -> bool,
) -> BoundedDiagnostics {
    let mut result = BoundedDiagnostics {
        diagnostics: Vec::new(),
        stopped_early: false,
    };
    let role = analysis.role(file);
    if !checks_iml(role.kind) {
        return result;
    }
    let (Some(sites), Some(root)) = (sites(analysis, file), analysis.root_value(file)) else {
        return result;
    };
    let connection_kind = connection_kind_of(analysis, file, &role);
    let mut checker = Checker::new(analysis, file);
    let mut shown = 0usize;
    let mut counted = 0usize;
    for string in sites.strings.iter().filter(|string| wanted(string.range)) {
        if let Some((config, keep)) = bound {
            // Everything gathered so far that starts before this string
            // precedes whatever this string and the rest would add.
            let before = string.range.start();
            for diagnostic in &checker.out[counted..] {
                if config
                    .severity_of(diagnostic.code, diagnostic.severity)
                    .is_some()
                    && diagnostic.range.start() < before
                {
                    shown += 1;
                }
            }
            counted = checker.out.len();
            if shown > keep {
                result.stopped_early = true;
                break;
            }
        }
        let context = context_for(&role, connection_kind, root, &string.path, string.is_key);
        if string.is_key {
            checker.spread_value(string, root);
        }
        for block in &string.template.blocks {
            let site = Site { string, block };
            checker.syntax(&site);
            if block.errors.iter().any(|e| e.is_syntax()) || block.is_spread() {
                continue;
            }
            checker.semantics(&site, &context);
        }
    }
    checker
        .out
        .sort_by_key(|d| (d.range.start(), d.range.end()));
    result.diagnostics = checker.out;
    result
}

/// Files whose strings Make evaluates as IML (samples and scopes are data).
fn checks_iml(kind: RoleKind) -> bool {
    kind.is_iml_json()
        && !matches!(
            kind,
            RoleKind::Samples
                | RoleKind::Scope
                | RoleKind::DefaultScope
                | RoleKind::ScopeList
                | RoleKind::RequiredScope
        )
}

fn severity_of(code: &str) -> Severity {
    rule(code).map(|r| r.severity).unwrap_or(Severity::Warning)
}

fn diagnostic(
    code: &'static str,
    severity: Severity,
    message: String,
    range: TextRange,
) -> Diagnostic {
    Diagnostic {
        code,
        severity,
        message,
        range,
        help: None,
        fixes: Vec::new(),
    }
}

/// Cross-file facts with their names hashed: a large file reads them once
/// per reference, so a linear scan each time would be quadratic.
struct Indexed<T> {
    value: T,
    names: HashSet<String>,
}

/// Lazily gathered cross-file facts, so a file without `parameters.*` never
/// asks for them.
struct Checker<'a> {
    analysis: &'a Analysis,
    file: &'a Path,
    out: Vec<Diagnostic>,
    params: Option<Option<Indexed<VisibleParams>>>,
    base_params: Option<Option<HashSet<String>>>,
    connection: Option<Option<Indexed<ConnectionKeys>>>,
    data: Option<Option<Indexed<ConnectionFacts>>>,
    custom_functions: Option<Vec<String>>,
    functions_known: Option<bool>,
    temp_writes: Option<Vec<TempWrite>>,
}

impl<'a> Checker<'a> {
    fn new(analysis: &'a Analysis, file: &'a Path) -> Self {
        Checker {
            analysis,
            file,
            out: Vec::new(),
            params: None,
            base_params: None,
            connection: None,
            data: None,
            custom_functions: None,
            functions_known: None,
            temp_writes: None,
        }
    }

    fn params(&mut self) -> Option<&Indexed<VisibleParams>> {
        let (analysis, file) = (self.analysis, self.file);
        self.params
            .get_or_insert_with(|| {
                visible_parameters(analysis, file).map(|params| {
                    let names = params.params.iter().map(|(_, p)| p.path.clone()).collect();
                    Indexed {
                        value: params,
                        names,
                    }
                })
            })
            .as_ref()
    }

    /// Every parameter name Base may be called with.
    fn base_params(&mut self) -> Option<&HashSet<String>> {
        let (analysis, file) = (self.analysis, self.file);
        self.base_params
            .get_or_insert_with(|| {
                base_parameters(analysis, file)
                    .map(|params| params.params.into_iter().map(|(_, p)| p.path).collect())
            })
            .as_ref()
    }

    fn connection(&mut self) -> Option<&Indexed<ConnectionKeys>> {
        let (analysis, file) = (self.analysis, self.file);
        self.connection
            .get_or_insert_with(|| {
                connection_keys(analysis, file).map(|keys| {
                    let names = keys.keys.iter().map(|key| key.name.clone()).collect();
                    Indexed { value: keys, names }
                })
            })
            .as_ref()
    }

    /// What the connection's `response.data` writes (`data.*` inside it).
    fn data(&mut self) -> Option<&Indexed<ConnectionFacts>> {
        let (analysis, file) = (self.analysis, self.file);
        self.data
            .get_or_insert_with(|| {
                connection_data_keys(analysis, file).map(|(_, facts)| {
                    let names = facts.data_keys.iter().map(|key| key.name.clone()).collect();
                    Indexed {
                        value: facts,
                        names,
                    }
                })
            })
            .as_ref()
    }

    fn custom_functions(&mut self) -> &[String] {
        let (analysis, file) = (self.analysis, self.file);
        self.custom_functions.get_or_insert_with(|| {
            analysis
                .custom_function_names(file)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    }

    /// Whether the app's custom functions are all known: a manifest lists
    /// them, some function files are present, or the app declares none.
    ///
    /// An export declares none when the loaded app (its Base is there, so
    /// its folder was read) holds no file below `functions/`: the loaders
    /// read each function's code there (`app_files::is_function_code_file`).
    /// A lone file, or an app whose Base is not loaded, may have functions
    /// the checker cannot see, and stays silent.
    fn functions_known(&mut self) -> bool {
        if let Some(known) = self.functions_known {
            return known;
        }
        let known = self.find_functions_known();
        self.functions_known = Some(known);
        known
    }

    /// [`Checker::functions_known`] uncached: it scans the app's files, so a
    /// file with many unknown calls asks once.
    fn find_functions_known(&mut self) -> bool {
        let Some(app) = self.analysis.app(self.file) else {
            return false;
        };
        if app.layout == AppLayout::LocalDevelopment || !self.custom_functions().is_empty() {
            return true;
        }
        let function_folders = FUNCTION_FOLDERS.map(|folder| app.root.join(folder));
        app.base.is_some()
            && !app.files.iter().any(|file| {
                function_folders
                    .iter()
                    .any(|folder| file.starts_with(folder))
            })
    }

    fn temp_writes(&mut self) -> &[TempWrite] {
        let (analysis, file) = (self.analysis, self.file);
        self.temp_writes.get_or_insert_with(|| {
            facts(analysis, file)
                .map(|f| f.temp_writes.clone())
                .unwrap_or_default()
        })
    }

    fn syntax(&mut self, site: &Site<'_>) {
        for error in &site.block.errors {
            self.out.push(diagnostic(
                error.code,
                severity_of(error.code),
                error.message.clone(),
                site.to_source(error.range),
            ));
        }
    }

    /// I010: a spread key's value must be one expression.
    fn spread_value(&mut self, key: &ImlString, root: &Value) {
        let Some(value) = key.path.resolve(root) else {
            return;
        };
        let single = match &value.kind {
            ValueKind::String(string) => {
                iml_lang::parse_template(string.decoded.as_str()).is_single_expression()
            }
            _ => false,
        };
        if !single {
            self.out.push(diagnostic(
                "I010",
                severity_of("I010"),
                "the value of a `{{...}}` spread key must be a single `{{ }}` expression that \
                 yields an object, e.g. \"{{omit(parameters, 'id')}}\""
                    .to_owned(),
                value.range,
            ));
        }
    }

    fn semantics(&mut self, site: &Site<'_>, context: &SiteContext) {
        for expr in site.block.expr.walk() {
            match &expr.kind {
                // The tail of `headers.X-Rate` is no variable but a property
                // name, which I007 already reports.
                ExprKind::Name(name) if in_hyphenated_name(site, name) => {}
                ExprKind::Name(name) => self.root_name(site, name, context),
                ExprKind::Call {
                    callee,
                    args,
                    closed,
                    separators,
                    ..
                } => {
                    // `f(a, b,)`: the empty last argument counts (it is `undefined`).
                    let count = if args.is_empty() {
                        0
                    } else {
                        args.len().max(separators.len() + 1)
                    };
                    self.call(site, expr, callee, count, *closed)
                }
                ExprKind::Member {
                    object,
                    name: Some(member),
                } => {
                    if let ExprKind::Name(root) = &object.kind {
                        self.member(site, expr, root, member, context);
                    }
                }
                ExprKind::String { .. } => {
                    let severity = severity_of(quote_style::CODE);
                    self.out
                        .extend(quote_style::double_quoted_literal(site, expr, severity));
                }
                _ => {}
            }
        }
    }

    fn root_name(&mut self, site: &Site<'_>, name: &Name, context: &SiteContext) {
        let Some(expr_context) = context.expr else {
            // A request whose place is unknown (a module of no known type):
            // which variables it sees is unknown, but a name that is no
            // variable anywhere is a mistake wherever it runs.
            if context.role == RoleKind::Communication
                && context.place.is_none()
                && root_variable(&name.text).is_none()
                && self.in_module_or_unknown_component()
            {
                self.unknown_root(site, name);
            }
            return;
        };
        if expr_context.region == Region::ParameterFile {
            return;
        }
        let range = site.to_source(name.range);
        if root_variable(&name.text).is_some() {
            if let Verdict::Report {
                severity,
                rule,
                reason,
            } = check_variable(&name.text, &expr_context)
            {
                let message = format!(
                    "`{}` is not available here: {reason}; {}",
                    name.text,
                    fix_hint(rule, &name.text)
                );
                self.out.push(diagnostic(rule, severity, message, range));
            }
            return;
        }
        self.unknown_root(site, name);
    }

    /// Whether the file is a module's, or of no known component: Endpoints
    /// have no place in the catalogue, so their variables are not known.
    fn in_module_or_unknown_component(&self) -> bool {
        self.analysis
            .role(self.file)
            .component
            .is_none_or(|component| component.kind == ComponentKind::Module)
    }

    /// I002 for a root name that is no variable of any place.
    fn unknown_root(&mut self, site: &Site<'_>, name: &Name) {
        if keyword(&name.text).is_some() || name.backticked {
            return;
        }
        let range = site.to_source(name.range);
        let candidates = root_variables().iter().map(|v| v.name);
        let suggestion = did_you_mean(&name.text, candidates);
        let message = match suggestion {
            Some(s) => format!("unknown variable `{}`; did you mean `{s}`?", name.text),
            None => format!(
                "unknown variable `{}`: IML has no such root variable; use one of `parameters`, \
                 `connection`, `temp`, `body`, … or quote literal text as 'text'",
                name.text
            ),
        };
        let mut d = diagnostic("I002", severity_of("I002"), message, range);
        if let Some(s) = suggestion {
            d.fixes.push(rename_fix(range, s));
        }
        self.out.push(d);
    }

    fn call(&mut self, site: &Site<'_>, expr: &Expr, callee: &Name, args: usize, closed: bool) {
        if let Some(function) = function(&callee.text) {
            if closed && !function.accepts_arg_count(args) {
                let expected = match function.max_args {
                    Some(max) if max == function.min_args => format!("{max}"),
                    Some(max) => format!("{} to {max}", function.min_args),
                    None => format!("at least {}", function.min_args),
                };
                let message = format!(
                    "`{}` takes {expected} argument{}, but {args} {} given: `{}`",
                    callee.text,
                    if expected == "1" { "" } else { "s" },
                    if args == 1 { "is" } else { "are" },
                    function.signature()
                );
                self.out.push(diagnostic(
                    "I004",
                    severity_of("I004"),
                    message,
                    site.to_source(expr.range),
                ));
            }
            return;
        }
        if self.custom_functions().iter().any(|f| f == &callee.text) {
            return;
        }
        let range = site.to_source(callee.range);
        let suggestion = functions()
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(&callee.text))
            .map(|f| f.name)
            .or_else(|| did_you_mean(&callee.text, functions().iter().map(|f| f.name)));
        // Without a manifest, an app's custom functions are often not part of
        // the files at hand: only typos of built-ins are certain then.
        if suggestion.is_none() && !self.functions_known() {
            return;
        }
        let message = match suggestion {
            Some(s) => format!("unknown function `{}`; did you mean `{s}`?", callee.text),
            None if self.custom_functions().is_empty() => format!(
                "unknown function `{}`: not built in, and no custom function of this app was found; \
                 check the spelling or add the custom function",
                callee.text
            ),
            None => format!(
                "unknown function `{}`: neither built in nor a custom function of this app; check \
                 the spelling or add the custom function",
                callee.text
            ),
        };
        let mut d = diagnostic("I003", severity_of("I003"), message, range);
        if let Some(s) = suggestion {
            d.fixes.push(rename_fix(range, s));
        }
        self.out.push(d);
    }

    fn member(
        &mut self,
        site: &Site<'_>,
        expr: &Expr,
        root: &Name,
        member: &Name,
        context: &SiteContext,
    ) {
        let Some(expr_context) = context.expr else {
            return;
        };
        if expr_context.region == Region::ParameterFile || root.backticked {
            return;
        }
        // A root that is itself out of place has been reported already.
        if check_variable(&root.text, &expr_context) != Verdict::Allowed {
            return;
        }
        let range = site.to_source(expr.range);
        if let Some(restriction) = member_restriction(&root.text, &member.text, expr_context.place)
        {
            let message = format!(
                "`{}.{}` is not available here: {}; use `{}.redirectUri`",
                root.text, member.text, restriction.reason, root.text
            );
            self.out.push(diagnostic(
                restriction.rule,
                restriction.severity,
                message,
                range,
            ));
            return;
        }
        match root.text.as_str() {
            "parameters" => {
                let root_range = (!root.backticked).then(|| site.to_source(root.range));
                self.parameter(&member.text, range, root_range, &expr_context)
            }
            "connection" => {
                // The fix rewrites the key alone; a backticked key keeps its
                // spelling to a person.
                let key_range = (!member.backticked).then(|| site.to_source(member.range));
                self.connection_key(&member.text, range, key_range, &expr_context)
            }
            "data" => self.data_key(&member.text, range, &expr_context),
            "temp" => self.temp_key(site, &member.text, range, context),
            _ => {}
        }
    }
}

fn fix_hint(rule: &str, name: &str) -> String {
    match rule {
        "C011" => {
            "copy what you need into `temp` in `authorize.response` and read `temp.<key>` here"
                .to_owned()
        }
        "C012" => {
            "pass the value in through a connection parameter or common data instead".to_owned()
        }
        _ => format!("move the expression to where `{name}` is set, or read the value another way"),
    }
}

/// Whether `name` lies inside a property name that I007 says needs backticks.
fn in_hyphenated_name(site: &Site<'_>, name: &Name) -> bool {
    site.block.errors.iter().any(|error| {
        error.code == iml_lang::error::NEEDS_BACKTICKS && error.range.contains_range(name.range)
    })
}
