//! The fix loop of `iml-ls check --fix` (`AnalysisHost::fix_all_rounds`) on
//! small made-up apps, held in memory only.
//!
//! The loop is checked against a model of it built from the one-pass API
//! (`plan_fix_all_with` on a snapshot, round after round). The model checks
//! each round's plan edit by edit, so the real loop, whatever it caches
//! between rounds, must come out with exactly the model's texts and codes;
//! re-planning only some files is then safe only if it changes nothing.

use std::path::PathBuf;

use iml_analysis::{
    AnalysisHost, Diagnostic, FixAll, FixMode, MAX_FIX_ROUNDS, Safety, TextEdit, plan_fix_all_with,
};
use iml_jsonc::JsonDocument;

/// Where a file of the made-up app may sit: one component of each kind the
/// rules with fixes look at, plus the layout files that give them roles.
const PATHS: &[&str] = &[
    "/app/makecomapp.json",
    "/app/general/base.iml.json",
    "/app/general/common.json",
    "/app/modules/groups.json",
    "/app/modules/list/list.communication.iml.json",
    "/app/modules/list/list.mappable-params.iml.json",
    "/app/modules/list/list.static-params.iml.json",
    "/app/modules/list/list.interface.iml.json",
    "/app/connections/key/key.communication.iml.json",
    "/app/connections/key/key.params.iml.json",
    "/app/connections/cc/cc.oauth-communication.iml.json",
    "/app/rpcs/projects/projects.communication.iml.json",
];

/// Text that makes rules with fixes fire, named by one control byte each
/// (see [`expand`]), so that a mutation of one byte can add a whole problem.
const PIECES: [&str; 28] = [
    r#""tokne""#,
    r#""heaers""#,
    r#""outptu""#,
    r#""GTE""#,
    r#""{{paramters.x}}""#,
    r#""{{lenght(body)}}""#,
    r#""{{\"a\"}}""#,
    r#""true""#,
    r#""log": { "sanitize": [] }"#,
    r#""{{body.access_token}}""#,
    r#""url": "/items""#,
    r#""method": "post""#,
    r#""response": { "output": "{{body}}" }"#,
    r#""pagination": { "mergeWithParent": "true" }"#,
    r#""type": "Text""#,
    r#""name": "x", "label": "X""#,
    r#""requierd": true"#,
    "{",
    "}",
    "[",
    "]",
    ", ",
    ": ",
    r#""token": { "url": "https://auth.example.com/token", "response": { "data": { "accessToken": "{{body.access_token}}" } } }"#,
    r#""qs": { "limit": 10 }"#,
    r#""condition": false"#,
    r#""{{connection.accessToken}}""#,
    r#""{{bdy.x}}""#,
];

/// At most this many files: enough for fixes in one file to reach another.
const MAX_FILES: usize = 6;

/// A control byte (other than tab and the line breaks) stands for a piece;
/// everything else is text, decoded lossily.
fn expand(body: &[u8]) -> String {
    let mut out = Vec::with_capacity(body.len());
    for &byte in body {
        let piece = match byte {
            0x01..=0x08 => Some(usize::from(byte) - 0x01),
            0x0b | 0x0c => Some(usize::from(byte) - 0x0b + 8),
            0x0e..=0x1f => Some(usize::from(byte) - 0x0e + 10),
            _ => None,
        };
        match piece {
            Some(index) => out.extend_from_slice(PIECES[index].as_bytes()),
            None => out.push(byte),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every bare `\n` as `\r\n`, so that the CR LF handling of inserted lines
/// is exercised.
fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous = None;
    for c in text.chars() {
        if c == '\n' && previous != Some('\r') {
            out.push('\r');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Input: `[flags: u8]`, then files of `[path: u8][text]` separated by
/// `0x00`; a later file on the same path replaces the earlier one. Flag bit
/// 0 takes unsafe fixes too, bit 1 writes every line break as CR LF.
/// Checks: each round's plan is well formed and comes from the diagnostics'
/// fixes; the loop's texts and codes equal the model's; a file that parsed
/// without syntax errors still does; a second run on the fixed texts fixes
/// nothing, unless the first stopped at the round limit or stopped a file
/// that would have gone back to an earlier text (both are the loop's
/// documented way to end, with fixes still to take).
pub fn fix_loop(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mode = if flags & 1 == 0 {
        FixMode::Safe
    } else {
        FixMode::WithUnsafe
    };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for chunk in rest.split(|&b| b == 0).take(MAX_FILES) {
        let Some((&which, body)) = chunk.split_first() else {
            continue;
        };
        let path = PathBuf::from(PATHS[usize::from(which) % PATHS.len()]);
        let text = if flags & 2 == 0 {
            expand(body)
        } else {
            to_crlf(&expand(body))
        };
        match files.iter_mut().find(|(known, _)| *known == path) {
            Some(file) => file.1 = text,
            None => files.push((path, text)),
        }
    }
    if files.is_empty() {
        return;
    }
    let paths: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    let model = model_rounds(&files, mode);

    let mut host = AnalysisHost::new();
    for (path, text) in &files {
        host.set_file(path.clone(), text.clone());
    }
    let fixed = host.fix_all_rounds(&paths, MAX_FIX_ROUNDS, mode);
    for file in &fixed {
        assert_eq!(
            fixed.iter().filter(|other| other.path == file.path).count(),
            1,
            "{:?} reported twice",
            file.path
        );
    }
    let after = host.snapshot();
    for (index, (path, original)) in files.iter().enumerate() {
        let expected = &model.texts[index];
        match fixed.iter().find(|file| &file.path == path) {
            Some(file) => {
                assert_eq!(
                    &file.text, expected,
                    "{path:?}: the loop and its model differ"
                );
                assert_eq!(
                    file.applied, model.applied[index],
                    "{path:?}: applied codes"
                );
            }
            None => assert!(
                model.applied[index].is_empty(),
                "{path:?}: the model applied {:?}, the loop nothing",
                model.applied[index]
            ),
        }
        assert_eq!(after.file_text(path), Some(expected.as_str()), "{path:?}");
        if JsonDocument::parse(original.clone())
            .syntax_errors()
            .is_empty()
        {
            let errors = JsonDocument::parse(expected.clone()).syntax_errors();
            assert!(
                errors.is_empty(),
                "{path:?}: fixes {:?} broke the syntax: {errors:?} in {expected:?}",
                model.applied[index]
            );
        }
    }

    if model.converged && !model.stopped_a_file {
        let again = host.fix_all_rounds(&paths, MAX_FIX_ROUNDS, mode);
        assert!(
            again.is_empty(),
            "a second run still fixed {:?}",
            again
                .iter()
                .map(|file| (&file.path, &file.applied))
                .collect::<Vec<_>>()
        );
    }
}

/// What the loop should do, round by round.
struct Model {
    /// Each file's text at the end, in input order.
    texts: Vec<String>,
    /// Each file's applied codes over all rounds.
    applied: Vec<Vec<&'static str>>,
    /// A round found nothing left to change before the limit.
    converged: bool,
    /// Some file was stopped because its next text was one it had before.
    stopped_a_file: bool,
}

/// The loop as documented: every file planned against one snapshot per
/// round; a file whose next text it already had stops there; the rounds end
/// when none changes or at [`MAX_FIX_ROUNDS`]. A file stays in while it has
/// nothing to fix, since a fix elsewhere may give it something.
fn model_rounds(files: &[(PathBuf, String)], mode: FixMode) -> Model {
    let mut host = AnalysisHost::new();
    for (path, text) in files {
        host.set_file(path.clone(), text.clone());
    }
    let mut history: Vec<Vec<String>> = files.iter().map(|(_, text)| vec![text.clone()]).collect();
    let mut model = Model {
        texts: files.iter().map(|(_, text)| text.clone()).collect(),
        applied: vec![Vec::new(); files.len()],
        converged: false,
        stopped_a_file: false,
    };
    let mut active: Vec<usize> = (0..files.len()).collect();
    for _ in 0..MAX_FIX_ROUNDS {
        let analysis = host.snapshot();
        let mut changes: Vec<(usize, String, Vec<&'static str>)> = Vec::new();
        active.retain(|&index| {
            let path = &files[index].0;
            let text = analysis.file_text(path).expect("every file was set");
            let diagnostics = analysis.diagnostics(path);
            let plan = plan_fix_all_with(text, &diagnostics, mode);
            let next = check_plan(text, &diagnostics, &plan, mode);
            if plan.is_empty() {
                return true;
            }
            if history[index].contains(&next) {
                model.stopped_a_file = true;
                return false;
            }
            changes.push((index, next, plan.applied));
            true
        });
        if changes.is_empty() {
            model.converged = true;
            break;
        }
        for (index, next, applied) in changes {
            host.set_file(files[index].0.clone(), next.clone());
            history[index].push(next.clone());
            model.texts[index] = next;
            model.applied[index].extend(applied);
        }
    }
    model
}

/// Checks one file's plan and returns its text with the plan applied, built
/// here from the edits alone so that every byte outside them is copied.
fn check_plan(text: &str, diagnostics: &[Diagnostic], plan: &FixAll, mode: FixMode) -> String {
    for pair in plan.edits.windows(2) {
        assert!(
            pair[0].range.end() <= pair[1].range.start()
                && pair[0].range.start() != pair[1].range.start(),
            "edits overlap or are out of order: {:?}",
            plan.edits
        );
    }
    assert_eq!(plan.edits.is_empty(), plan.applied.is_empty(), "{plan:?}");
    let crlf = text
        .find('\n')
        .is_some_and(|at| at > 0 && text.as_bytes()[at - 1] == b'\r');
    for edit in &plan.edits {
        assert!(
            diagnostics
                .iter()
                .any(|diagnostic| offers(diagnostic, edit, crlf)),
            "edit {edit:?} is no fix of any diagnostic"
        );
    }
    for code in &plan.applied {
        let taken = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == *code)
            .any(|diagnostic| {
                diagnostic.is_fixable_in(mode)
                    && (mode == FixMode::WithUnsafe
                        || diagnostic.fix_safety() == Some(Safety::Safe))
            });
        assert!(taken, "{code} applied but not fixable in {mode:?}");
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for edit in &plan.edits {
        let (start, end) = (
            usize::from(edit.range.start()),
            usize::from(edit.range.end()),
        );
        assert!(
            end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end),
            "edit {edit:?} outside the text or inside a char"
        );
        out.push_str(&text[pos..start]);
        out.push_str(&edit.new_text);
        pos = end;
    }
    out.push_str(&text[pos..]);
    assert_eq!(
        plan.apply(text),
        out,
        "FixAll::apply differs from its edits"
    );
    out
}

/// Whether `edit` is one of the edits of `diagnostic`'s single fix, its
/// line breaks written as the file writes them.
fn offers(diagnostic: &Diagnostic, edit: &TextEdit, crlf: bool) -> bool {
    let [fix] = diagnostic.fixes.as_slice() else {
        return false;
    };
    fix.edits.iter().any(|offered| {
        offered.range == edit.range
            && if crlf {
                to_crlf(&offered.new_text) == edit.new_text
            } else {
                offered.new_text == edit.new_text
            }
    })
}
