//! The line cache: lines already highlighted, found again by their text
//! and the parser state before them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use syntect::parsing::{ParseState, Scope, ScopeStack};
use thread_local::ThreadLocal;

use super::syntaxes::{Loaded, ScopeInfo};

/// How many highlighted lines one [`LineCache`] keeps before it starts over
/// (an entry takes about 1.5 KiB with its parser states: some 12 MiB per
/// thread at most); more than the distinct code lines of most sites.
pub(super) const MAX_CACHED_LINES: usize = 8 * 1024;

/// Longer lines are not cached: they rarely repeat, and would make the cache's
/// size depend on the input's.
pub(super) const MAX_CACHED_LINE_BYTES: usize = 512;

/// At most this many starting points are kept for one line text.
const MAX_STATES_PER_LINE: usize = 8;

/// Lines already highlighted by one thread, for one syntax set.
///
/// Highlighting a line depends only on the line, the parser state and the
/// scope stack before it, so a line seen again from the same point (a `Host:`
/// header, a JSON `},`) reuses its classed pieces and the state after it
/// instead of running the grammar's regexes again. Documentation repeats such
/// lines a lot: about half the code lines of this project's site are repeats,
/// and nineteen in twenty of the 500-code benchmark corpus. The cache is per
/// thread because a [`ParseState`] may not cross threads, and per syntax set
/// because parser states of one set mean nothing in the other.
#[derive(Default)]
pub(super) struct LineCache {
    pub(super) by_line: HashMap<Box<str>, Vec<Rc<HighlightedLine>>>,
    /// Entries over all lines.
    pub(super) entries: usize,
}

impl LineCache {
    fn find(&self, line: &str, state: &ParseState, stack: &ScopeStack) -> Option<&Rc<HighlightedLine>> {
        self.by_line.get(line)?.iter().find(|d| d.before.0 == *state && d.before.1 == *stack)
    }

    fn insert(&mut self, line: &str, done: &Rc<HighlightedLine>) {
        if line.len() > MAX_CACHED_LINE_BYTES {
            return;
        }
        if self.entries >= MAX_CACHED_LINES {
            self.by_line.clear();
            self.entries = 0;
        }
        let states = self.by_line.entry(line.into()).or_default();
        if states.len() < MAX_STATES_PER_LINE {
            states.push(Rc::clone(done));
            self.entries += 1;
        }
    }
}

/// The line caches of one [`Highlighter`](super::Highlighter): one pair
/// (core set, full set) per thread that highlighted with it. Owned by the
/// highlighter and dropped with it.
#[derive(Default)]
pub(super) struct LineCaches {
    per_thread: ThreadLocal<ThreadCaches>,
}

impl LineCaches {
    /// This thread's caches, made on its first block.
    pub(super) fn for_this_thread(&self) -> &RefCell<[LineCache; 2]> {
        &self.per_thread.get_or(ThreadCaches::default).0
    }
}

#[derive(Default)]
struct ThreadCaches(RefCell<[LineCache; 2]>);

// SAFETY: `ThreadCaches` is not `Send` by its fields (a parser state may hold
// an onig region, a raw pointer; entries are `Rc`), but no two threads ever
// reach one value: `LineCaches` reaches it only through `ThreadLocal::get_or`,
// which gives each thread its own (a thread that reuses the id of one that
// has exited takes the value over; the old thread is gone). The only other
// access is the drop of the `Highlighter`, which needs it owned: no
// `highlight` call runs then, and every `Rc` clone outside the cache lives
// only within one such call. Freeing an onig region is `free`, fine on any thread.
#[allow(unsafe_code)]
unsafe impl Send for ThreadCaches {}

/// One line highlighted from one starting point.
pub(super) struct HighlightedLine {
    before: (ParseState, ScopeStack),
    /// The line cut into pieces: each ends at the byte offset and has the class.
    pub(super) pieces: Vec<(usize, &'static str)>,
    after: (ParseState, ScopeStack),
}

/// Where the highlighter stands before a line: at the top of the block, or
/// after a line (whose end state is shared with the cache, not copied).
pub(super) enum Position {
    Start(ParseState, ScopeStack),
    After(Rc<HighlightedLine>),
}

impl Position {
    fn state(&self) -> (&ParseState, &ScopeStack) {
        match self {
            Position::Start(state, stack) => (state, stack),
            Position::After(line) => (&line.after.0, &line.after.1),
        }
    }
}

/// Highlights `line` from `at`, or finds it highlighted. `None` when the
/// grammar fails on the line.
pub(super) fn highlight_line(
    loaded: &Loaded,
    cache: &mut LineCache,
    at: &Position,
    line: &str,
    memo: &mut Vec<(Scope, ScopeInfo)>,
) -> Option<Rc<HighlightedLine>> {
    {
        let (state, stack) = at.state();
        if let Some(hit) = cache.find(line, state, stack) {
            return Some(Rc::clone(hit));
        }
        let before = (state.clone(), stack.clone());
        // A state that holds text captured for a later match (a heredoc's
        // `<<EOF`, a raw string's `#"`) compares by the address of the regex
        // engine's match record, so it equals no copy, not even its own: such
        // a line could never be found again, and is not stored.
        let cacheable = before.0 == *state;
        let (mut state, mut stack) = (state.clone(), stack.clone());
        let ops = state.parse_line(line, &loaded.set).ok()?;
        let mut pieces = Vec::with_capacity(ops.len() + 1);
        let mut class = loaded.class_of(&stack, memo);
        let mut pos = 0;
        for (at, op) in &ops {
            let at = (*at).min(line.len());
            if at > pos {
                pieces.push((at, class));
                pos = at;
            }
            stack.apply(op).ok()?;
            class = loaded.class_of(&stack, memo);
        }
        pieces.push((line.len(), class));
        let done = Rc::new(HighlightedLine { before, pieces, after: (state, stack) });
        if cacheable {
            cache.insert(line, &done);
        }
        Some(done)
    }
}
