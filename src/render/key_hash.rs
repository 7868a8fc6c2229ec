//! render::key_hash: a value's 128-bit hash, for the preview cache's keys.
//!
//! The value goes through serde into the hasher directly, in an encoding made for it rather
//! than JSON: every value and every struct field starts with a tag naming its kind, strings
//! and bytes carry their length, and sequences, maps and structs end with their own tag. Two
//! different serde outputs therefore never give the same bytes (the encoding could be read
//! back), so equal hashes mean equal serde output but for XXH3's 2^-128 per pair. (Fields
//! serde skips are not in it, as they were not in the JSON.) JSON did the same job at about
//! three times the cost: most of it escaping strings that are only ever hashed.

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// A value made from inputs whose digest is known (a region's mirror views, made from its
/// [`crate::render::region_digests`]): to a template (a human-readable serializer) it is the
/// value; in a cache key, when the digest is there, the digest, so the key does not hash again
/// what the digest already stands for. Exact as long as the value is a function of what the
/// digest hashed.
#[derive(Debug)]
pub struct Digested<'a, T: ?Sized> {
    /// The digest of everything `value` is made from; `None` hashes the value itself.
    pub digest: Option<u128>,
    /// The value.
    pub value: &'a T,
}

impl<T: Serialize + ?Sized> Serialize for Digested<'_, T> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.digest {
            Some(digest) if !serializer.is_human_readable() => digest.serialize(serializer),
            _ => self.value.serialize(serializer),
        }
    }
}

/// The 128-bit XXH3 hash of `value`'s encoding, or `None` if it does not serialise.
pub(crate) fn key_hash<T: Serialize + ?Sized>(value: &T) -> Option<u128> {
    let mut hasher = Hasher {
        xxh3: Xxh3::new(),
        pending: Vec::with_capacity(PENDING),
    };
    value.serialize(&mut hasher).ok()?;
    hasher.flush();
    Some(hasher.xxh3.digest128())
}

/// How many bytes are gathered before they go to XXH3: most pieces are a tag or a length,
/// and one update per piece cost more than the hashing itself.
const PENDING: usize = 4096;

/// The kind of each value in the encoding.
#[repr(u8)]
enum Tag {
    Bool,
    Int,
    Uint,
    Float,
    /// An `f32`, apart from an `f64` of the same value (JSON prints them differently).
    Float32,
    Char,
    Str,
    Bytes,
    None,
    Some,
    Unit,
    UnitStruct,
    UnitVariant,
    NewtypeStruct,
    NewtypeVariant,
    Seq,
    Tuple,
    TupleStruct,
    TupleVariant,
    Map,
    Struct,
    StructVariant,
    /// A struct field (its name follows).
    Field,
    /// Closes a sequence, tuple, map or struct.
    End,
}

struct Hasher {
    xxh3: Xxh3,
    /// Bytes not yet handed to `xxh3` (at most [`PENDING`]).
    pending: Vec<u8>,
}

impl Hasher {
    fn update(&mut self, bytes: &[u8]) {
        if self.pending.len() + bytes.len() > PENDING {
            self.flush();
            if bytes.len() > PENDING / 2 {
                self.xxh3.update(bytes);
                return;
            }
        }
        self.pending.extend_from_slice(bytes);
    }

    fn flush(&mut self) {
        self.xxh3.update(&self.pending);
        self.pending.clear();
    }

    fn tag(&mut self, tag: Tag) {
        self.update(&[tag as u8]);
    }

    /// A value of fixed size: its tag, then its bytes.
    fn scalar(&mut self, tag: Tag, bytes: &[u8]) -> Done {
        self.tag(tag);
        self.update(bytes);
        Ok(())
    }

    /// A named struct's tag and name.
    fn named(&mut self, tag: Tag, name: &str) {
        self.tag(tag);
        self.bytes(name.as_bytes());
    }

    /// An enum variant's tag, enum name and variant index.
    fn variant(&mut self, tag: Tag, name: &str, index: u32) {
        self.named(tag, name);
        self.update(&index.to_le_bytes());
    }

    /// A string or bytes with their length, so where they end is part of the encoding.
    fn bytes(&mut self, bytes: &[u8]) {
        self.update(&(bytes.len() as u64).to_le_bytes());
        self.update(bytes);
    }
}

/// Serialising into a hasher cannot fail on its own; a type's `Serialize` may still refuse.
#[derive(Debug)]
pub(crate) struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Done = Result<(), Error>;

/// Serializer methods that pass a narrower integer on as the wider one.
macro_rules! widen {
    ($($method:ident($narrow:ty) => $wide:ident),*) => {$(
        fn $method(self, v: $narrow) -> Done {
            self.$wide(v.into())
        }
    )*};
}

impl ser::Serializer for &mut Hasher {
    type Ok = ();
    type Error = Error;

    /// Not human-readable: a value that has a digest of everything it is made from may stand
    /// for itself by that digest in a key ([`Digested`]).
    fn is_human_readable(&self) -> bool {
        false
    }

    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    // Every integer as its 128-bit form under one tag for signed and one for unsigned: the
    // width is the type's business, the value is what the key is about.
    widen!(
        serialize_i8(i8) => serialize_i128,
        serialize_i16(i16) => serialize_i128,
        serialize_i32(i32) => serialize_i128,
        serialize_i64(i64) => serialize_i128,
        serialize_u8(u8) => serialize_u128,
        serialize_u16(u16) => serialize_u128,
        serialize_u32(u32) => serialize_u128,
        serialize_u64(u64) => serialize_u128
    );

    fn serialize_bool(self, v: bool) -> Done {
        self.scalar(Tag::Bool, &[u8::from(v)])
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.scalar(Tag::Int, &v.to_le_bytes())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.scalar(Tag::Uint, &v.to_le_bytes())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.scalar(Tag::Float32, &v.to_bits().to_le_bytes())
    }
    fn serialize_f64(self, v: f64) -> Done {
        // The bits, so 0.0 and -0.0 (which format differently) stay apart.
        self.scalar(Tag::Float, &v.to_bits().to_le_bytes())
    }
    fn serialize_char(self, v: char) -> Done {
        self.scalar(Tag::Char, &u32::from(v).to_le_bytes())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.tag(Tag::Str);
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.tag(Tag::Bytes);
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(Tag::None);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(Tag::Some);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(Tag::Unit);
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Done {
        self.named(Tag::UnitStruct, name);
        Ok(())
    }
    fn serialize_unit_variant(self, name: &'static str, index: u32, _: &'static str) -> Done {
        self.variant(Tag::UnitVariant, name, index);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Done {
        self.named(Tag::NewtypeStruct, name);
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        self.variant(Tag::NewtypeVariant, name, index);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
        self.tag(Tag::Seq);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Error> {
        self.tag(Tag::Tuple);
        Ok(self)
    }
    fn serialize_tuple_struct(self, name: &'static str, _: usize) -> Result<Self, Error> {
        self.named(Tag::TupleStruct, name);
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.variant(Tag::TupleVariant, name, index);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.tag(Tag::Map);
        Ok(self)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self, Error> {
        self.named(Tag::Struct, name);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.variant(Tag::StructVariant, name, index);
        Ok(self)
    }
}

/// Elements of sequences and tuples: each one a tagged value; the end its own tag.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Hasher {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Hasher {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(Tag::End);
        Ok(())
    }
}

/// Struct fields: a tag and the name (a field left out by `skip_serializing_if` is then told
/// apart from the next one), then the value.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Hasher {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Done {
                self.tag(Tag::Field);
                self.bytes(name.as_bytes());
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_values_hash_alike_and_near_ones_apart() {
        let page = json!({"title": "Haarlemmermeer", "regions": [{"name": "a"}], "draft": false});
        assert_eq!(key_hash(&page), key_hash(&page.clone()));
        let near = [
            json!({"title": "Haarlemmermeer", "regions": [{"name": "b"}], "draft": false}),
            json!({"title": "Haarlemmermeer", "regions": [{"name": "a"}], "draft": true}),
            json!({"title": "Haarlemmermeer", "regions": [{"name": "a"}], "draft": null}),
            json!({"title": "Haarlemmermeer", "regions": [], "draft": false}),
            json!({"title": "Haarlemmermee", "regions": [{"name": "ra"}], "draft": false}),
        ];
        let mut hashes: Vec<_> = near.iter().map(key_hash).collect();
        hashes.push(key_hash(&page));
        hashes.sort();
        hashes.dedup();
        assert_eq!(hashes.len(), near.len() + 1);
    }

    #[test]
    fn the_encoding_marks_where_strings_and_lists_end() {
        // The same characters split differently, and the same items nested differently.
        assert_ne!(key_hash(&("ab", "c")), key_hash(&("a", "bc")));
        assert_ne!(
            key_hash(&vec![vec![1], vec![]]),
            key_hash(&vec![vec![], vec![1]])
        );
        assert_ne!(key_hash(&Some(())), key_hash(&None::<()>));
        assert_ne!(key_hash(&1u8), key_hash(&1i8));
        assert_ne!(key_hash(&0.0f64), key_hash(&-0.0f64));
        assert_ne!(key_hash(&1.5f32), key_hash(&1.5f64));
        assert_ne!(key_hash(&json!(1)), key_hash(&json!(1.0)));
    }

    #[test]
    fn a_field_left_out_is_not_taken_for_the_next() {
        #[derive(serde::Serialize)]
        struct Item<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<&'a str>,
            b: &'a str,
        }
        let one = Item { a: None, b: "x" };
        let two = Item {
            a: Some("x"),
            b: "",
        };
        assert_ne!(key_hash(&one), key_hash(&two));
    }
}
