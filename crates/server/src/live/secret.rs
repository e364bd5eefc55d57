//! Secrets of live sessions: join codes and facilitator keys from the operating system's
//! random source, and the hashes under which keys and respondent tokens are stored (a copy
//! of the database lets nobody act as a facilitator or change someone's answers).

use sha2::{Digest, Sha256};
use wegwijs_assessment::live::JoinCode;

/// A fresh join code.
pub fn join_code() -> JoinCode {
    JoinCode::from_random(getrandom::u64().expect("the operating system gives random bytes"))
}

/// A fresh facilitator key: 32 random bytes as 64 hex digits.
pub fn key() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    hex(&bytes)
}

/// The stored form of a key or token.
pub fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Whether `presented` is the secret stored as `stored_hash`.
pub fn matches(presented: &str, stored_hash: &str) -> bool {
    // Both sides are hashes of equal length; comparing them leaks nothing about the key.
    hash(presented) == stored_hash
}

/// Whether a respondent token looks like one the widget makes: 16 to 128 letters, digits,
/// `-` or `_`.
pub fn is_token(token: &str) -> bool {
    (16..=128).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
