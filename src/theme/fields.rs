//! The template contract, checked without rendering: every variable path a
//! template uses (`{{ code.title }}`, `{% if code.since %}`, loop and macro
//! arguments included) must exist in the serialised context its page gets.
//!
//! 1. walk each page template's AST (its parents first, then its blocks),
//!    following `set`, `for` and macro calls, with the sample context of
//!    that template,
//! 2. note for every path, in the file it is written in, whether any
//!    context defines it (a shared `base.html` may test `{% if code %}`,
//!    which only code pages have),
//! 3. report each path no context defines once, at its own line.
//!
//! A `null` in the sample (an absent optional value) accepts any path below
//! it; `| default(...)` and `is defined` tests are allowed to miss.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;
use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// A path no context defines, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    /// The template file it is written in, e.g. `code.html`.
    pub template: String,
    /// e.g. `code.sinse`
    pub path: String,
    /// The longest part of the path that exists, e.g. `code`, and the names
    /// found there, for a did-you-mean.
    pub known: Option<(String, Vec<String>)>,
}

/// Every path used by the given page templates that none of their contexts
/// defines, in template and path order. `pages` pairs a page template name
/// with the serialised context it renders with.
pub fn unknown_fields(tera: &Tera, pages: &[(&str, Value)]) -> Vec<UnknownField> {
    let mut uses: BTreeMap<(String, String), Resolution> = BTreeMap::new();
    for (template, context) in pages {
        let Ok(tpl) = tera.get_template(template) else { continue };
        let mut walker = Walker { tera, uses: &mut uses, context: Some(context), depth: 0 };
        let mut scopes = vec![HashMap::new()];
        // The parents render first; the child's blocks see what they `set`.
        for parent in tpl.parents.iter().rev() {
            if let Ok(parent) = tera.get_template(parent) {
                walker.nodes(&parent.name, &parent.ast, &mut scopes);
            }
        }
        walker.nodes(&tpl.name, &tpl.ast, &mut scopes);
    }
    uses.into_iter()
        .filter_map(|((template, path), resolution)| match resolution {
            Resolution::Defined => None,
            Resolution::Missing(known) => Some(UnknownField { template, path, known }),
        })
        .collect()
}

/// The (1-based) line and column where `path` is first written in `text` as
/// a whole name (not part of a longer one).
pub fn find_path(text: &str, path: &str) -> Option<(usize, usize)> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut from = 0;
    while let Some(i) = text[from..].find(path).map(|i| from + i) {
        let before = text[..i].chars().next_back();
        let after = text[i + path.len()..].chars().next();
        if !before.is_some_and(is_name) && !after.is_some_and(|c| is_name(c) && c != '.') {
            let line = text[..i].matches('\n').count() + 1;
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            return Some((line, text[line_start..i].chars().count() + 1));
        }
        from = i + path.len();
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Resolution {
    Defined,
    Missing(Option<(String, Vec<String>)>),
}

/// What a name stands for: a value of the sample; something not known
/// statically (a loop counter, a computed value), which accepts any path; or
/// the item of a list that is empty in this sample, which says nothing.
#[derive(Clone)]
enum Shape<'v> {
    Known(&'v Value),
    Owned(Value),
    Any,
    Unseen,
}

/// Macros calling macros are followed this deep.
const MAX_MACRO_DEPTH: usize = 8;

struct Walker<'t, 'v> {
    tera: &'t Tera,
    uses: &'t mut BTreeMap<(String, String), Resolution>,
    /// The page's context; `None` inside a macro, which sees only its arguments.
    context: Option<&'v Value>,
    depth: usize,
}

impl<'v> Walker<'_, 'v> {
    fn nodes(&mut self, file: &str, nodes: &[Node], scopes: &mut Vec<HashMap<String, Shape<'v>>>) {
        for node in nodes {
            match node {
                Node::VariableBlock(_, expr) => self.expr(file, expr, scopes),
                Node::Set(_, set) => {
                    self.expr(file, &set.value, scopes);
                    let shape = self.shape_of(&set.value, scopes);
                    let scope = if set.global { scopes.first_mut() } else { scopes.last_mut() };
                    if let Some(scope) = scope {
                        scope.insert(set.key.clone(), shape);
                    }
                }
                Node::FilterSection(_, section, _) => {
                    for arg in section.filter.args.values() {
                        self.expr(file, arg, scopes);
                    }
                    self.nodes(file, &section.body, scopes);
                }
                Node::Block(_, block, _) => self.nodes(file, &block.body, scopes),
                Node::Forloop(_, forloop, _) => {
                    self.expr(file, &forloop.container, scopes);
                    let item = match self.shape_of(&forloop.container, scopes) {
                        Shape::Known(Value::Array(items)) => merged(items),
                        Shape::Owned(Value::Array(items)) if !items.is_empty() => {
                            Shape::Owned(items.iter().fold(Value::Null, merge))
                        }
                        Shape::Owned(Value::Array(_)) | Shape::Unseen => Shape::Unseen,
                        _ => Shape::Any,
                    };
                    let mut scope = HashMap::from([("loop".to_string(), Shape::Any)]);
                    if let Some(key) = &forloop.key {
                        scope.insert(key.clone(), Shape::Any);
                    }
                    scope.insert(forloop.value.clone(), item);
                    scopes.push(scope);
                    self.nodes(file, &forloop.body, scopes);
                    if let Some(empty) = &forloop.empty_body {
                        self.nodes(file, empty, scopes);
                    }
                    scopes.pop();
                }
                Node::If(branches, _) => {
                    for (_, condition, body) in &branches.conditions {
                        self.expr(file, condition, scopes);
                        self.nodes(file, body, scopes);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        self.nodes(file, body, scopes);
                    }
                }
                Node::Include(_, names, _) => {
                    for name in names {
                        if let Ok(included) = self.tera.get_template(name) {
                            self.nodes(&included.name, &included.ast, scopes);
                        }
                    }
                }
                // Macros are checked where they are called, with their arguments.
                Node::MacroDefinition(..)
                | Node::Super
                | Node::Text(_)
                | Node::Extends(..)
                | Node::ImportMacro(..)
                | Node::Raw(..)
                | Node::Break(_)
                | Node::Continue(_)
                | Node::Comment(..) => {}
            }
        }
    }

    fn expr(&mut self, file: &str, expr: &Expr, scopes: &mut Vec<HashMap<String, Shape<'v>>>) {
        for filter in &expr.filters {
            for arg in filter.args.values() {
                self.expr(file, arg, scopes);
            }
        }
        match &expr.val {
            ExprVal::Ident(path) if !expr.has_default_filter() => self.note(file, path, scopes),
            ExprVal::Math(math) => {
                self.expr(file, &math.lhs, scopes);
                self.expr(file, &math.rhs, scopes);
            }
            ExprVal::Logic(logic) => {
                self.expr(file, &logic.lhs, scopes);
                self.expr(file, &logic.rhs, scopes);
            }
            ExprVal::In(within) => {
                self.expr(file, &within.lhs, scopes);
                self.expr(file, &within.rhs, scopes);
            }
            ExprVal::Test(test) => {
                if !matches!(test.name.as_str(), "defined" | "undefined") {
                    self.note(file, &test.ident, scopes);
                }
                for arg in &test.args {
                    self.expr(file, arg, scopes);
                }
            }
            ExprVal::FunctionCall(call) => {
                for arg in call.args.values() {
                    self.expr(file, arg, scopes);
                }
            }
            ExprVal::Array(items) => {
                for item in items {
                    self.expr(file, item, scopes);
                }
            }
            ExprVal::StringConcat(concat) => {
                for value in &concat.values {
                    if let ExprVal::Ident(path) = value {
                        self.note(file, path, scopes);
                    }
                }
            }
            ExprVal::MacroCall(call) => {
                for arg in call.args.values() {
                    self.expr(file, arg, scopes);
                }
                self.call_macro(file, call, scopes);
            }
            ExprVal::Ident(_)
            | ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_) => {}
        }
    }

    /// Walks the macro's body with its arguments bound to what the call passes.
    fn call_macro(&mut self, file: &str, call: &tera::ast::MacroCall, scopes: &[HashMap<String, Shape<'v>>]) {
        if self.depth >= MAX_MACRO_DEPTH {
            return;
        }
        let Ok(caller) = self.tera.get_template(file) else { return };
        let macro_file = if call.namespace == "self" {
            Some(caller.name.clone())
        } else {
            caller.imported_macro_files.iter().find(|(_, ns)| *ns == call.namespace).map(|(f, _)| f.clone())
        };
        let Some(definition) = macro_file
            .and_then(|f| self.tera.get_template(&f).ok())
            .and_then(|t| t.macros.get(&call.name).map(|m| (t.name.clone(), m)))
        else {
            return;
        };
        let (macro_file, definition) = definition;
        let mut frame: HashMap<String, Shape<'v>> = HashMap::new();
        for name in definition.args.keys() {
            let shape = match call.args.get(name) {
                Some(arg) => self.shape_of(arg, scopes),
                None => Shape::Any,
            };
            frame.insert(name.clone(), shape);
        }
        let mut inner = Walker { tera: self.tera, uses: self.uses, context: None, depth: self.depth + 1 };
        inner.nodes(&macro_file, &definition.body, &mut vec![frame]);
    }

    fn note(&mut self, file: &str, path: &str, scopes: &[HashMap<String, Shape<'v>>]) {
        // `a[b]` and `a.b[0]`: only the part before the brackets is checked.
        let path = path.split('[').next().unwrap_or(path);
        if path.is_empty() || path.starts_with("__tera") {
            return;
        }
        let Some(resolution) = self.resolve(path, scopes) else { return };
        let entry = self.uses.entry((file.to_string(), path.to_string())).or_insert(resolution.clone());
        if resolution == Resolution::Defined {
            *entry = Resolution::Defined;
        }
    }

    /// `None` when this sample says nothing about the path.
    fn resolve(&self, path: &str, scopes: &[HashMap<String, Shape<'v>>]) -> Option<Resolution> {
        let mut segments = path.split('.');
        let root = segments.next().unwrap_or_default();
        let start = match scopes.iter().rev().find_map(|s| s.get(root)) {
            Some(Shape::Any) => return Some(Resolution::Defined),
            Some(Shape::Unseen) => return None,
            Some(Shape::Known(v)) => (*v).clone(),
            Some(Shape::Owned(v)) => v.clone(),
            None => match self.context.and_then(|c| c.get(root)) {
                Some(v) => v.clone(),
                None => {
                    let names = self.context.and_then(Value::as_object).map(|o| o.keys().cloned().collect());
                    return Some(Resolution::Missing(names.map(|n| (String::new(), n))));
                }
            },
        };
        let mut value = &start;
        let mut walked = root.to_string();
        for segment in segments {
            let next = match value {
                Value::Null => return Some(Resolution::Defined),
                Value::Object(map) => map.get(segment),
                Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(next) => value = next,
                None => {
                    let names = value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
                    return Some(Resolution::Missing(Some((walked, names))));
                }
            }
            walked = format!("{walked}.{segment}");
        }
        Some(Resolution::Defined)
    }

    /// What a `set` or a macro argument binds: the value of a plain path, else unknown.
    fn shape_of(&self, expr: &Expr, scopes: &[HashMap<String, Shape<'v>>]) -> Shape<'v> {
        let ExprVal::Ident(path) = &expr.val else { return Shape::Any };
        if !expr.filters.is_empty() || path.contains('[') {
            return Shape::Any;
        }
        let mut segments = path.split('.');
        let root = segments.next().unwrap_or_default();
        let start = match scopes.iter().rev().find_map(|s| s.get(root)) {
            Some(shape) => shape.clone(),
            None => match self.context.and_then(|c| c.get(root)) {
                Some(v) => Shape::Known(v),
                None => return Shape::Any,
            },
        };
        segments.fold(start, |shape, segment| match shape {
            Shape::Known(v) => v.get(segment).map_or(Shape::Any, Shape::Known),
            Shape::Owned(v) => v.get(segment).cloned().map_or(Shape::Any, Shape::Owned),
            other => other,
        })
    }
}

/// The shape of a loop item: every item's fields together (an absent optional
/// value in one item may be present in the next).
fn merged<'v>(items: &'v [Value]) -> Shape<'v> {
    match items {
        [] => Shape::Unseen,
        [one] => Shape::Known(one),
        _ => Shape::Owned(items.iter().fold(Value::Null, merge)),
    }
}

fn merge(acc: Value, item: &Value) -> Value {
    match (acc, item) {
        (Value::Object(mut a), Value::Object(b)) => {
            for (key, value) in b {
                let merged = merge(a.remove(key).unwrap_or(Value::Null), value);
                a.insert(key.clone(), merged);
            }
            Value::Object(a)
        }
        // A list's items, merged into one, stand for every item.
        (Value::Array(a), Value::Array(b)) => {
            let item = a.iter().chain(b).fold(Value::Null, merge);
            Value::Array(if item.is_null() { Vec::new() } else { vec![item] })
        }
        (Value::Null, item) => item.clone(),
        (acc, _) => acc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn unknown(templates: &[(&str, &str)], pages: &[(&str, Value)]) -> Vec<(String, String)> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        unknown_fields(&tera, pages).into_iter().map(|u| (u.template, u.path)).collect()
    }

    #[test]
    fn misspelt_fields_in_if_and_in_output_are_found() {
        let ctx = json!({"code": {"title": "Not Found", "since": null}});
        let found = unknown(
            &[(
                "p.html",
                "{% if code.sinse %}x{% endif %}{{ code.title }}{{ code.titel }}{{ code.since.year }}",
            )],
            &[("p.html", ctx)],
        );
        assert_eq!(
            found,
            vec![("p.html".into(), "code.sinse".into()), ("p.html".into(), "code.titel".into())]
        );
    }

    #[test]
    fn loops_sets_and_macros_carry_the_shape() {
        let templates = [
            ("m.html", "{% macro list(items) %}{% for i in items %}{{ i.href }}{{ i.hreff }}{% endfor %}{% endmacro list %}"),
            (
                "p.html",
                "{% import \"m.html\" as m %}{% set x = page.links %}{% for l in x %}{{ l.text }}{{ l.txt }}{{ loop.index }}{% endfor %}{{ m::list(items=page.links) }}{{ page.nope | default(value=1) }}{% if page.gone is defined %}{% endif %}",
            ),
        ];
        let ctx = json!({"page": {"links": [{"href": "a", "text": "b"}]}});
        assert_eq!(
            unknown(&templates, &[("p.html", ctx)]),
            vec![("m.html".into(), "i.hreff".into()), ("p.html".into(), "l.txt".into())]
        );
    }

    #[test]
    fn a_shared_parent_may_test_what_only_some_pages_have() {
        let templates = [
            ("base.html", "{% if code %}{{ code.title }}{% endif %}{% if cod %}{% endif %}{% block main %}{% endblock main %}"),
            ("a.html", "{% extends \"base.html\" %}{% block main %}{{ page.title }}{% endblock main %}"),
            ("b.html", "{% extends \"base.html\" %}{% block main %}{{ code.title }}{% endblock main %}"),
        ];
        let a = json!({"page": {"title": "t"}});
        let b = json!({"page": {"title": "t"}, "code": {"title": "c"}});
        assert_eq!(
            unknown(&templates, &[("a.html", a), ("b.html", b)]),
            vec![("base.html".into(), "cod".into())]
        );
    }

    #[test]
    fn paths_are_found_as_whole_names() {
        let text = "{{ code.since_year }}\n  {% if code.since %}";
        assert_eq!(find_path(text, "code.since"), Some((2, 9)));
        assert_eq!(find_path("{{ xcode.since }}", "code.since"), None);
    }
}
