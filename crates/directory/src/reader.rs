//! A forgiving reader over parsed JSON that records every problem with its JSON path.
//!
//! Real HSDS data has `null` in optional fields, numbers written as strings and the odd wrong
//! type. The reader takes what it can use and writes a [`Problem`] for the rest, so one bad
//! field never costs the whole record.

use serde_json::Value;
use std::cell::RefCell;
use wegwijs_text::number::parse_decimal;

use crate::problem::{Problem, Severity};

/// The field in which CSV importers record where an assembled object came from.
pub(crate) const SOURCE_FIELD: &str = "_source";

/// Collects the problems found while reading one input file.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    problems: RefCell<Vec<Problem>>,
    /// Only read by the checks of carried fields (feature `carry`).
    #[cfg_attr(not(feature = "carry"), allow(dead_code))]
    carry: Carry,
}

/// What happens to the HSDS fields the model has no place for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Carry {
    /// They are checked (problems are named) and kept for an export.
    #[default]
    Keep,
    /// They are checked, so every problem is named, but not kept: for reading a map to
    /// validate, index or search it, where keeping them would only cost memory.
    CheckOnly,
    /// They are neither checked nor kept: for objects an importer assembled itself (the
    /// spreadsheet's), which hold nothing more than the model reads.
    Skip,
}

impl Reader {
    /// A reader that treats carried fields as `carry` says.
    pub(crate) fn with_carry(carry: Carry) -> Self {
        Self {
            carry,
            ..Self::default()
        }
    }

    /// What happens to carried fields.
    #[cfg(feature = "carry")]
    pub(crate) fn carry(&self) -> Carry {
        self.carry
    }

    /// A node for the document root, with the JSON path `$`.
    pub(crate) fn root<'a>(&'a self, value: &'a Value) -> Node<'a> {
        Node {
            value,
            parent: None,
            segment: Segment::Root,
            reader: self,
        }
    }

    /// Runs `f` on item `index` of the list at `key` of the document root (`None`: the root
    /// is the list), for a list read one item at a time.
    pub(crate) fn with_item<T>(
        &self,
        key: Option<&str>,
        index: usize,
        item: &Value,
        f: impl FnOnce(Node<'_>) -> T,
    ) -> T {
        let root = Node {
            value: &Value::Null,
            parent: None,
            segment: Segment::Root,
            reader: self,
        };
        match key {
            Some(key) => {
                let list = root.child(&Value::Null, Segment::Key(key));
                f(list.child(item, Segment::Index(index)))
            }
            None => f(root.child(item, Segment::Index(index))),
        }
    }

    /// Records a problem.
    fn report(&self, problem: Problem) {
        self.problems.borrow_mut().push(problem);
    }

    /// The problems recorded so far, in the order they were found.
    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.problems.into_inner()
    }
}

/// The last step of a JSON path.
#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// One place in the JSON document. Its path (`$.contents[3].phones[0]`) is only written out
/// when a problem is reported, so reading costs no allocations.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    value: &'a Value,
    parent: Option<&'a Node<'a>>,
    segment: Segment<'a>,
    reader: &'a Reader,
}

impl<'a> Node<'a> {
    fn child<'b>(&'b self, value: &'b Value, segment: Segment<'b>) -> Node<'b> {
        Node {
            value,
            parent: Some(self),
            segment,
            reader: self.reader,
        }
    }

    /// The node for the value at `key`, when there is one.
    #[cfg(feature = "carry")]
    pub(crate) fn at<'b>(&'b self, key: &'b str) -> Option<Node<'b>> {
        let value = self.value.get(key)?;
        Some(self.child(value, Segment::Key(key)))
    }

    /// The node for item `index` of this list.
    #[cfg(feature = "carry")]
    pub(crate) fn item(&self, index: usize) -> Option<Node<'_>> {
        let value = self.value.get(index)?;
        Some(self.child(value, Segment::Index(index)))
    }

    /// What happens to the HSDS fields the model has no place for.
    #[cfg(feature = "carry")]
    pub(crate) fn carry(&self) -> Carry {
        self.reader.carry()
    }

    /// The raw JSON value at this place.
    pub(crate) fn value(&self) -> &'a Value {
        self.value
    }

    /// The JSON path of this place, such as `$.contents[3].phones[0]`. Objects assembled
    /// from CSV rows carry their origin in a `_source` field (`phones.csv:7`), which then
    /// starts the path.
    pub(crate) fn path(&self) -> String {
        if let Some(source) = self.value.get(SOURCE_FIELD).and_then(Value::as_str) {
            return source.to_owned();
        }
        let mut path = self.parent.map(Node::path).unwrap_or_default();
        match self.segment {
            Segment::Root => path.push('$'),
            Segment::Key(key) => {
                path.push('.');
                path.push_str(key);
            }
            Segment::Index(index) => path.push_str(&format!("[{index}]")),
        }
        path
    }

    /// Records a problem about `field` of this node.
    pub(crate) fn problem(&self, severity: Severity, field: &str, message: impl Into<String>) {
        self.reader.report(Problem {
            severity,
            location: self.path(),
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Runs `f` on the child object at `key`, if there is one.
    pub(crate) fn with_object<T>(&self, key: &str, f: impl FnOnce(Node<'_>) -> T) -> Option<T> {
        match self.value.get(key)? {
            Value::Null => None,
            child @ Value::Object(_) => Some(f(self.child(child, Segment::Key(key)))),
            other => {
                self.problem(
                    Severity::Warning,
                    key,
                    format!("expected an object, found {}", kind(other)),
                );
                None
            }
        }
    }

    /// Maps every object in the array at `key`; `null` or a missing key gives an empty list.
    /// An element that is not an object (a bare `"nl"` among languages) is reported and
    /// skipped: every HSDS list holds objects.
    pub(crate) fn map_list<T>(
        &self,
        key: &str,
        mut f: impl FnMut(Node<'_>) -> Option<T>,
    ) -> Vec<T> {
        self.map_records(key, |item| {
            if item.value.is_object() {
                return f(item);
            }
            item.problem(
                Severity::Warning,
                key,
                format!(
                    "expected an object in the list, found {}; skipped",
                    kind(item.value)
                ),
            );
            None
        })
    }

    /// Maps every element of the array at `key`, whatever its type, for a reader that
    /// reports wrong elements itself (the list of services).
    pub(crate) fn map_records<T>(&self, key: &str, f: impl FnMut(Node<'_>) -> Option<T>) -> Vec<T> {
        match self.value.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(list @ Value::Array(_)) => self.child(list, Segment::Key(key)).map_items(f),
            Some(other) => {
                self.problem(
                    Severity::Warning,
                    key,
                    format!("expected a list, found {}", kind(other)),
                );
                Vec::new()
            }
        }
    }

    /// Maps every element of this node when it is an array; anything else gives an empty list.
    pub(crate) fn map_items<T>(&self, mut f: impl FnMut(Node<'_>) -> Option<T>) -> Vec<T> {
        let Value::Array(items) = self.value else {
            return Vec::new();
        };
        let mut mapped: Vec<T> = items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| f(self.child(item, Segment::Index(index))))
            .collect();
        // Most HSDS lists hold one or two items; the model keeps many of them, so spare
        // capacity (a collected list starts at four) would cost more than the items.
        mapped.shrink_to_fit();
        mapped
    }

    /// Text at `key`: strings are trimmed, numbers and booleans are written out, empty
    /// strings and `null` count as absent. Other types are reported and skipped.
    pub(crate) fn text(&self, key: &str) -> Option<String> {
        match self.value.get(key)? {
            Value::Null => None,
            Value::String(s) => {
                let trimmed = s.trim();
                (!trimmed.is_empty()).then(|| trimmed.to_owned())
            }
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                self.problem(
                    Severity::Warning,
                    key,
                    format!("expected text, found {}", kind(other)),
                );
                None
            }
        }
    }
}

impl Node<'_> {
    /// A number at `key`; numbers written as strings ("12", "52,1") are accepted.
    pub(crate) fn number(&self, key: &str) -> Option<f64> {
        match self.value.get(key)? {
            Value::Null => None,
            Value::Number(n) => n.as_f64(),
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => match parse_decimal(&s.trim().replace(',', ".")) {
                Some(n) if n.is_finite() => Some(n),
                _ => {
                    self.problem(Severity::Warning, key, format!("{s:?} is not a number"));
                    None
                }
            },
            other => {
                self.problem(
                    Severity::Warning,
                    key,
                    format!("expected a number, found {}", kind(other)),
                );
                None
            }
        }
    }
}

/// A short English name for a JSON value's type, for problem messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_accepts_numbers_and_skips_blank_and_null() {
        let reader = Reader::default();
        let value = json!({"a": " x ", "b": 12, "c": "  ", "d": null, "e": [1]});
        let root = reader.root(&value);
        assert_eq!(root.text("a").as_deref(), Some("x"));
        assert_eq!(root.text("b").as_deref(), Some("12"));
        assert_eq!(root.text("c"), None);
        assert_eq!(root.text("d"), None);
        assert_eq!(root.text("missing"), None);
        assert_eq!(root.text("e"), None);
        let problems = reader.into_problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location, "$");
        assert_eq!(problems[0].field, "e");
    }

    #[test]
    fn numbers_may_be_strings_with_a_decimal_comma() {
        let reader = Reader::default();
        let value = json!({"lat": "52,1", "lon": 5.5, "bad": "north"});
        let root = reader.root(&value);
        assert_eq!(root.number("lat"), Some(52.1));
        assert_eq!(root.number("lon"), Some(5.5));
        assert_eq!(root.number("bad"), None);
        assert_eq!(reader.into_problems()[0].field, "bad");
    }

    #[test]
    fn a_source_field_names_the_csv_row() {
        let reader = Reader::default();
        let value = json!({"phones": [{"_source": "phones.csv:7", "number": [1]}]});
        reader.root(&value).map_list("phones", |p| p.text("number"));
        assert_eq!(reader.into_problems()[0].location, "phones.csv:7");
    }

    #[test]
    fn paths_name_the_list_index() {
        let reader = Reader::default();
        let value = json!({"phones": [{"number": "1"}, {"number": {"x": 1}}]});
        let root = reader.root(&value);
        let numbers = root.map_list("phones", |phone| phone.text("number"));
        assert_eq!(numbers, vec!["1".to_owned()]);
        let problems = reader.into_problems();
        assert_eq!(problems[0].location, "$.phones[1]");
        assert_eq!(problems[0].field, "number");
    }

    #[test]
    fn an_element_that_is_not_an_object_is_reported_and_skipped() {
        let reader = Reader::default();
        let value = json!({"languages": [{"code": "nl"}, "en", null, 3]});
        let codes = reader
            .root(&value)
            .map_list("languages", |l| l.text("code"));
        assert_eq!(codes, vec!["nl".to_owned()]);
        let problems = reader.into_problems();
        let places: Vec<_> = problems.iter().map(|p| p.location.as_str()).collect();
        assert_eq!(
            places,
            ["$.languages[1]", "$.languages[2]", "$.languages[3]"]
        );
        assert!(
            problems[0].message.contains("found text"),
            "{}",
            problems[0].message
        );
        assert!(problems.iter().all(|p| p.field == "languages"));
    }

    #[test]
    fn a_list_that_is_not_a_list_is_reported_not_fatal() {
        let reader = Reader::default();
        let value = json!({"phones": "0612345678"});
        let root = reader.root(&value);
        assert!(root.map_list("phones", |p| p.text("number")).is_empty());
        assert_eq!(reader.into_problems().len(), 1);
    }
}
