//! Tera filters the default theme uses, registered on every theme.
//!
//! - `breakable`: escapes a string for HTML and adds `<wbr>` after each `.`,
//!   `_` and `::`, so a long library constant (`HTTPStatus.IM_A_TEAPOT`)
//!   wraps between its parts and never inside a word. Its output is marked
//!   safe because the filter escapes the input itself.
//! - `fill`: puts named arguments in place of the `{name}` placeholders of a
//!   theme string, `{{ t.index.more_about | fill(code=e.code, title=e.title) }}`;
//!   the result is escaped like any output. A placeholder with no argument is
//!   an error, so a translation cannot lose a value silently.

use std::collections::HashMap;

use tera::{Filter, Result, Tera, Value};

use crate::html;

/// Registers the theme's filters on `tera`.
pub(super) fn register_filters(tera: &mut Tera) {
    tera.register_filter("breakable", Breakable);
    tera.register_filter("fill", Fill);
}

struct Fill;

impl Filter for Fill {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
        let text = value.as_str().ok_or_else(|| tera::Error::msg("`fill` applies to a theme string"))?;
        fill_placeholders(text, args).map(Value::String)
    }
}

/// `"More about {code}"` with `code = 404` -> `"More about 404"`. Braces
/// around anything but a name are kept as written.
pub(crate) fn fill_placeholders(text: &str, args: &HashMap<String, Value>) -> Result<String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            let name = &after[..name_len];
            match args.get(name) {
                Some(Value::String(s)) => out.push_str(s),
                Some(other) => out.push_str(&other.to_string()),
                None => {
                    return Err(tera::Error::msg(format!("`fill` has no value for {{{name}}} in \"{text}\"")))
                }
            }
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

struct Breakable;

impl Filter for Breakable {
    fn filter(&self, value: &Value, _args: &HashMap<String, Value>) -> Result<Value> {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Ok(Value::String(break_after_separators(&text)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `HTTPStatus.IM_A_TEAPOT` -> `HTTPStatus.<wbr>IM_<wbr>A_<wbr>TEAPOT`, escaped.
/// No break at the very end, none between the two colons of `::`.
pub(super) fn break_after_separators(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while !rest.is_empty() {
        let cut = separator_end(rest);
        out.push_str(&html::escape(&rest[..cut]));
        rest = &rest[cut..];
        if !rest.is_empty() {
            out.push_str("<wbr>");
        }
    }
    out
}

/// Length of the first part of `s`: up to and including its first separator,
/// or all of it.
fn separator_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' | b'_' => return i + 1,
            b':' if bytes.get(i + 1) == Some(&b':') => return i + 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_break_after_dots_underscores_and_double_colons() {
        assert_eq!(break_after_separators("HTTPStatus.IM_A_TEAPOT"), "HTTPStatus.<wbr>IM_<wbr>A_<wbr>TEAPOT");
        assert_eq!(break_after_separators("StatusCode::NOT_FOUND"), "StatusCode::<wbr>NOT_<wbr>FOUND");
        assert_eq!(break_after_separators(":not_found"), ":not_<wbr>found");
        assert_eq!(break_after_separators("http.StatusOK"), "http.<wbr>StatusOK");
        assert_eq!(break_after_separators("trailing."), "trailing.");
        assert_eq!(break_after_separators("plain"), "plain");
        assert_eq!(break_after_separators(""), "");
    }

    #[test]
    fn the_input_is_escaped() {
        assert_eq!(break_after_separators("<b>a.b</b>"), "&lt;b&gt;a.<wbr>b&lt;/b&gt;");
    }

    #[test]
    fn fill_puts_values_in_place_and_the_output_is_escaped() {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        register_filters(&mut tera);
        tera.add_raw_template("t.html", "{{ s | fill(code=c, title=n) }}").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("s", "详细了解 {code} {title} {not a name} {");
        ctx.insert("c", &404);
        ctx.insert("n", "<Not> Found");
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "详细了解 404 &lt;Not&gt; Found {not a name} {");
        ctx.insert("s", "{missing}");
        let err = tera.render("t.html", &ctx).unwrap_err();
        assert!(crate::theme::error_chain(&err).contains("no value for {missing}"), "{err:?}");
    }

    #[test]
    fn the_filter_output_is_not_escaped_again() {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        register_filters(&mut tera);
        tera.add_raw_template("t.html", "{{ name | breakable }}").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("name", "A_<B>");
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "A_<wbr>&lt;B&gt;");
    }
}
