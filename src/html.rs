//! HTML escaping, the one place statusref escapes text it writes into HTML or
//! XML by hand (templates escape through Tera's autoescape), on the
//! `html-escape` crate:
//! - `escape` / `escape_into`: `&`, `<`, `>` and `"`, for text and for
//!   double-quoted attribute values,
//! - `escape_text_into`: `&`, `<` and `>` only, for element text where quotes
//!   are harmless (highlighted code, as pulldown-cmark writes code blocks).
//!
//! `'` is left alone on purpose: attributes are always double-quoted, and
//! escaping it would change every published page with an apostrophe.

/// `text` with `&`, `<`, `>` and `"` escaped.
pub fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// Appends `text` with `&`, `<`, `>` and `"` escaped.
pub fn escape_into(out: &mut String, text: &str) {
    html_escape::encode_double_quoted_attribute_to_string(text, out);
}

/// Appends element text with `&`, `<` and `>` escaped (quotes need no escape there).
pub fn escape_text_into(out: &mut String, text: &str) {
    html_escape::encode_text_to_string(text, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_double_quotes() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;"
        );
        assert_eq!(escape("plain é text"), "plain é text");
        assert_eq!(escape(""), "");
        let mut out = String::from("<p title=\"");
        escape_into(&mut out, "\"quoted\" & <b>");
        assert_eq!(out, "<p title=\"&quot;quoted&quot; &amp; &lt;b&gt;");
    }

    #[test]
    fn element_text_keeps_quotes() {
        let mut out = String::from("<code>");
        escape_text_into(&mut out, r#"if a < b && s == "x" {"#);
        assert_eq!(out, r#"<code>if a &lt; b &amp;&amp; s == "x" {"#);
    }
}
