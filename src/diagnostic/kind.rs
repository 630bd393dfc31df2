//! `Kind`: what sort of problem a diagnostic reports, with a stable code
//! (`unknown-key`, `broken-link`, ...) that human output shows as
//! `error[unknown-key]` and that tests assert instead of the wording.
//!
//! Every diagnostic has exactly one kind: the constructors of `Diagnostic` take it.
//! `kinds!` declares each kind once, with its code; the enum, `Kind::ALL` and
//! `Kind::code` follow from that one list.

macro_rules! kinds {
    ($($(#[doc = $doc:literal])* $kind:ident => $code:literal,)*) => {
        /// What sort of problem a diagnostic reports. Messages may be reworded;
        /// kinds and their codes stay.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($(#[doc = $doc])* $kind,)*
        }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind),*];

            /// The stable code shown in human output, e.g. `unknown-key`.
            pub fn code(self) -> &'static str {
                match self {
                    $(Kind::$kind => $code,)*
                }
            }
        }
    };
}

kinds! {
    /// The site root or its `content/` folder is missing.
    NotASite => "not-a-site",
    /// A file or folder cannot be read.
    UnreadableFile => "unreadable-file",
    /// A folder, FIFO or device where a plain file belongs.
    NotAFile => "not-a-file",
    /// A file is not valid UTF-8.
    InvalidUtf8 => "invalid-utf8",
    /// A file, or its front matter, is bigger or deeper than statusref accepts.
    TooLarge => "too-large",
    /// A symlink leaves the site root.
    SymlinkOutsideSite => "symlink-outside-site",
    /// A symlink points nowhere.
    BrokenSymlink => "broken-symlink",
    /// A symlink to a folder, which is not followed.
    SymlinkNotFollowed => "symlink-not-followed",
    /// A file under `content/` that is neither markdown nor a known asset.
    UnpublishedFile => "unpublished-file",
    /// A file name that cannot be published as it is.
    InvalidFileName => "invalid-file-name",
    /// A code page outside `content/Nxx/CODE.md`, or whose code disagrees with its path.
    MisplacedPage => "misplaced-page",
    /// A markdown file without front matter, or with front matter never closed.
    MissingFrontMatter => "missing-front-matter",
    /// Front matter that is not valid YAML.
    InvalidYaml => "invalid-yaml",
    /// A front-matter or `site.yaml` key statusref does not know.
    UnknownKey => "unknown-key",
    /// A key given twice in one front matter.
    DuplicateKey => "duplicate-key",
    /// A required key that is missing.
    MissingKey => "missing-key",
    /// A required key whose value is empty.
    EmptyValue => "empty-value",
    /// A value of the wrong type (a list where text belongs, ...).
    WrongType => "wrong-type",
    /// A value of the right type that is not allowed (a code outside 100-599, ...).
    InvalidValue => "invalid-value",
    /// A code with two pages.
    DuplicateCode => "duplicate-code",
    /// A code or class named (in `see_also`, a link or prose) that has no page.
    UnknownCode => "unknown-code",
    /// A number in prose that looks like a status code but has no cue to link it.
    BareCode => "bare-code",
    /// A page still holding `TODO` placeholders.
    Todo => "todo",
    /// A constant that belongs to another code.
    WrongConstant => "wrong-constant",
    /// A constant that a library's table does not have.
    UnknownConstant => "unknown-constant",
    /// A constant that is deprecated in the versions the page claims.
    DeprecatedConstant => "deprecated-constant",
    /// A constant whose `since`/`until` range leaves out versions that have it.
    ConstantVersions => "constant-versions",
    /// A library constant that the page does not list.
    MissingConstant => "missing-constant",
    /// A malformed table under `data/constants/`.
    InvalidConstantsTable => "invalid-constants-table",
    /// An ```http example that breaks HTTP's syntax, framing or required fields.
    InvalidHttpExample => "invalid-http-example",
    /// A code page none of whose examples shows its own code.
    MissingExample => "missing-example",
    /// `examples_show_code: false` on a page whose examples show its code after all.
    NeedlessOptOut => "needless-opt-out",
    /// A translation in a language `site.yaml` does not list.
    UnknownLanguage => "unknown-language",
    /// A translation of a page that does not exist.
    OrphanTranslation => "orphan-translation",
    /// A translation made from an older version of its source, or not saying which.
    StaleTranslation => "stale-translation",
    /// A malformed row of `data/registry.tsv`.
    InvalidRegistryRow => "invalid-registry-row",
    /// A page that disagrees with `data/registry.tsv`, or a registered code without a page.
    RegistryMismatch => "registry-mismatch",
    /// A link to a page or file the site does not have.
    BrokenLink => "broken-link",
    /// A `#fragment` that names no id on its page.
    BrokenAnchor => "broken-anchor",
    /// A link that starts at the server root or climbs out of the site.
    NonRelativeLink => "non-relative-link",
    /// A URL scheme that content may not use (`javascript:`, ...).
    ForbiddenUrl => "forbidden-url",
    /// Raw HTML that is removed from the page.
    ForbiddenHtml => "forbidden-html",
    /// An `id` used twice on one page.
    DuplicateId => "duplicate-id",
    /// More raw HTML than statusref passes through.
    TooMuchHtml => "too-much-html",
    /// A theme that does not exist.
    MissingTheme => "missing-theme",
    /// A template that uses a field no page has (`{{ code.sinse }}`).
    UnknownField => "unknown-field",
    /// A theme string (`t.GROUP.KEY`) or strings file that a language or template needs and lacks.
    MissingString => "missing-string",
    /// A theme string that the reference language does not have.
    UnknownString => "unknown-string",
    /// A translated theme string whose `{placeholders}` differ from the reference.
    PlaceholderMismatch => "placeholder-mismatch",
    /// A site language with no cross-link word list (`src/xref/lexicon/<code>.txt`).
    MissingLexicon => "missing-lexicon",
    /// A template that does not parse or does not render.
    TemplateError => "template-error",
    /// A content file that would replace a file statusref writes itself.
    OutputConflict => "output-conflict",
    /// A bug in statusref (a panic caught by `serve`).
    Internal => "internal",
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_lowercase_words_joined_by_dashes() {
        let mut seen = HashSet::new();
        for kind in Kind::ALL {
            let code = kind.code();
            assert!(seen.insert(code), "{code} is used twice");
            assert!(
                !code.is_empty()
                    && !code.starts_with('-')
                    && !code.ends_with('-')
                    && !code.contains("--")
                    && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
        }
        assert_eq!(Kind::UnknownKey.to_string(), "unknown-key");
    }
}
