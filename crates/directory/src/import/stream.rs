//! Reading HSDS JSON text one service at a time.
//!
//! The parser hands each item of the document's list (the `contents` of a list page, or the
//! document itself when it is an array) to the [`Collector`] as soon as it is parsed, and the
//! item's JSON tree is dropped before the next one is read. Only the other fields of a page
//! (`total_items`, …) and a document that is a single object are kept whole.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::{Collector, ImportError, NOT_A_LIST};
use crate::reader::{Carry, Reader};

/// Imports JSON text (without a byte order mark).
pub(super) fn import_text(text: &str) -> Result<super::Imported, ImportError> {
    import_from(serde_json::Deserializer::from_str(text), Carry::Keep)
}

/// Imports JSON from a reader (without a byte order mark), which is read once, front to back:
/// neither the text nor its JSON tree is ever held whole.
pub(super) fn import_reader(
    reader: impl std::io::Read,
    carry: Carry,
) -> Result<super::Imported, ImportError> {
    import_from(serde_json::Deserializer::from_reader(reader), carry)
}

fn import_from<'de, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
    carry: Carry,
) -> Result<super::Imported, ImportError> {
    let mut collector = Collector::new(Reader::with_carry(carry));
    let read = Document {
        collector: &mut collector,
    }
    .deserialize(&mut deserializer)
    .and_then(|read| deserializer.end().map(|()| read))
    .map_err(|error| match error.io_error_kind() {
        Some(_) => ImportError::Unreadable {
            message: error.to_string(),
        },
        None => ImportError::InvalidJson {
            line: error.line(),
            column: error.column(),
            message: error.to_string(),
        },
    })?;
    match read {
        Read::List => {}
        Read::Single(value) => collector.single(&value)?,
        Read::Refused(found) => return Err(ImportError::NotAServiceList { found }),
    }
    Ok(collector.finish())
}

/// What the document turned out to be.
enum Read {
    /// A list whose items went to the collector.
    List,
    /// One object, kept whole.
    Single(Value),
    /// Not something with services in it.
    Refused(&'static str),
}

/// The whole document.
struct Document<'c> {
    collector: &'c mut Collector,
}

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = Read;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HSDS services")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Read, A::Error> {
        stream_items(self.collector, None, items)?;
        Ok(Read::List)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        let mut fields = Map::new();
        let mut contents = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "contents" && contents.is_none() {
                contents = Some(map.next_value_seed(Contents {
                    collector: &mut *self.collector,
                })?);
            } else {
                let value: Value = map.next_value()?;
                fields.insert(key, value);
            }
        }
        Ok(match contents {
            Some(true) => Read::List,
            Some(false) => Read::Refused(NOT_A_LIST),
            None => Read::Single(Value::Object(fields)),
        })
    }

    fn visit_bool<E>(self, _: bool) -> Result<Read, E> {
        Ok(Read::Refused("true/false"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Read, E> {
        Ok(Read::Refused("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Read, E> {
        Ok(Read::Refused("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Read, E> {
        Ok(Read::Refused("a number"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Read, E> {
        Ok(Read::Refused("text"))
    }

    fn visit_unit<E>(self) -> Result<Read, E> {
        Ok(Read::Refused("null"))
    }
}

/// The `contents` of a list page: `true` when it was a list (its items went to the
/// collector), `false` for anything else.
struct Contents<'c> {
    collector: &'c mut Collector,
}

impl<'de> DeserializeSeed<'de> for Contents<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Contents<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of services")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<bool, A::Error> {
        stream_items(self.collector, Some("contents"), items)?;
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// Hands every item of `items` to `collector` as soon as it is parsed.
fn stream_items<'de, A: SeqAccess<'de>>(
    collector: &mut Collector,
    key: Option<&str>,
    mut items: A,
) -> Result<(), A::Error> {
    let mut index = 0;
    while let Some(item) = items.next_element::<Value>()? {
        collector.item(key, index, &item);
        index += 1;
    }
    Ok(())
}
