//! Link destinations as the author wrote them:
//!
//! - `[401]`, `[4xx]` with no definition: a typed `Target`, resolved from the
//!   reference label that pulldown-cmark hands back with the link,
//! - `#404-not-found` and `#404`: the code's entry or page,
//! - script-capable schemes (`javascript:` ...) are refused, server-root
//!   paths reported,
//! - every other internal link is kept with its position, for the check of
//!   the rendered site.

use pulldown_cmark::{CowStr, LinkType};

use super::{InternalLink, State};
use crate::diagnostic::{Diagnostic, Kind};
use crate::xref::prose::{Known, Target};
use crate::xref::SiteIndex;

/// `401` or `4xx` (any case) as written inside `[...]`.
pub(super) fn explicit_target(label: &str) -> Option<Target> {
    let b = label.as_bytes();
    if b.len() != 3 {
        return None;
    }
    if b.iter().all(u8::is_ascii_digit) {
        let code: u16 = label.parse().ok()?;
        return (100..=599).contains(&code).then_some(Target::Code(code));
    }
    if (b'1'..=b'5').contains(&b[0]) && b[1..].eq_ignore_ascii_case(b"xx") {
        return Some(Target::Class(b[0] - b'0'));
    }
    None
}

pub(super) fn target_exists(index: &SiteIndex, target: Target) -> bool {
    match target {
        Target::Code(c) => index.has_code(c),
        Target::Class(d) => index.has_class(d),
    }
}

impl<'b> State<'_, 'b> {
    /// Resolves cross-reference destinations and checks the rest.
    pub(super) fn resolve_link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'b>,
        title: CowStr<'b>,
        label: &str,
        offset: usize,
    ) -> (CowStr<'b>, CowStr<'b>) {
        if link_type == LinkType::Email {
            return (dest, title);
        }
        if matches!(
            link_type,
            LinkType::ShortcutUnknown | LinkType::CollapsedUnknown | LinkType::ReferenceUnknown
        ) {
            // Only labels naming a target the site has come back from the callback.
            let target = explicit_target(label.trim());
            if let Some(Target::Code(c)) = target {
                self.out.references.insert(c);
            }
            return match target.and_then(|t| self.ctx.index.target_href(self.ctx.page, t)) {
                Some((href, title)) => (href.into(), title.into()),
                None => ("#".into(), title),
            };
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            if let Some(code) = code_anchor(fragment) {
                if let Some(c) = self
                    .ctx
                    .index
                    .code_for_slug(fragment)
                    .or_else(|| (self.ctx.index.has_code(code) && fragment.len() == 3).then_some(code))
                {
                    self.out.references.insert(c);
                    let (href, full) =
                        self.ctx.index.target_href(self.ctx.page, Target::Code(c)).unwrap_or_default();
                    let title = if title.is_empty() { full.into() } else { title };
                    return (href.into(), title);
                }
                if self.ctx.index.is_invalid(code) {
                    return (dest, title); // its page is invalid; reported there
                }
                let help = match self.ctx.index.slug(code) {
                    Some(slug) => format!("the anchor of {code} is #{slug}"),
                    None => format!("the site has no page for {code}"),
                };
                self.out.diagnostics.push(
                    Diagnostic::error(Kind::BrokenAnchor, format!("anchor #{fragment} leads nowhere"))
                        .at(self.location(offset))
                        .help(help),
                );
                return (dest, title);
            }
        }
        let dest = self.check_scheme(dest, offset);
        if dest.starts_with('/') && !dest.starts_with("//") {
            self.out.diagnostics.push(
                Diagnostic::error(Kind::NonRelativeLink, format!("link `{dest}` starts at the server root"))
                    .at(self.location(offset))
                    .help(format!(
                        "write it relative to this page (e.g. ..{dest}) so it works under a sub-path and from the file system"
                    )),
            );
            return (dest, title);
        }
        if is_internal(&dest) {
            self.out
                .internal_links
                .push(InternalLink { dest: dest.to_string(), location: self.location(offset) });
        }
        (dest, title)
    }

    /// Refuses `javascript:` and other script-capable schemes.
    pub(super) fn check_scheme(&mut self, dest: CowStr<'b>, offset: usize) -> CowStr<'b> {
        let compact: String =
            dest.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
        let lower = compact.to_ascii_lowercase();
        let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
        match scheme {
            None | Some("http" | "https" | "mailto" | "tel") => dest,
            Some(scheme) => {
                self.out.diagnostics.push(
                    Diagnostic::error(
                        Kind::ForbiddenUrl,
                        format!("`{scheme}:` URLs are not allowed in content"),
                    )
                    .at(self.location(offset))
                    .help("link with http, https, mailto or a relative URL"),
                );
                "#".into()
            }
        }
    }
}

/// `404-not-found` or `404` -> 404.
fn code_anchor(fragment: &str) -> Option<u16> {
    let digits = fragment.get(..3)?;
    let code: u16 = digits.parse().ok()?;
    let rest = &fragment[3..];
    ((100..=599).contains(&code)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (rest.is_empty() || rest.starts_with('-')))
    .then_some(code)
}

fn is_internal(dest: &str) -> bool {
    !dest.is_empty() && !dest.starts_with("//") && !dest.contains(':')
}
