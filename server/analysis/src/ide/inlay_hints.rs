//! Inlay hints: the value Make gives the OAuth redirect URI variables, and
//! the parameter names of IML function arguments.

use std::path::Path;

use iml_catalogue::{Place, root_variable};
use iml_lang::{Expr, ExprKind};
use text_size::{TextRange, TextSize};

use crate::host::Analysis;
use crate::semantic::{ImlString, context_at_path, sites};

impl Analysis {
    /// Inlay hints of `path`, only those inside `range` when given.
    pub fn inlay_hints(
        &self,
        path: &Path,
        range: Option<TextRange>,
        config: &InlayHintsConfig,
    ) -> Vec<InlayHint> {
        inlay_hints(self, path, range, config)
    }
}

/// Which hints to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlayHintsConfig {
    /// `oauth.localRedirectUri` → `= https://www.make.com/oauth/cb/app`.
    pub redirect_uris: bool,
    /// `addDays(date: now, n: 1)`.
    pub parameter_names: bool,
}

impl Default for InlayHintsConfig {
    fn default() -> Self {
        InlayHintsConfig {
            redirect_uris: true,
            parameter_names: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InlayHintKind {
    /// A value shown after an expression.
    Value,
    /// A parameter name shown before an argument.
    Parameter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is drawn (between two characters).
    pub offset: TextSize,
    pub label: String,
    pub kind: InlayHintKind,
    pub tooltip: Option<String>,
    pub padding_left: bool,
    pub padding_right: bool,
}

pub(crate) fn inlay_hints(
    analysis: &Analysis,
    file: &Path,
    filter: Option<TextRange>,
    config: &InlayHintsConfig,
) -> Vec<InlayHint> {
    let Some(sites) = sites(analysis, file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for string in &sites.strings {
        if filter.is_some_and(|f| f.intersect(string.range).is_none()) {
            continue;
        }
        let mut place = None;
        for block in &string.template.blocks {
            for expr in block.expr.walk() {
                if config.redirect_uris
                    && let Some(hint) = redirect_hint(analysis, file, string, expr, &mut place)
                {
                    out.push(hint);
                }
                if config.parameter_names {
                    parameter_hints(string, expr, &mut out);
                }
            }
        }
    }
    out.retain(|hint| filter.is_none_or(|f| f.contains_inclusive(hint.offset)));
    out.sort_by_key(|hint| hint.offset);
    out
}

/// The redirect URI Make substitutes for `oauth.<variable>`.
fn redirect_hint(
    analysis: &Analysis,
    file: &Path,
    string: &ImlString,
    expr: &Expr,
    place: &mut Option<Option<Place>>,
) -> Option<InlayHint> {
    let ExprKind::Member {
        object,
        name: Some(member),
    } = &expr.kind
    else {
        return None;
    };
    let ExprKind::Name(root) = &object.kind else {
        return None;
    };
    if root.text != "oauth" || !member.text.ends_with("edirectUri") {
        return None;
    }
    let doc = root_variable("oauth")?.member(&member.text)?.doc;
    let place =
        *place.get_or_insert_with(|| context_at_path(analysis, file, &string.path, false).place);
    let url = redirect_url(doc, place == Some(Place::ConnectionOAuth1))?;
    Some(InlayHint {
        offset: string.to_source(expr.range).end(),
        label: format!("= {url}"),
        kind: InlayHintKind::Value,
        tooltip: Some(doc.to_owned()),
        padding_left: true,
        padding_right: false,
    })
}

/// The callback URL a variable's documentation names: the first one, or for
/// OAuth 1 the one meant for OAuth 1 when the documentation lists one.
fn redirect_url(doc: &str, oauth1: bool) -> Option<&str> {
    let urls: Vec<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|part| part.starts_with("https://"))
        .collect();
    let for_oauth1 = urls.iter().find(|url| url.ends_with("oauth1")).copied();
    let general = urls.iter().find(|url| !url.ends_with("oauth1")).copied();
    if oauth1 {
        for_oauth1.or(general)
    } else {
        general
    }
}

fn parameter_hints(string: &ImlString, expr: &Expr, out: &mut Vec<InlayHint>) {
    let ExprKind::Call { callee, args, .. } = &expr.kind else {
        return;
    };
    let Some(function) = iml_catalogue::function(&callee.text) else {
        return;
    };
    // A lone argument's role is plain from the function's name.
    if function.params.len() < 2 {
        return;
    }
    for (index, arg) in args.iter().enumerate() {
        if arg.is_missing() {
            continue;
        }
        let param = match function.params.get(index) {
            Some(param) => param,
            None => match function.params.last() {
                Some(last) if last.variadic => last,
                _ => break,
            },
        };
        if argument_names_itself(arg, param.name) {
            continue;
        }
        out.push(InlayHint {
            offset: string.to_source(arg.range).start(),
            label: format!("{}:", param.name),
            kind: InlayHintKind::Parameter,
            tooltip: None,
            padding_left: false,
            padding_right: true,
        });
    }
}

/// `parameters.date` passed as `date`: the hint would repeat the argument.
fn argument_names_itself(arg: &Expr, param: &str) -> bool {
    let last = match &arg.kind {
        ExprKind::Name(name) => &name.text,
        ExprKind::Member {
            name: Some(name), ..
        } => &name.text,
        _ => return false,
    };
    last.eq_ignore_ascii_case(param)
}
