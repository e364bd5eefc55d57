//! Reading a data file (guide, scan instrument) and saying where it is wrong.
//!
//! Natively (the CLI, the server, the tests) a mistake is located by its JSON path
//! (`$.domains[3].code`), which a web team can follow in any editor. In the browser the
//! location is the line and column: the path finder would cost the widgets about 10 KB
//! (brotli) of code for a message only the web team reads.

use serde::de::DeserializeOwned;

/// Where a data file is wrong, and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// A JSON path natively, a line and column in the browser.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// Reads a JSON data file as `T`.
pub fn read_json<T: DeserializeOwned>(text: &str) -> Result<T, Mistake> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| Mistake {
            location: format!("$.{}", error.path()),
            message: error.inner().to_string(),
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        serde_json::from_str(text).map_err(|error| Mistake {
            location: format!("line {}, column {}", error.line(), error.column()),
            message: error.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Text;
    use std::collections::BTreeMap;

    #[test]
    fn a_mistake_is_located_by_its_json_path() {
        let mistake =
            read_json::<BTreeMap<String, Vec<Text>>>(r#"{"a": [{"nl": "x"}, {"nl": 3}]}"#)
                .unwrap_err();
        assert_eq!(mistake.location, "$.a[1].nl");
        assert!(mistake.message.contains("invalid type"), "{mistake:?}");
    }

    #[test]
    fn broken_json_is_a_mistake_too() {
        let mistake = read_json::<Text>(r#"{"nl": "#).unwrap_err();
        assert!(mistake.message.contains("EOF"), "{mistake:?}");
    }
}
