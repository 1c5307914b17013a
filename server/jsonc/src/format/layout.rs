//! Decides the whitespace before every token and comment of a well-formed
//! document in one pass, and turns the decisions into edits.
//!
//! The document is a sequence of elements (tokens and comments) separated
//! by whitespace gaps; gap `i` is the run just before element `i`, and one
//! more gap runs from the last element to the end of the text. Only gaps are
//! ever rewritten.

use text_size::{TextRange, TextSize};

use super::edits::{TextEdit, whitespace_edit};
use super::options::FormatOptions;
use crate::diagnostics::code;
use crate::lexer::{self, TokenKind};
use crate::parser;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open {
        object: bool,
    },
    Close,
    Comma,
    Colon,
    /// A string, number or literal.
    Scalar,
    LineComment,
    BlockComment,
}

impl Kind {
    fn is_comment(self) -> bool {
        matches!(self, Kind::LineComment | Kind::BlockComment)
    }

    /// Can begin a member of a container (a key, or an array element).
    fn starts_member(self) -> bool {
        matches!(self, Kind::Open { .. } | Kind::Scalar)
    }
}

#[derive(Clone, Copy)]
struct Element {
    kind: Kind,
    range: TextRange,
}

/// What goes into one gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Nothing,
    Space,
    /// `lines` line breaks (2 leaves one blank line), then indentation for `depth`.
    Break {
        lines: u8,
        depth: u32,
    },
}

/// Where a member of an object is: between members, or after its key or colon.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Between,
    AfterKey,
    AfterColon,
}

struct Frame {
    object: bool,
    depth: u32,
    /// Spans several source lines and holds something: one member per line.
    expanded: bool,
    slot: Slot,
}

/// A container chosen for range formatting.
#[derive(Clone, Copy)]
pub(super) struct Scope {
    open: usize,
    close: usize,
    depth: u32,
}

pub(super) struct Layout<'a> {
    text: &'a str,
    elements: Vec<Element>,
    /// Line breaks in each gap (`elements.len() + 1` entries).
    breaks: Vec<u32>,
    /// For each opener, the index of its closer.
    partner: Vec<usize>,
    /// Source line of each element's start.
    line: Vec<u32>,
    /// Where the first gap starts (after a byte order mark).
    content_start: usize,
}

/// Output may grow by indentation, but past this factor something is off
/// (thousands of levels, a huge tab size): decline instead of allocating.
const MAX_GROWTH: usize = 16;
const MIN_BUDGET: usize = 1 << 20;

fn breaks_in(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut count = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            count += 1;
        }
    }
    count
}

fn usize_of(offset: TextSize) -> usize {
    u32::from(offset) as usize
}

impl<'a> Layout<'a> {
    /// `None` when the text has errors that make its structure uncertain.
    pub(super) fn new(text: &'a str) -> Option<Self> {
        if u32::try_from(text.len()).is_err() {
            return None;
        }
        let parsed = parser::parse(&std::sync::Arc::from(text));
        let harmless = [code::TRAILING_COMMA, code::DUPLICATE_KEY];
        if parsed.errors.iter().any(|e| !harmless.contains(&e.code)) {
            return None;
        }
        let lexed = lexer::lex(text);
        let mut elements = Vec::with_capacity(lexed.tokens.len() + lexed.comments.len());
        let mut comments = lexed.comments.iter().peekable();
        for token in &lexed.tokens {
            while let Some(&&c) = comments.peek().filter(|c| c.start() < token.range.start()) {
                elements.push(comment(text, c));
                comments.next();
            }
            let kind = match token.kind {
                TokenKind::LBrace => Kind::Open { object: true },
                TokenKind::LBracket => Kind::Open { object: false },
                TokenKind::RBrace | TokenKind::RBracket => Kind::Close,
                TokenKind::Comma => Kind::Comma,
                TokenKind::Colon => Kind::Colon,
                TokenKind::String(_)
                | TokenKind::Number
                | TokenKind::True
                | TokenKind::False
                | TokenKind::Null => Kind::Scalar,
                // Reported as errors, so never here; decline all the same.
                TokenKind::Word | TokenKind::SingleQuoted => return None,
            };
            elements.push(Element {
                kind,
                range: token.range,
            });
        }
        elements.extend(comments.map(|&c| comment(text, c)));

        let content_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut breaks = Vec::with_capacity(elements.len() + 1);
        let mut line = Vec::with_capacity(elements.len());
        let mut current_line = 0u32;
        let mut gap_start = content_start;
        for (i, element) in elements.iter().enumerate() {
            let gap = breaks_in(&text[gap_start..usize_of(element.range.start())]);
            breaks.push(gap);
            // An empty container always closes up, so the lines inside it
            // must not make the container around it span several lines:
            // formatting only the inner one would then change the outer one.
            let closes_up = i > 0
                && matches!(elements[i - 1].kind, Kind::Open { .. })
                && element.kind == Kind::Close;
            if !closes_up {
                current_line += gap;
            }
            line.push(current_line);
            if element.kind == Kind::BlockComment {
                current_line += breaks_in(&text[element.range]);
            }
            gap_start = usize_of(element.range.end());
        }
        breaks.push(breaks_in(&text[gap_start..]));

        let mut partner = vec![usize::MAX; elements.len()];
        let mut open = Vec::new();
        for (i, element) in elements.iter().enumerate() {
            match element.kind {
                Kind::Open { .. } => open.push(i),
                Kind::Close => partner[open.pop()?] = i,
                _ => {}
            }
        }
        if !open.is_empty() {
            return None;
        }

        Some(Layout {
            text,
            elements,
            breaks,
            partner,
            line,
            content_start,
        })
    }

    /// The innermost container whose span covers `range`.
    pub(super) fn covering_container(&self, range: TextRange) -> Option<Scope> {
        let mut best = None;
        let mut depth = 0u32;
        for (i, element) in self.elements.iter().enumerate() {
            match element.kind {
                Kind::Open { .. } => {
                    let close = self.partner[i];
                    let span =
                        TextRange::new(element.range.start(), self.elements[close].range.end());
                    if span.contains_range(range) {
                        best = Some(Scope {
                            open: i,
                            close,
                            depth,
                        });
                    }
                    depth += 1;
                }
                Kind::Close => depth -= 1,
                _ => {}
            }
        }
        best
    }

    /// A comment that shares its line with the member after it: it goes
    /// with that member rather than trailing what came before.
    fn leads_a_member(&self, comment: usize) -> bool {
        let mut i = comment;
        while i + 1 < self.elements.len() && self.breaks[i + 1] == 0 {
            i += 1;
            let kind = self.elements[i].kind;
            if !kind.is_comment() {
                return kind.starts_member();
            }
        }
        false
    }

    /// The whitespace for each gap, in order.
    fn spaces(&self) -> Vec<Gap> {
        let n = self.elements.len();
        let mut spaces = Vec::with_capacity(n + 1);
        spaces.push(Gap::Nothing);
        let mut stack: Vec<Frame> = Vec::new();
        for a in 0..n {
            let kind = self.elements[a].kind;
            match kind {
                Kind::Open { object } => {
                    if let Some(outer) = stack.last_mut()
                        && outer.slot == Slot::AfterColon
                    {
                        outer.slot = Slot::Between;
                    }
                    let close = self.partner[a];
                    stack.push(Frame {
                        object,
                        depth: stack.len() as u32,
                        expanded: close > a + 1 && self.line[close] > self.line[a],
                        slot: Slot::Between,
                    });
                }
                Kind::Close => {
                    stack.pop();
                }
                Kind::Scalar => {
                    if let Some(frame) = stack.last_mut().filter(|f| f.object) {
                        frame.slot = match frame.slot {
                            Slot::Between => Slot::AfterKey,
                            Slot::AfterKey | Slot::AfterColon => Slot::Between,
                        };
                    }
                }
                Kind::Colon => {
                    if let Some(frame) = stack.last_mut() {
                        frame.slot = Slot::AfterColon;
                    }
                }
                Kind::Comma | Kind::LineComment | Kind::BlockComment => {}
            }
            if a + 1 < n {
                spaces.push(self.space_between(a, stack.last()));
            }
        }
        if n > 0 {
            // The final gap is decided by the options when rendering.
            spaces.push(Gap::Nothing);
        }
        spaces
    }

    /// The whitespace between elements `a` and `a + 1`, inside `frame`.
    fn space_between(&self, a: usize, frame: Option<&Frame>) -> Gap {
        let b = a + 1;
        let (ka, kb) = (self.elements[a].kind, self.elements[b].kind);
        let source_breaks = self.breaks[b];
        let lines = if source_breaks >= 2 { 2 } else { 1 };
        let Some(frame) = frame else {
            return if ka == Kind::LineComment || source_breaks > 0 {
                Gap::Break { lines, depth: 0 }
            } else {
                Gap::Space
            };
        };
        let d = frame.depth;
        if ka == Kind::LineComment && !frame.expanded {
            // Impossible in a one-line container; keep the text valid anyway.
            return Gap::Break {
                lines: 1,
                depth: d + 1,
            };
        }
        if !frame.expanded {
            let padded = frame.object;
            return match (ka, kb) {
                (Kind::Open { .. }, Kind::Close) => Gap::Nothing,
                (Kind::Open { .. }, _) | (_, Kind::Close) if padded => Gap::Space,
                (Kind::Open { .. }, _) | (_, Kind::Close) => Gap::Nothing,
                (_, Kind::Comma | Kind::Colon) => Gap::Nothing,
                _ => Gap::Space,
            };
        }
        if frame.object && frame.slot != Slot::Between {
            // Inside one member, between its key, colon and value.
            return match (ka, kb) {
                (Kind::LineComment, Kind::Open { .. }) => Gap::Break {
                    lines: 1,
                    depth: d + 1,
                },
                (Kind::LineComment, _) => Gap::Break {
                    lines: 1,
                    depth: d + 2,
                },
                (_, kb) if kb.is_comment() && source_breaks > 0 => Gap::Break {
                    lines: 1,
                    depth: d + 2,
                },
                (_, Kind::Colon) => Gap::Nothing,
                _ => Gap::Space,
            };
        }
        let member_line = Gap::Break {
            lines,
            depth: d + 1,
        };
        match (ka, kb) {
            (_, Kind::Close) => Gap::Break { lines: 1, depth: d },
            (Kind::LineComment, _) => member_line,
            (Kind::Open { .. }, kb) => {
                if kb.is_comment() && source_breaks == 0 && !self.leads_a_member(b) {
                    Gap::Space
                } else {
                    Gap::Break {
                        lines: 1,
                        depth: d + 1,
                    }
                }
            }
            (_, Kind::Comma) => Gap::Nothing,
            (ka, kb) if kb.is_comment() => {
                if source_breaks == 0 && (ka.is_comment() || !self.leads_a_member(b)) {
                    Gap::Space
                } else {
                    member_line
                }
            }
            (Kind::BlockComment, _) if source_breaks == 0 => Gap::Space,
            _ => member_line,
        }
    }

    /// Line breaks in the final gap once the options have had their say.
    fn final_lines(&self, options: &FormatOptions) -> u32 {
        let mut lines = self.breaks[self.elements.len()];
        if options.trim_final_newlines {
            lines = lines.min(1);
        }
        if options.insert_final_newline {
            lines = lines.max(1);
        }
        lines
    }

    /// The line break every rewritten gap gets: the style of the first line
    /// break between elements that the formatted document keeps, or, when
    /// there is none, of the first one inside a block comment.
    ///
    /// A mixed file has no single style, and whatever is picked must stay
    /// picked once the document (or one container of it) is formatted.
    /// Breaks the formatter removes cannot decide: formatting a range could
    /// remove them while leaving differently styled ones outside the range,
    /// and the next run would pick those. A kept break is rewritten in the
    /// chosen style, so the choice survives any number of runs.
    fn newline(&self, spaces: &[Gap], final_lines: u32) -> &'static str {
        let n = self.elements.len();
        let kept = (0..=n).find(|&i| {
            let keeps = if i == n {
                final_lines > 0
            } else {
                matches!(spaces[i], Gap::Break { .. })
            };
            keeps && self.breaks[i] > 0
        });
        let source = match kept {
            Some(i) => {
                let (start, end) = gap_range(self.text, &self.elements, self.content_start, i);
                &self.text[start..end]
            }
            None => self
                .elements
                .iter()
                .filter(|e| e.kind == Kind::BlockComment)
                .map(|e| &self.text[e.range])
                .find(|c| c.contains(['\n', '\r']))
                .unwrap_or(""),
        };
        match source.find(['\n', '\r']) {
            Some(i) if source[i..].starts_with("\r\n") => "\r\n",
            _ => "\n",
        }
    }

    /// Edits for every gap (or only those inside `scope`).
    pub(super) fn edits(
        &self,
        options: &FormatOptions,
        scope: Option<Scope>,
    ) -> Option<Vec<TextEdit>> {
        let n = self.elements.len();
        if n == 0 {
            return Some(Vec::new());
        }
        let unit = if options.insert_spaces {
            " ".repeat(options.tab_size.min(u16::MAX.into()) as usize)
        } else {
            "\t".to_owned()
        };
        let (gaps, base, base_depth) = match scope {
            Some(scope) => {
                let open = usize_of(self.elements[scope.open].range.start());
                let line_start = self.text[..open]
                    .rfind(['\n', '\r'])
                    .map_or(self.content_start, |i| i + 1);
                let base: &str = &self.text[line_start..];
                let base = &base[..base.len() - base.trim_start_matches([' ', '\t']).len()];
                (scope.open + 1..scope.close + 1, base, scope.depth)
            }
            None => (0..n + 1, "", 0),
        };
        let spaces = self.spaces();
        let final_lines = self.final_lines(options);
        let newline = self.newline(&spaces, final_lines);
        let budget = (self.text.len() * MAX_GROWTH).max(MIN_BUDGET);
        let mut written = 0usize;
        let mut edits = Vec::new();
        let mut new = String::new();
        for i in gaps {
            new.clear();
            if i == n {
                for _ in 0..final_lines {
                    new.push_str(newline);
                }
            } else {
                match spaces[i] {
                    Gap::Nothing => {}
                    Gap::Space => new.push(' '),
                    Gap::Break { lines, depth } => {
                        for _ in 0..lines {
                            new.push_str(newline);
                        }
                        new.push_str(base);
                        for _ in base_depth..depth {
                            new.push_str(&unit);
                        }
                    }
                }
            }
            written += new.len();
            if written > budget {
                return None;
            }
            let (start, end) = gap_range(self.text, &self.elements, self.content_start, i);
            let start_offset = TextSize::from(start as u32);
            edits.extend(whitespace_edit(start_offset, &self.text[start..end], &new));
        }
        Some(edits)
    }
}

/// Gap `i` runs from the end of element `i - 1` to the start of element `i`
/// (or the end of the text).
fn gap_range(text: &str, elements: &[Element], content_start: usize, i: usize) -> (usize, usize) {
    let start = match i {
        0 => content_start,
        _ => usize_of(elements[i - 1].range.end()),
    };
    let end = elements
        .get(i)
        .map_or(text.len(), |e| usize_of(e.range.start()));
    (start, end)
}

fn comment(text: &str, range: TextRange) -> Element {
    let kind = if text[range].starts_with("//") {
        Kind::LineComment
    } else {
        Kind::BlockComment
    };
    Element { kind, range }
}
