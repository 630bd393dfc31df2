//! The two embedded syntax sets and the one CSS class a scope gets.
//!
//! `build.rs` bakes a core set (our grammars: HTTP and JSON) and a full set
//! (syntect's bundled grammars plus ours); `Loaded` deserializes one and
//! knows the class of text under a scope stack.

use syntect::parsing::{Scope, ScopeStack, SyntaxSet};

/// The serialized core [`SyntaxSet`] written by `build.rs`: our grammars only.
static CORE_DUMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/core.packdump"));

/// The serialized full [`SyntaxSet`] written by `build.rs`: syntect's bundled grammars and ours.
static FULL_DUMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/full.packdump"));

/// What the full set answers to (names and extensions, lower case, sorted),
/// so that a language neither set knows (`nginx`) loads nothing.
pub(super) static FULL_TOKENS: &[&str] = include!(concat!(env!("OUT_DIR"), "/full_tokens.rs"));

/// Which of the two embedded sets a [`Loaded`] holds; parser states of one
/// set mean nothing in the other, so each has its own line cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    Core = 0,
    Full = 1,
}

/// Scope prefixes and the one class a span of that scope gets, most specific
/// first. A span takes the class of the innermost scope on its stack that
/// matches; `meta.*`, `source.*` and `punctuation.*` scopes match nothing, so
/// a string's quotes share the string's colour. One short class per span keeps
/// the HTML close to the size of the code (syntect's own generator writes a
/// span per scope with a class per atom: twenty times the input).
const CATEGORIES: &[(&str, &str)] = &[
    ("comment", "hl-comment"),
    ("constant.numeric.status.informational", "hl-status hl-status-1xx"),
    ("constant.numeric.status.success", "hl-status hl-status-2xx"),
    ("constant.numeric.status.redirection", "hl-status hl-status-3xx"),
    ("constant.numeric.status.client-error", "hl-status hl-status-4xx"),
    ("constant.numeric.status.server-error", "hl-status hl-status-5xx"),
    ("constant.numeric.status", "hl-status"),
    ("constant.other.version", "hl-version"),
    ("keyword.other.method", "hl-method"),
    ("string.unquoted.target", "hl-target"),
    ("string.unquoted.reason", "hl-reason"),
    ("string.unquoted.header-value", "hl-value"),
    ("entity.name.tag.header", "hl-header"),
    ("markup.raw.body", ""),
    ("string.regexp", "hl-regexp"),
    ("constant.character.escape", "hl-escape"),
    ("string", "hl-string"),
    ("constant.numeric", "hl-number"),
    ("constant", "hl-constant"),
    ("keyword.operator", "hl-operator"),
    ("keyword", "hl-keyword"),
    ("storage.type", "hl-type"),
    ("storage", "hl-keyword"),
    ("entity.name.function", "hl-function"),
    ("support.function", "hl-function"),
    ("variable.function", "hl-function"),
    ("entity.name.tag", "hl-tag"),
    ("entity.other.attribute-name", "hl-attribute"),
    ("entity.name", "hl-type"),
    ("support.type", "hl-type"),
    ("support.class", "hl-type"),
    ("support", "hl-support"),
    ("variable", "hl-variable"),
    ("markup.heading", "hl-heading"),
    ("markup.inserted", "hl-inserted"),
    ("markup.deleted", "hl-deleted"),
    ("markup.changed", "hl-changed"),
    ("invalid", "hl-invalid"),
];

/// Keys of JSON (and YAML) maps get their own colour.
const KEY_SCOPES: &[&str] = &["meta.structure.dictionary.key", "meta.mapping.key"];

/// A syntax set and the scope prefixes, built once.
pub(super) struct Loaded {
    pub(super) which: Which,
    pub(super) set: SyntaxSet,
    categories: Vec<(Scope, &'static str)>,
    keys: Vec<Scope>,
}

impl Loaded {
    pub(super) fn load(which: Which) -> Self {
        let dump = match which {
            Which::Core => CORE_DUMP,
            Which::Full => FULL_DUMP,
        };
        let set = syntect::dumps::from_uncompressed_data(dump)
            .expect("the syntax dumps embedded by build.rs are valid");
        let scope = |s: &str| Scope::new(s).expect("scope prefixes are valid");
        Loaded {
            which,
            set,
            categories: CATEGORIES.iter().map(|(p, class)| (scope(p), *class)).collect(),
            keys: KEY_SCOPES.iter().map(|p| scope(p)).collect(),
        }
    }

    /// What a single scope says: its class (if any) and whether it marks a map key.
    fn describe(&self, scope: Scope) -> ScopeInfo {
        ScopeInfo {
            class: self.categories.iter().find(|(p, _)| p.is_prefix_of(scope)).map(|(_, c)| *c),
            is_key: self.keys.iter().any(|k| k.is_prefix_of(scope)),
        }
    }

    /// The class of text under `stack`: that of the innermost scope with a
    /// category. `memo` remembers each scope's description within one block.
    pub(super) fn class_of(&self, stack: &ScopeStack, memo: &mut Vec<(Scope, ScopeInfo)>) -> &'static str {
        let mut info = |scope: Scope| match memo.iter().find(|(s, _)| *s == scope) {
            Some((_, info)) => *info,
            None => {
                let info = self.describe(scope);
                memo.push((scope, info));
                info
            }
        };
        let scopes = stack.as_slice();
        for (i, scope) in scopes.iter().enumerate().rev() {
            if let Some(class) = info(*scope).class {
                if class == "hl-string" && scopes[..=i].iter().any(|s| info(*s).is_key) {
                    return "hl-key";
                }
                return class;
            }
        }
        ""
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct ScopeInfo {
    class: Option<&'static str>,
    is_key: bool,
}
