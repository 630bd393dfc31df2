//! Finds HTTP status-code mentions in one run of plain prose, in one language.
//!
//! The caller hands over text already extracted from markdown (never code,
//! link text or headings) and the [`Lexicon`] of the text's language, which
//! holds every word the steps below look for (`lexicon/en.txt`,
//! `lexicon/zh-Hans.txt`); no step knows a language. [`scan_prose`] makes one
//! left-to-right pass with bounded look-around (a few words, capped byte
//! counts), in three steps:
//!
//! 1. **Lex.** Collect, in order: legacy explicit links `[LABEL](#DDD ANYTHING)`,
//!    numbers marked with a backslash (`\500`, always a number), standalone
//!    three-digit tokens 100..=599 and standalone class tokens
//!    `1xx`..`5xx` (any case). A token glued to a larger number, word or symbol
//!    (`1.404`, `4040`, `HTTP/1.1`, `10:404`, `404a`, `v200`, `200,000`, `$500`,
//!    `15xx`, `5xxx`) is dropped. CJK characters and punctuation glue nothing:
//!    "返回404错误" holds the token 404.
//! 2. **Group.** A code directly followed by its own title ("401 Unauthorized";
//!    a CJK title may touch it) absorbs the title. Consecutive tokens separated
//!    only by `/` and the lexicon's `[separator]` entries (`,` `or` `and`;
//!    `、` `和` `或`; plus whitespace and quotes) form one list; a token right
//!    after `/` survives only as a non-first list member.
//! 3. **Decide.** A list is in *status context* when the text before its
//!    first member ends with a `[cue]` ("see", "unlike", "a"; "返回", "参见"),
//!    the text after its last member starts with a `[noun]` ("response",
//!    "error"; "响应", "错误"), or a member is a class or a titled code. It is
//!    a *quantity* when the text before ends with a `[count]` entry ("port",
//!    "RFC", "up to"; "端口", "第") or the text after starts with a `[unit]`
//!    ("ms", "bytes", "%"; "秒", "个"), or a `[compound]` noun after a hyphen
//!    ("a 200-page book"). Whitespace must separate a code from the word after
//!    it unless that word is CJK. Titled codes and known classes always link;
//!    other codes link in status context unless the list is a quantity, and
//!    are reported as unknown when the site lacks them. The code of the page
//!    being rendered (`current`) is never reported. Legacy explicit links
//!    always resolve (or land in `unknown_explicit`).
//!
//! Every standalone token that names a code the site has (other than
//! `current`) ends in exactly one place, so nothing is left unlinked by
//! accident: `links`, `numbers` (a quantity, or a number the author marked
//! with a backslash, `\500`) or `bare` (neither cue nor unit: `check` asks
//! the author to decide). Tokens glued to something larger (step 1), or
//! after a `/` that follows a word ("HTTP/200", "/404"), are not mentions.
//!
//! Decisions: a bare list ("401, 403 or 404") needs a cue or trailing word like
//! a lone code; "401,403" is one number; "404s" is not a mention; an unclosed
//! legacy form falls back to the prose rules; "is" is no English cue ("the
//! limit is 500"), so "the answer is 404" is bare, not linked.
use std::ops::Range;

use super::lexicon::{is_cjk, next_char, prev_char, skip_ws_back, skip_ws_fwd, Lexicon, Role, WS_CAP};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Code(u16),
    /// `Class(4)` means 4xx.
    Class(u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the whole construct in the input (what gets replaced by a link).
    pub range: Range<usize>,
    /// Byte range of the text that becomes the link text (equal to `range` for prose forms).
    pub label: Range<usize>,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMention {
    pub range: Range<usize>,
    pub code: u16,
}

/// A three-digit token that is a number, not a status code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Byte range of the construct, the marker backslash included.
    pub range: Range<usize>,
    /// Byte range of the digits (what the page shows).
    pub digits: Range<usize>,
    /// Whether the author marked it (`\500`) rather than a unit or count cue showing it.
    pub marked: bool,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    pub links: Vec<Mention>,
    pub unknown: Vec<UnknownMention>,
    pub unknown_explicit: Vec<UnknownMention>,
    /// Codes the site has, named with neither a cue nor a unit: left as text, for `check` to report.
    pub bare: Vec<UnknownMention>,
    /// Quantities that name a code the site has, and every marked number 100..=599, in order.
    pub numbers: Vec<Number>,
}

/// What the scanner needs to know about the site.
pub trait Known {
    /// The title (reason phrase) of a code the site has, e.g. 401 -> "Unauthorized".
    fn title(&self, code: u16) -> Option<&str>;
    /// In a translated site, the registered (default language) title, which
    /// prose names the code by as well ("429 Too Many Requests").
    fn source_title(&self, _code: u16) -> Option<&str> {
        None
    }
    /// Whether the site has a page for this class (1..=5).
    fn has_class(&self, class: u8) -> bool;
}

/// Longest gap between two members of a list.
const GAP_CAP: usize = 32;
/// Longest LABEL and ANYTHING in a legacy explicit link.
const LEGACY_CAP: usize = 256;

/// Characters that, right before a number, make it part of something else.
#[rustfmt::skip]
const REJECT_BEFORE: &[char] = &[
    '.', ':', '#', '$', '€', '£', '¥', '+', '@', '~', '<', '>', '≈', '≤', '≥', '\\', '§', '№', '−',
    '＄', '￥', '＃', '＋', '～', '＠', '．',
];
/// Characters that, right after a number, make it a quantity.
const REJECT_AFTER: &[char] = &['%', '‰', '+', '°', '€', '£', '¥', '$', '％', '＋', '￥', '＄', '℃'];

#[derive(Debug, Clone, Copy)]
enum Kind {
    Code(u16),
    Class(u8),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    /// Immediately preceded by `/`: only valid as a later list member.
    after_slash: bool,
}

#[derive(Debug)]
enum Item {
    Legacy {
        range: Range<usize>,
        label: Range<usize>,
        code: u16,
    },
    Tok(Tok),
    /// `\DDD` (100..=599): a number by the author's word; `start` is the backslash.
    Marked {
        start: usize,
        end: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Neutral,
    Status,
    Quantity,
}

/// A list member: the token, the end of its extent (after its title) and whether a title matched.
type Member = (Tok, usize, bool);

/// Scans prose written in the lexicon's language. `current` is the code whose
/// own page is being rendered (its mentions are not linked).
pub fn scan_prose(text: &str, lexicon: &Lexicon, known: &dyn Known, current: Option<u16>) -> Scan {
    let items = lex(text);
    let mut scan = Scan::default();
    let mut group: Vec<Member> = Vec::new();
    let mut floor = 0; // end of the last construct handled; later items must start after it
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        i += 1;
        let start = match item {
            Item::Legacy { range, .. } => range.start,
            Item::Tok(tok) => tok.start,
            Item::Marked { start, .. } => *start,
        };
        if start < floor {
            continue;
        }
        match item {
            Item::Legacy { range, label, code } => {
                floor = range.end;
                if known.title(*code).is_some() {
                    link(&mut scan, range.clone(), label.clone(), Target::Code(*code));
                } else {
                    let range = range.clone();
                    scan.unknown_explicit.push(UnknownMention { range, code: *code });
                }
            }
            Item::Marked { start, end, .. } => {
                floor = *end;
                scan.numbers.push(Number { range: *start..*end, digits: start + 1..*end, marked: true });
            }
            Item::Tok(tok) if tok.after_slash => {}
            Item::Tok(tok) => {
                group.clear();
                group.push(member(text, *tok, known));
                while let Some(Item::Tok(next)) = items.get(i) {
                    let prev_end = group[group.len() - 1].1;
                    if next.start < prev_end {
                        i += 1; // swallowed by a title
                        continue;
                    }
                    if !is_separator(text, prev_end..next.start, lexicon) {
                        break;
                    }
                    group.push(member(text, *next, known));
                    i += 1;
                }
                floor = group[group.len() - 1].1;
                decide(text, lexicon, &group, known, current, &mut scan);
            }
        }
    }
    scan
}

/// Step 1: legacy links and standalone tokens, in order.
fn lex(text: &str) -> Vec<Item> {
    let b = text.as_bytes();
    let mut items = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'[' {
            if let Some(item) = legacy(text, i) {
                if let Item::Legacy { range, .. } = &item {
                    i = range.end;
                }
                items.push(item);
            } else {
                i += 1;
            }
            continue;
        }
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let kind = match i - start {
            3 => {
                let v = b[start..i].iter().fold(0u16, |n, &c| n * 10 + u16::from(c - b'0'));
                if !(100..=599).contains(&v) {
                    continue;
                }
                Kind::Code(v)
            }
            1 if matches!(b.get(i..i + 2), Some([b'x' | b'X', b'x' | b'X'])) => {
                i += 2;
                match b[start] - b'0' {
                    n @ 1..=5 => Kind::Class(n),
                    _ => continue,
                }
            }
            _ => continue,
        };
        if let (Kind::Code(_), Some('\\')) = (kind, prev_char(text, start)) {
            if standalone(text, start - 1, i).is_some() {
                items.push(Item::Marked { start: start - 1, end: i });
            }
            continue;
        }
        if let Some(after_slash) = standalone(text, start, i) {
            items.push(Item::Tok(Tok { start, end: i, kind, after_slash }));
        }
    }
    items
}

/// `[LABEL](#DDD ANYTHING)` starting at `open` (a `[`).
fn legacy(text: &str, open: usize) -> Option<Item> {
    let b = text.as_bytes();
    let ls = open + 1;
    let close = ls + b.get(ls..)?.iter().take(LEGACY_CAP + 1).position(|&c| c == b']' || c == b'[')?;
    if b[close] != b']' || text[ls..close].trim().is_empty() || b.get(close + 1..close + 3)? != b"(#" {
        return None;
    }
    let d = close + 3;
    let digits = b.get(d..d + 3)?;
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let code = digits.iter().fold(0u16, |n, &c| n * 10 + u16::from(c - b'0'));
    let mut k = d + 3;
    match b.get(k) {
        Some(b')') => {}
        Some(c) if c.is_ascii_whitespace() => {
            let mut rest = b[k..].iter().take(LEGACY_CAP + 1);
            k += rest.position(|&c| matches!(c, b')' | b'(' | b'[' | b']'))?;
            if b[k] != b')' {
                return None;
            }
        }
        _ => return None,
    }
    Some(Item::Legacy { range: open..k + 1, label: ls..close, code })
}

/// Whether the token `start..end` stands alone; `Some(true)` when it follows a `/`.
fn standalone(text: &str, start: usize, end: usize) -> Option<bool> {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let after_slash = match prev_char(text, start) {
        Some('/') => true,
        Some(c) if is_glue(c) || REJECT_BEFORE.contains(&c) => return None,
        Some(c @ (',' | '-' | '–')) if digit(prev_char(text, start - c.len_utf8())) => return None,
        _ => false,
    };
    match next_char(text, end) {
        Some(c) if is_glue(c) || REJECT_AFTER.contains(&c) => return None,
        Some(c @ ('.' | ',' | ':' | '-' | '–')) if digit(next_char(text, end + c.len_utf8())) => {
            return None
        }
        Some('/') if next_char(text, end + 1).is_some_and(char::is_alphabetic) => return None,
        _ => {}
    }
    Some(after_slash)
}

/// A list member; codes absorb their title when it follows.
fn member(text: &str, tok: Tok, known: &dyn Known) -> Member {
    if let Kind::Code(c) = tok.kind {
        let titled = |t: &str| match_title(text, tok.end, t);
        if let Some(end) = known.title(c).and_then(titled).or_else(|| known.source_title(c).and_then(titled))
        {
            return (tok, end, true);
        }
    }
    (tok, tok.end, false)
}

/// End of `title` when it follows `pos` after whitespace (case-insensitive, any apostrophe).
fn match_title(text: &str, pos: usize, title: &str) -> Option<usize> {
    let title = title.trim();
    let rest = text.get(pos..)?;
    let mut chars = rest.char_indices().peekable();
    let skip_ws = |chars: &mut std::iter::Peekable<std::str::CharIndices>| {
        let mut n = 0;
        while let Some(&(_, c)) = chars.peek() {
            if !c.is_whitespace() || n > WS_CAP {
                break;
            }
            n += c.len_utf8();
            chars.next();
        }
        n > 0
    };
    // A title in a script without spaces may touch the code ("404未找到").
    let touches = title.chars().next().is_some_and(is_cjk);
    if title.is_empty() || !skip_ws(&mut chars) && !touches {
        return None;
    }
    let mut tchars = title.chars().peekable();
    while let Some(tc) = tchars.next() {
        if tc.is_whitespace() {
            while tchars.next_if(|c| c.is_whitespace()).is_some() {}
            if !skip_ws(&mut chars) {
                return None;
            }
        } else {
            let (_, c) = chars.next()?;
            let same =
                c == tc || (is_apostrophe(c) && is_apostrophe(tc)) || c.to_lowercase().eq(tc.to_lowercase());
            if !same {
                return None;
            }
        }
    }
    let end = pos + chars.peek().map_or(rest.len(), |&(i, _)| i);
    let glued = next_char(text, end).is_some_and(is_glue);
    if glued && title.chars().next_back().is_some_and(is_glue) {
        return None;
    }
    Some(end)
}

/// Whether `gap` (text between two list members) is only separators: `/`,
/// whitespace, quotes and the lexicon's separators, at least one of them.
fn is_separator(text: &str, gap: Range<usize>, lexicon: &Lexicon) -> bool {
    if gap.len() > GAP_CAP {
        return false;
    }
    let mut seen = false;
    let mut p = gap.start;
    while p < gap.end {
        let Some(c) = next_char(text, p) else {
            return false;
        };
        if c.is_whitespace() || is_quote(c) || c == '/' {
            seen |= c == '/';
            p += c.len_utf8();
            continue;
        }
        match lexicon.separator_at(text, p) {
            Some(end) if end <= gap.end => p = end,
            _ => return false,
        }
        seen = true;
    }
    seen
}

/// Step 3: emit links and unknowns for one list.
fn decide(
    text: &str,
    lexicon: &Lexicon,
    group: &[Member],
    known: &dyn Known,
    current: Option<u16>,
    scan: &mut Scan,
) {
    let before = before_ctx(text, lexicon, group[0].0.start);
    let after = after_ctx(text, lexicon, group[group.len() - 1].1);
    let strong = group.iter().any(|&(t, _, titled)| titled || matches!(t.kind, Kind::Class(_)));
    let status = strong || before == Ctx::Status || after == Ctx::Status;
    let quantity = before == Ctx::Quantity || after == Ctx::Quantity;
    for &(tok, end, titled) in group {
        let range = tok.start..tok.end;
        match tok.kind {
            Kind::Class(n) if known.has_class(n) => {
                link(scan, range.clone(), range, Target::Class(n));
            }
            Kind::Class(_) => {}
            Kind::Code(c) if current == Some(c) => {}
            Kind::Code(c) if titled => link(scan, tok.start..end, tok.start..end, Target::Code(c)),
            Kind::Code(c) if known.title(c).is_none() => {
                if status && !quantity {
                    scan.unknown.push(UnknownMention { range, code: c });
                }
            }
            Kind::Code(_) if quantity => {
                scan.numbers.push(Number { range: range.clone(), digits: range, marked: false });
            }
            Kind::Code(c) if status => link(scan, range.clone(), range, Target::Code(c)),
            Kind::Code(c) => scan.bare.push(UnknownMention { range, code: c }),
        }
    }
}

/// What the words before a list (ending at `pos`) say about it: the
/// lexicon's longest `[cue]` or `[count]` entry ending there, past one
/// opening bracket or quote and whitespace.
fn before_ctx(text: &str, lexicon: &Lexicon, pos: usize) -> Ctx {
    let mut p = pos;
    if let Some(c) = prev_char(text, p).filter(|&c| is_open_punct(c)) {
        p -= c.len_utf8();
    }
    ctx(lexicon.before(text, skip_ws_back(text, p)).map(|(role, _)| role))
}

/// What follows a list (from `pos`, the end of its last member) says about
/// it: the lexicon's longest `[noun]` or `[unit]` entry starting after one
/// closing quote and whitespace (whitespace may be left out only before CJK),
/// or, right after a hyphen, one word (`[compound]` too).
fn after_ctx(text: &str, lexicon: &Lexicon, pos: usize) -> Ctx {
    if text[pos..].starts_with('-') && next_char(text, pos + 1).is_some_and(char::is_alphabetic) {
        return ctx(lexicon.compound(text, pos + 1));
    }
    let q = pos + next_char(text, pos).filter(|&c| is_close_quote(c)).map_or(0, char::len_utf8);
    let p = skip_ws_fwd(text, q);
    if p == q && !next_char(text, p).is_some_and(is_cjk) {
        return Ctx::Neutral; // punctuation ends the phrase
    }
    ctx(lexicon.after(text, p).map(|(role, _)| role))
}

fn ctx(role: Option<Role>) -> Ctx {
    match role {
        Some(Role::Status) => Ctx::Status,
        Some(Role::Quantity) => Ctx::Quantity,
        None => Ctx::Neutral,
    }
}

fn link(scan: &mut Scan, range: Range<usize>, label: Range<usize>, target: Target) {
    scan.links.push(Mention { range, label, target });
}

/// A character that joins a number to a word: a letter, digit or `_` of a
/// script written with spaces (CJK characters join nothing).
fn is_glue(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_cjk(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '"' | '“' | '‘' | '\'' | '«' | '„' | '‹' | '（' | '「' | '『')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | '›' | '」' | '』')
}

fn is_quote(c: char) -> bool {
    is_close_quote(c) || matches!(c, '“' | '‘' | '«' | '„' | '‹' | '「' | '『')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test site: these codes, and all five classes.
    pub(super) struct Site;

    impl Known for Site {
        fn title(&self, code: u16) -> Option<&str> {
            Some(match code {
                100 => "Continue",
                101 => "Switching Protocols",
                200 => "OK",
                201 => "Created",
                204 => "No Content",
                301 => "Moved Permanently",
                302 => "Found",
                303 => "See Other",
                304 => "Not Modified",
                307 => "Temporary Redirect",
                308 => "Permanent Redirect",
                400 => "Bad Request",
                401 => "Unauthorized",
                403 => "Forbidden",
                404 => "Not Found",
                405 => "Method Not Allowed",
                409 => "Conflict",
                410 => "Gone",
                412 => "Precondition Failed",
                418 => "I'm a teapot",
                422 => "Unprocessable Content",
                428 => "Precondition Required",
                429 => "Too Many Requests",
                500 => "Internal Server Error",
                502 => "Bad Gateway",
                503 => "Service Unavailable",
                504 => "Gateway Timeout",
                _ => return None,
            })
        }

        fn has_class(&self, class: u8) -> bool {
            (1..=5).contains(&class)
        }
    }

    /// Checks the invariants of a scan and renders it back into text:
    /// `[label→401]` / `[label→4xx]` for links, `{?499}` for unknown codes,
    /// `{!299}` for unknown legacy links.
    fn render(text: &str, scan: &Scan) -> String {
        render_with(text, scan, false)
    }

    /// [`render`], plus (when `all`) `{~409}` for bare codes, `{=100}` for
    /// quantities and `{#500}` for marked numbers.
    pub(super) fn render_with(text: &str, scan: &Scan, all: bool) -> String {
        let mut spans: Vec<(Range<usize>, String)> = Vec::new();
        if all {
            for b in &scan.bare {
                spans.push((b.range.clone(), format!("{{~{}}}", b.code)));
            }
            for n in &scan.numbers {
                let mark = if n.marked { '#' } else { '=' };
                spans.push((n.range.clone(), format!("{{{mark}{}}}", &text[n.digits.clone()])));
            }
        }
        for m in &scan.links {
            assert!(m.label.start >= m.range.start && m.label.end <= m.range.end, "{m:?}");
            let target = match m.target {
                Target::Code(c) => c.to_string(),
                Target::Class(n) => format!("{n}xx"),
            };
            spans.push((m.range.clone(), format!("[{}→{target}]", &text[m.label.clone()])));
        }
        for u in &scan.unknown {
            spans.push((u.range.clone(), format!("{{?{}}}", u.code)));
        }
        for u in &scan.unknown_explicit {
            spans.push((u.range.clone(), format!("{{!{}}}", u.code)));
        }
        for w in scan.links.windows(2) {
            assert!(w[0].range.end <= w[1].range.start, "links unsorted or overlapping: {w:?}");
        }
        spans.sort_by_key(|(r, _)| r.start);
        let mut out = String::new();
        let mut at = 0;
        for (r, s) in spans {
            assert!(at <= r.start && r.start < r.end && r.end <= text.len(), "bad range {r:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            out.push_str(&text[at..r.start]);
            out.push_str(&s);
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }

    fn check(rows: &[(Option<u16>, &str, &str)]) {
        check_with(rows, false);
    }

    fn check_with(rows: &[(Option<u16>, &str, &str)], all: bool) {
        let mut failures = Vec::new();
        for &(current, text, want) in rows {
            let got = render_with(text, &scan_prose(text, Lexicon::english(), &Site, current), all);
            if got != want {
                failures.push(format!("{text:?} (current {current:?})\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{} rows failed:\n{}", failures.len(), failures.join("\n"));
    }

    #[rustfmt::skip]
    const ROWS: &[(&str, &str)] = &[
        // Every cue (one word or a phrase ending in one) before a lone code.
        ("see 401 for details", "see [401→401] for details"),
        ("see also 401", "see also [401→401]"),
        ("works like 403 here", "works like [403→403] here"),
        ("unlike 302, it keeps the method", "unlike [302→302], it keeps the method"),
        ("similar to 401 Unauthorized", "similar to [401 Unauthorized→401]"),
        ("as with 301, caches store it", "as with [301→301], caches store it"),
        ("send it instead of 200", "send it instead of [200→200]"),
        ("rather than 403", "rather than [403→403]"),
        ("it is better than 500", "it is better than [500→500]"),
        ("a redirect or 303", "a redirect or [303→303]"),
        ("redirects and 304", "redirects and [304→304]"),
        ("either 401 or 403", "either [401→401] or [403→403]"),
        ("neither a body nor 204", "neither a body nor [204→204]"),
        ("a 404 for that", "a [404→404] for that"),
        ("an 418 here", "an [418→418] here"),
        ("the 409 path", "the [409→409] path"),
        ("status 503", "status [503→503]"),
        ("code 429", "code [429→429]"),
        ("status code 422", "status code [422→422]"),
        ("HTTP 404", "HTTP [404→404]"),
        ("it returns 201 Created", "it returns [201 Created→201]"),
        ("never return 200 there", "never return [200→200] there"),
        ("it returned 500", "it returned [500→500]"),
        ("returning 204 here", "returning [204→204] here"),
        ("send 303", "send [303→303]"),
        ("it sends 307", "it sends [307→307]"),
        ("it is sent 308", "it is sent [308→308]"),
        ("sending 429", "sending [429→429]"),
        ("the origin answers with 502", "the origin answers with [502→502]"),
        ("answer with 400", "answer with [400→400]"),
        ("respond with 405", "respond with [405→405]"),
        ("it responds with 409", "it responds with [409→409]"),
        ("it replies with 410", "it replies with [410→410]"),
        ("reply with 422", "reply with [422→422]"),
        ("fails with 504", "fails with [504→504]"),
        ("use 308", "use [308→308]"),
        ("it uses 301", "it uses [301→301]"),
        ("using 302 here", "using [302→302] here"),
        ("prefer 303", "prefer [303→303]"),
        ("not 200", "not [200→200]"),
        ("both 301 and 308", "both [301→301] and [308→308]"),
        ("a rewrite vs 307", "a rewrite vs [307→307]"),
        ("a rewrite vs. 307", "a rewrite vs. [307→307]"),
        ("a rewrite versus 308", "a rewrite versus [308→308]"),
        ("it changed to 308", "it changed to [308→308]"),
        ("it changed from 302", "it changed from [302→302]"),
        ("the answer is 404", "the answer is 404"), // "is"/"are" are not cues: "the limit is 500"
        ("both replies are 403", "both replies are 403"),
        ("such as 301 or 308", "such as [301→301] or [308→308]"),
        ("answering 403 would", "answering [403→403] would"),
        ("it becomes 200", "it becomes [200→200]"),
        ("it becomes a 303", "it becomes a [303→303]"),
        ("you get 401", "you get [401→401]"),
        ("it gets 403", "it gets [403→403]"),
        ("we got 502", "we got [502→502]"),
        ("clients receive 429", "clients receive [429→429]"),
        ("it receives 503", "it receives [503→503]"),
        ("the client received 504", "the client received [504→504]"),
        ("proxies emit 502", "proxies emit [502→502]"),
        ("it emits 504", "it emits [504→504]"),
        ("a plain 200", "a plain [200→200]"),
        ("the classic 302", "the classic [302→302]"),
        ("the old 302", "the old [302→302]"),
        ("the new 308", "the new [308→308]"),
        ("SEE 401", "SEE [401→401]"),
        ("answer 400", "answer [400→400]"),
        ("it answers 404 to them", "it answers [404→404] to them"),
        // A colon after "code(s)" or "status(es)" introduces a list.
        ("the codes: 200, 204 and 404", "the codes: [200→200], [204→204] and [404→404]"),
        ("its status: 503", "its status: [503→503]"),
        // Added cues: "codes", "statuses", "error" ("error 404" is common), e.g./i.e., HTTP/x.y.
        ("codes 401 and 403", "codes [401→401] and [403→403]"),
        ("error 404", "error [404→404]"),
        ("(e.g. 401, 403)", "(e.g. [401→401], [403→403])"),
        ("HTTP/1.1 404", "HTTP/1.1 [404→404]"),
        // No cue: nothing ("also" and "of" are no cues).
        ("also 401", "also 401"),
        ("because of 401", "because of 401"),
        ("401", "401"),
        ("(401)", "(401)"),
        ("“401”", "“401”"),
        // Titles, case-insensitive, any apostrophe, whitespace-flexible, whole words.
        ("418 I'm a teapot", "[418 I'm a teapot→418]"),
        ("418 I’m a teapot", "[418 I’m a teapot→418]"),
        ("418 I'm a\nteapot", "[418 I'm a\nteapot→418]"),
        ("HTTP/1.1 404 Not Found", "HTTP/1.1 [404 Not Found→404]"),
        ("a 404 not found page", "a [404 not found→404] page"),
        ("see 404 Not Found.", "see [404 Not Found→404]."),
        ("101 Switching Protocols", "[101 Switching Protocols→101]"),
        ("404 Not Foundation", "404 Not Foundation"),
        ("401 Unauthorized or 403", "[401 Unauthorized→401] or [403→403]"),
        // Trailing words.
        ("the 404 page", "the [404→404] page"),
        ("404 errors at the start", "[404→404] errors at the start"),
        ("many 410 responses", "many [410→410] responses"),
        ("301 redirects", "[301→301] redirects"),
        ("a “404” response", "a “[404→404]” response"),
        ("301-redirects happen", "[301→301]-redirects happen"),
        ("a 404-style page", "a [404→404]-style page"),
        // Classes: standalone tokens, any case, no cue needed.
        ("any 5xx response", "any [5xx→5xx] response"),
        ("4XX", "[4XX→4xx]"),
        ("5Xx errors", "[5Xx→5xx] errors"),
        ("the 2xx and 3xx classes", "the [2xx→2xx] and [3xx→3xx] classes"),
        ("(5xx)", "([5xx→5xx])"),
        ("retry on 5xx.", "retry on [5xx→5xx]."),
        ("a 5xx-class error", "a [5xx→5xx]-class error"),
        ("non-5xx responses", "non-[5xx→5xx] responses"),
        ("the 4xx/5xx split", "the [4xx→4xx]/[5xx→5xx] split"),
        ("3.5xx", "3.5xx"),
        ("15xx", "15xx"),
        ("5xxx", "5xxx"),
        ("5xx1", "5xx1"),
        ("a5xx", "a5xx"),
        ("6xx", "6xx"),
        // Cloudflare's 1xxx codes are not the 1xx class.
        ("1xxx errors", "1xxx errors"),
        // Lists: all members link when the list has a cue before or a trailing word after.
        ("a 301/302 redirect", "a [301→301]/[302→302] redirect"),
        ("either 401, 403 or 404", "either [401→401], [403→403] or [404→404]"),
        ("401, 403, or 404 errors", "[401→401], [403→403], or [404→404] errors"),
        // Decision: a bare list with neither cue nor trailing word is not linked.
        ("401, 403 or 404", "401, 403 or 404"),
        ("the 401 vs 403 question", "the [401→401] vs [403→403] question"),
        ("the 401 vs. 403 question", "the [401→401] vs. [403→403] question"),
        ("401 and/or 403 responses", "[401→401] and/or [403→403] responses"),
        ("see “401” or “403”", "see “[401→401]” or “[403→403]”"),
        ("see 401\nand 403", "see [401→401]\nand [403→403]"),
        ("changed from 302 to 307", "changed from [302→302] to [307→307]"),
        // A class in a list is evidence enough for its codes.
        ("5xx or 429", "[5xx→5xx] or [429→429]"),
        // Decision: "401,403" reads as the number 401,403 (thousands separator), never a list.
        ("see 401,403", "see 401,403"),
        // Decision: "/" after a non-code is never a list: HTTP/200 is nothing.
        ("HTTP/200", "HTTP/200"),
        // Quantities: unit or count noun after, count cue before (both beat any cue or trailing word).
        ("500 ms", "500 ms"),
        ("the 500 ms budget", "the 500 ms budget"),
        ("in 500 ms", "in 500 ms"),
        ("send 200 bytes", "send 200 bytes"),
        ("a 200 B body", "a 200 B body"),
        ("about 200 servers", "about 200 servers"),
        ("about 200 errors", "about 200 errors"),
        ("about 200 pages", "about 200 pages"),
        ("the 404 pages", "the [404→404] pages"),
        ("up to 500 requests", "up to 500 requests"),
        ("up to 500", "up to 500"),
        ("at least 200 errors", "at least 200 errors"),
        ("more than 400 errors", "more than 400 errors"),
        ("the 500 users", "the 500 users"),
        ("a 200 % rise", "a 200 % rise"),
        ("send 200 or more", "send 200 or more"),
        ("the 200 most popular", "the 200 most popular"),
        ("a 200-page book", "a 200-page book"),
        ("from 100 to 200 ms", "from 100 to 200 ms"),
        ("between 100 and 200", "between 100 and 200"),
        ("port 500", "port 500"),
        ("port 500 errors", "port 500 errors"),
        ("section 404", "section 404"),
        ("see section 404", "see section 404"),
        ("page 404", "page 404"),
        ("no. 404 error", "no. 404 error"),
        ("RFC 404 errors", "RFC 404 errors"),
        ("version 200", "version 200"),
        // Glued to something larger.
        ("1.404", "1.404"),
        ("see 1.404", "see 1.404"),
        ("4040", "4040"),
        ("see 4040", "see 4040"),
        ("HTTP/1.1", "HTTP/1.1"),
        ("RFC 2616", "RFC 2616"),
        ("see RFC 9110", "see RFC 9110"),
        ("port 8080", "port 8080"),
        ("at 10:404", "at 10:404"),
        ("see 404a", "see 404a"),
        ("see v200", "see v200"),
        ("the 200,000 requests", "the 200,000 requests"),
        ("see 404.5", "see 404.5"),
        ("see 200-299", "see 200-299"),
        ("a $500 fine", "a $500 fine"),
        ("a 500€ fine", "a 500€ fine"),
        ("see #404", "see #404"),
        ("the ~500 limit", "the ~500 limit"),
        ("500/s", "500/s"),
        // Decision: "404s" is not linked (glued letter; "200s" may be seconds).
        ("a spike in 404s", "a spike in 404s"),
        ("see é404", "see é404"),
        // Out of range or unknown.
        ("see 499", "see {?499}"),
        ("a 499 response", "a {?499} response"),
        ("either 401 or 499", "either [401→401] or {?499}"),
        ("see 999", "see 999"),
        ("see 600", "see 600"),
        ("see 099", "see 099"),
        // Position and punctuation.
        ("404 Not Found", "[404 Not Found→404]"),
        ("the last is the 404", "the last is the [404→404]"),
        ("(see 401)", "(see [401→401])"),
        ("see 401.", "see [401→401]."),
        ("see (401)", "see ([401→401])"),
        ("see “401”", "see “[401→401]”"),
        ("see: 401", "see: 401"),
        ("the end. 401 then", "the end. 401 then"),
        ("see\u{a0}401", "see\u{a0}[401→401]"),
        // Multibyte text around mentions.
        ("voir 401 — see 401", "voir 401 — see [401→401]"),
        ("日本語 see 404 日本語", "日本語 see [404→404] 日本語"),
        ("Ünlike 302 — unlike 302", "Ünlike 302 — unlike [302→302]"),
        ("", ""),
        // Legacy explicit links: always resolved, label is the bracketed text.
        ("[200 OK](#200 OK)", "[200 OK→200]"),
        ("see [401 Unauthorized](#401 Unauthorized).", "see [401 Unauthorized→401]."),
        ("[299 X](#299 X)", "{!299}"),
        ("[999 X](#999 X) and see 401", "{!999} and see [401→401]"),
        // Decision: "(#200)" without the rest is accepted too.
        ("[200 OK](#200)", "[200 OK→200]"),
        // Not legacy: empty label, wrong digit count, unclosed.
        ("[](#200 OK)", "[](#200 OK)"),
        ("[x](#2000 OK)", "[x](#2000 OK)"),
        // An unclosed legacy form falls back to the prose rules (here: the title matches).
        ("[200 OK](#200 OK", "[[200 OK→200]](#200 OK"),
        ("[see 401](#x)", "[see [401→401]](#x)"),
        // Decision: "is" is not a cue, so this false positive is gone.
        ("the limit is 500.", "the limit is 500."),
    ];

    #[test]
    fn table() {
        let rows: Vec<_> = ROWS.iter().map(|&(t, w)| (None, t, w)).collect();
        check(&rows);
    }

    /// Codes the site has that are named with neither cue nor unit stay text
    /// and are reported (`{~}`); quantities (`{=}`) and marked numbers (`{#}`)
    /// are numbers, never links. Marks show bare codes, quantities and marked numbers.
    #[rustfmt::skip]
    const CLASSIFIED: &[(Option<u16>, &str, &str)] = &[
        // The sentences that stayed text, unreported, before bare codes were reported.
        (Some(428), "the answer is 412, not 428", "the answer is {~412}, not 428"),
        (Some(428), "409 is for a conflict", "{~409} is for a conflict"),
        (Some(428), "the domain of 403", "the domain of {~403}"),
        (None, "that is 403", "that is {~403}"),
        (None, "which is 429", "which is {~429}"),
        (None, "the worst is 500", "the worst is {~500}"),
        (None, "answer 400", "answer [400→400]"),
        // Their fixes: a cue or a marker (a forced link `[412]` is a markdown link,
        // which never reaches the scanner).
        (Some(428), "the answer is a 412, not 428", "the answer is a [412→412], not 428"),
        (None, "the limit is \\500.", "the limit is {#500}."),
        (None, "the limit is 500 requests.", "the limit is {=500} requests."),
        // Existing decisions, now reported instead of silently left as text.
        (None, "the answer is 404", "the answer is {~404}"),
        (None, "401, 403 or 404", "{~401}, {~403} or {~404}"),
        (None, "see: 401", "see: {~401}"),
        (None, "the end. 401 then", "the end. {~401} then"),
        (None, "because of 401", "because of {~401}"),
        // Quantities are numbers, never links or warnings.
        (None, "wait 100 seconds", "wait {=100} seconds"),
        (None, "port 443 or port 500", "port 443 or port {=500}"),
        (None, "see RFC 9110", "see RFC 9110"),
        (None, "up to 500", "up to {=500}"),
        (None, "the 500 ms budget", "the {=500} ms budget"),
        // The marker: any position, any context; the page's own code is not reported.
        (None, "see \\401", "see {#401}"),
        (None, "(\\404)", "({#404})"),
        (Some(404), "\\404 and see 401", "{#404} and see [401→401]"),
        (None, "\\499, a code the site lacks", "{#499}, a code the site lacks"),
        // Not a marker: out of range, glued.
        (None, "\\999 and \\5xx", "\\999 and \\5xx"),
        (None, "a\\404", "a\\404"),
        (None, "\\404a", "\\404a"),
        // Unknown codes without a cue are not the site's: neither reported nor counted.
        (None, "the answer is 499", "the answer is 499"),
        // The page's own code is neither linked nor reported.
        (Some(404), "the answer is 404", "the answer is 404"),
        // Paths and versions are not mentions.
        (None, "GET /404 HTTP/1.1", "GET /404 HTTP/1.1"),
    ];

    #[test]
    fn bare_codes_are_reported_and_numbers_recognised() {
        check_with(CLASSIFIED, true);
    }

    /// Complete by construction: every standalone token naming a code the site
    /// has (not the current page's) is linked, a number, or bare, exactly once.
    fn assert_every_token_classified(text: &str, current: Option<u16>) {
        assert_every_token_classified_in(Lexicon::english(), &Site, text, current);
    }

    /// [`assert_every_token_classified`] for any lexicon and site.
    pub(super) fn assert_every_token_classified_in(
        lexicon: &Lexicon,
        site: &dyn Known,
        text: &str,
        current: Option<u16>,
    ) {
        let scan = scan_prose(text, lexicon, site, current);
        for item in lex(text) {
            let (start, code, after_slash) = match item {
                Item::Tok(Tok { start, kind: Kind::Code(c), after_slash, .. }) => (start, c, after_slash),
                Item::Marked { start, end } => (start, text[start + 1..end].parse().unwrap(), false),
                _ => continue,
            };
            if site.title(code).is_none() || current == Some(code) {
                continue;
            }
            let places = [
                scan.links.iter().filter(|m| m.range.start <= start && start < m.range.end).count(),
                scan.bare.iter().filter(|b| b.range.start == start).count(),
                scan.numbers.iter().filter(|n| n.range.start == start).count(),
            ];
            let total: usize = places.iter().sum();
            // A token after a word and `/` ("HTTP/200", "/404") starts no list and is not a mention.
            let allowed = if after_slash { 0..=1 } else { 1..=1 };
            assert!(
                allowed.contains(&total),
                "{text:?} (current {current:?}): {code} at {start} is in {places:?}"
            );
        }
    }

    #[test]
    fn every_token_naming_a_known_code_is_classified_once() {
        for &(text, _) in ROWS {
            assert_every_token_classified(text, None);
            assert_every_token_classified(text, Some(404));
        }
        for &(current, text, _) in CLASSIFIED {
            assert_every_token_classified(text, current);
        }
    }

    #[test]
    fn own_page_is_not_linked() {
        check(&[
            (Some(404), "see 404", "see 404"),
            (Some(404), "see 404 Not Found", "see 404 Not Found"),
            (Some(404), "either 401 or 404", "either [401→401] or 404"),
            (Some(404), "404 Not Found or 410", "404 Not Found or [410→410]"),
            (Some(499), "see 499", "see 499"),
            (Some(404), "any 4xx", "any [4xx→4xx]"),
            // Explicit legacy links resolve even on their own page.
            (Some(200), "[200 OK](#200 OK)", "[200 OK→200]"),
        ]);
    }

    #[test]
    fn one_megabyte_inputs() {
        let mb = 1 << 20;
        let cases = [
            "404 ".repeat(mb / 4),
            "see 404 ".repeat(mb / 8),
            "404, ".repeat(mb / 5),
            "4".repeat(mb),
            "[".repeat(mb),
            format!("[{}", "a".repeat(mb)),
            "[a](#200 ".repeat(mb / 9),
            "é".repeat(mb / 2),
            "日本語のテキスト 401 — voir 4xx “404” ".repeat(mb / 60),
            " ".repeat(mb) + "404 Not Found",
        ];
        for text in &cases {
            let scan = scan_prose(text, Lexicon::english(), &Site, None);
            render(text, &scan);
        }
        let scan = scan_prose(&cases[1], Lexicon::english(), &Site, None);
        assert_eq!(scan.links.len(), mb / 8);
        let scan = scan_prose(&cases[2], Lexicon::english(), &Site, None);
        assert!(scan.links.is_empty());
    }

    /// Random strings from tricky fragments: never panics, ranges stay sane.
    #[test]
    fn fragments_never_panic() {
        let parts = [
            "404",
            "5xx",
            "1",
            "x",
            " ",
            ",",
            "/",
            ".",
            "-",
            "é",
            "—",
            "“",
            "’",
            "[",
            "]",
            "(#",
            ")",
            "see",
            "or",
            "Not Found",
            "ms",
            "\n",
            "\u{a0}",
            "日",
            "499",
            "\\",
            "I'm",
        ];
        for text in super::random_fragments(&parts, 0x2545_f491_4f6c_dd1d, 5000) {
            for current in [None, Some(404)] {
                render_with(&text, &scan_prose(&text, Lexicon::english(), &Site, current), true);
                assert_every_token_classified(&text, current);
            }
        }
    }
}

/// `count` strings of up to 23 `parts` each, picked by a xorshift generator
/// from `seed`: the same fragments on every run, for the scanner's tests.
#[cfg(test)]
fn random_fragments(parts: &[&str], mut seed: u64, count: usize) -> Vec<String> {
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(parts[(seed % parts.len() as u64) as usize]);
            }
            text
        })
        .collect()
}

#[cfg(test)]
mod tests_zh_hans;
