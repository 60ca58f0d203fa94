//! A page's view (a struct deriving `Serialize`, or a map) → a Tera [`Context`], field by field.
//!
//! `Context::from_serialize` first builds the whole view as one JSON object and then copies
//! every entry into a second map; on the paragraph pages (a site's bulk) that copy was a twentieth
//! of the page's cost. Here each field goes straight into the context.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use tera::Context;

/// The context holding every field of `view` under its name.
pub fn of<T: Serialize>(view: &T) -> Result<Context, ViewError> {
    view.serialize(Fields)
}

/// Why a view could not become a context: it was neither a struct nor a map with string keys,
/// or a field would not serialise.
#[derive(Debug)]
pub struct ViewError(String);

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ViewError {}

impl ser::Error for ViewError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        ViewError(msg.to_string())
    }
}

/// Accepts one struct or map; anything else is a programming error reported as a [`ViewError`].
struct Fields;

/// The fields of the struct or map being serialised, already in the context.
pub struct Building {
    context: Context,
    /// A map's key, until its value comes.
    key: Option<String>,
}

impl Building {
    fn insert<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) -> Result<(), ViewError> {
        self.context.try_insert(key, value).map_err(|e| ViewError(format!("field `{key}`: {e}")))
    }
}

impl SerializeStruct for Building {
    type Ok = Context;
    type Error = ViewError;

    fn serialize_field<V: Serialize + ?Sized>(&mut self, key: &'static str, value: &V) -> Result<(), ViewError> {
        self.insert(key, value)
    }

    fn end(self) -> Result<Context, ViewError> {
        Ok(self.context)
    }
}

impl SerializeMap for Building {
    type Ok = Context;
    type Error = ViewError;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), ViewError> {
        match serde_json::to_value(key) {
            Ok(serde_json::Value::String(key)) => {
                self.key = Some(key);
                Ok(())
            }
            _ => not_a_struct(),
        }
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), ViewError> {
        let key = self.key.take().ok_or_else(|| ViewError("a map value came without its key".into()))?;
        self.insert(&key, value)
    }

    fn end(self) -> Result<Context, ViewError> {
        Ok(self.context)
    }
}

fn not_a_struct<T>() -> Result<T, ViewError> {
    Err(ViewError("a page's view must be a struct with named fields or a map with string keys".into()))
}

fn building() -> Building {
    Building { context: Context::new(), key: None }
}

macro_rules! refuse {
    ($($method:ident($($ty:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $ty),*) -> Result<Context, ViewError> { not_a_struct() })*
    };
}

impl Serializer for Fields {
    type Ok = Context;
    type Error = ViewError;
    type SerializeSeq = Impossible<Context, ViewError>;
    type SerializeTuple = Impossible<Context, ViewError>;
    type SerializeTupleStruct = Impossible<Context, ViewError>;
    type SerializeTupleVariant = Impossible<Context, ViewError>;
    type SerializeMap = Building;
    type SerializeStruct = Building;
    type SerializeStructVariant = Impossible<Context, ViewError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Building, ViewError> {
        Ok(building())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Building, ViewError> {
        Ok(building())
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<V: Serialize + ?Sized>(self, _: &V) -> Result<Context, ViewError> {
        not_a_struct()
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(self, _: &'static str, _: &V) -> Result<Context, ViewError> {
        not_a_struct()
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Context, ViewError> {
        not_a_struct()
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, ViewError> {
        not_a_struct()
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, ViewError> {
        not_a_struct()
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, ViewError> {
        not_a_struct()
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, ViewError> {
        not_a_struct()
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, ViewError> {
        not_a_struct()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct View<'a> {
        title: &'a str,
        count: usize,
        missing: Option<&'a str>,
        items: Vec<&'a str>,
    }

    #[test]
    fn every_field_is_in_the_context_as_from_serialize_puts_it() {
        let view = View { title: "A <b>", count: 3, missing: None, items: vec!["x", "y"] };
        let ours = of(&view).unwrap();
        let tera = Context::from_serialize(&view).unwrap();
        assert_eq!(ours.into_json(), tera.into_json());
    }

    #[test]
    fn a_map_view_works_like_a_struct() {
        let view = serde_json::json!({ "entries": ["a", "b"], "title": "T" });
        assert_eq!(of(&view).unwrap().into_json(), Context::from_serialize(&view).unwrap().into_json());
        assert_eq!(of(&serde_json::json!({})).unwrap().into_json(), serde_json::json!({}));
    }

    #[test]
    fn a_view_that_is_not_a_struct_is_an_error_not_a_panic() {
        let err = of(&vec![1, 2]).unwrap_err();
        assert!(err.to_string().contains("must be a struct"), "{err}");
        assert!(of(&"text").is_err());
        let mut numbered = std::collections::BTreeMap::new();
        numbered.insert(1, "one");
        assert!(of(&numbered).is_err(), "keys must be strings");
    }
}
