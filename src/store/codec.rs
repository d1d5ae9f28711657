//! Stored values: postcard inside a versioned envelope.
//!
//! postcard cannot read a record written before a field was added, even with `serde(default)`,
//! so every value starts with a format byte and old formats are decoded by their own types and
//! migrated (`store::migrate`). Never use `skip_serializing_if`, `flatten` or `untagged` on a
//! stored type: postcard is not self-describing.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// The format byte of every value written by this build.
pub const CURRENT: u8 = 1;

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    encode_as(CURRENT, value)
}

/// A value of a type whose own format moved past `CURRENT` (see `migrate`).
pub fn encode_as<T: Serialize>(format: u8, value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = vec![format];
    out.extend(postcard::to_stdvec(value).map_err(|e| StoreError::Codec(e.to_string()))?);
    Ok(out)
}

/// The format byte and the body of a stored value.
pub fn split(bytes: &[u8]) -> Result<(u8, &[u8]), StoreError> {
    match bytes.split_first() {
        Some((v, body)) => Ok((*v, body)),
        None => Err(StoreError::Codec("empty value".into())),
    }
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    match split(bytes)? {
        (CURRENT, body) => postcard::from_bytes(body).map_err(|e| StoreError::Codec(e.to_string())),
        (v, _) => Err(StoreError::Format(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trip(text in ".*", n in any::<u64>(), flags in any::<(bool, Option<u32>)>()) {
            let v = (text, n, flags);
            let bytes = encode(&v).unwrap();
            prop_assert_eq!(bytes[0], CURRENT);
            let back: (String, u64, (bool, Option<u32>)) = decode(&bytes).unwrap();
            prop_assert_eq!(back, v);
        }
    }

    #[test]
    fn unknown_format_is_refused() {
        let mut bytes = encode(&5u32).unwrap();
        bytes[0] = 200;
        assert!(matches!(
            decode::<u32>(&bytes),
            Err(StoreError::Format(200))
        ));
    }
}
