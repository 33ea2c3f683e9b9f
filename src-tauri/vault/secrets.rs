//! Secret values: the passphrase, the data key and the recovery key.
//!
//! Invariants, for all three types:
//! - not `Clone`, not `Serialize`; `Debug` prints `******`;
//! - the bytes live on the heap (one allocation, moved by pointer) and are zeroised
//!   when the value is dropped;
//! - nothing here writes a secret to a log, an error message or a file.
//!
//! The recovery key is 160 random bits plus a 20-bit checksum, written as 36 symbols of
//! Crockford's base32 alphabet in nine groups of four (`ABCD-EFGH-…`). Parsing ignores
//! case, spaces and dashes and reads `O` as `0` and `I`/`L` as `1`, because people copy
//! it by hand from paper.

use std::fmt;

use ring::rand::{SecureRandom, SystemRandom};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::Error;

/// The longest passphrase accepted, in UTF-8 bytes (1 MiB). Longer input is refused
/// before any key derivation runs, so a pasted file cannot stall the app.
pub const PASSPHRASE_MAX_BYTES: usize = 1 << 20;

/// A passphrase as the person typed it, zeroised on drop.
///
/// Not normalised: the UTF-8 bytes are used exactly as received (see the module docs of
/// `vault::keys` for why). Empty passphrases are refused when a vault is created or a
/// passphrase is set.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase, taking ownership so no other copy is left behind by us.
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    /// The passphrase text, for a strength meter; never log or store it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// True for the empty passphrase.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bytes fed to the key derivation.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Checks a passphrase that is about to protect a vault: not empty, not huge.
    pub(crate) fn check_new(&self) -> Result<(), Error> {
        if self.0.is_empty() {
            return Err(Error::Invalid("Choose a passphrase.".into()));
        }
        self.check_length()
    }

    /// Refuses input too long to be a passphrase before any key derivation runs.
    pub(crate) fn check_length(&self) -> Result<(), Error> {
        if self.0.len() > PASSPHRASE_MAX_BYTES {
            return Err(Error::Invalid(
                "That passphrase is too long. Use at most one million characters.".into(),
            ));
        }
        Ok(())
    }
}

impl From<String> for Passphrase {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl From<&str> for Passphrase {
    fn from(text: &str) -> Self {
        Self::new(text.to_owned())
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

impl<'de> serde::Deserialize<'de> for Passphrase {
    /// Takes the string straight off IPC; an owned string is moved in, not copied.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Passphrase;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a passphrase string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Passphrase, E> {
                Ok(Passphrase::new(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Passphrase, E> {
                Ok(Passphrase::new(v))
            }
        }
        deserializer.deserialize_string(Visitor)
    }
}

/// The random 32-byte key that encrypts the database (the DEK), zeroised on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct DataKey(Box<[u8; 32]>);

impl DataKey {
    /// A fresh key from the operating system's random source.
    pub(crate) fn generate() -> Result<Self, Error> {
        let mut key = Self::zeroed();
        fill_random(&mut key.0[..])?;
        Ok(key)
    }

    /// An all-zero key to copy unwrapped bytes into, so no stack copy is returned.
    pub(crate) fn zeroed() -> Self {
        Self(Box::new([0u8; 32]))
    }

    /// The key bytes, for SQLCipher and for wrapping.
    pub(crate) fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// Mutable access, used only to fill the key after unwrapping.
    pub(crate) fn expose_mut(&mut self) -> &mut [u8; 32] {
        &mut self.0
    }

    /// A second copy in its own zeroising allocation, for the background integrity
    /// check's connection (see `vault::check`). Deliberately not `Clone`: every copy is
    /// made here, on purpose, and is wiped when dropped.
    pub(crate) fn duplicate(&self) -> Self {
        let mut copy = Self::zeroed();
        copy.0.copy_from_slice(&self.0[..]);
        copy
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

/// Random bytes in a recovery key (160 bits).
pub const RECOVERY_KEY_BYTES: usize = 20;
/// Checksum bits appended to the recovery key to catch typos.
const RECOVERY_CHECK_BITS: u32 = 20;
/// Symbols in a written recovery key: (160 + 20) / 5.
pub const RECOVERY_KEY_SYMBOLS: usize = 36;
/// Symbols per written group.
const RECOVERY_GROUP: usize = 4;
/// Crockford's base32: digits and letters without I, L, O and U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Domain tag for the checksum, so it cannot collide with any other hash we compute.
const CHECK_TAG: &[u8] = b"mend recovery key checksum v1\0";

/// A recovery key: 160 random bits, shown once for the person to write down.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey(Box<[u8; RECOVERY_KEY_BYTES]>);

impl RecoveryKey {
    /// A fresh recovery key from the operating system's random source.
    pub(crate) fn generate() -> Result<Self, Error> {
        let mut key = Self(Box::new([0u8; RECOVERY_KEY_BYTES]));
        fill_random(&mut key.0[..])?;
        Ok(key)
    }

    /// The 160 secret bits, the input to HKDF.
    pub(crate) fn expose(&self) -> &[u8; RECOVERY_KEY_BYTES] {
        &self.0
    }

    /// The key as nine dash-separated groups of four symbols, for writing down.
    pub fn formatted(&self) -> Zeroizing<String> {
        let symbols = self.symbols();
        let groups = RECOVERY_KEY_SYMBOLS / RECOVERY_GROUP;
        let mut out = Zeroizing::new(String::with_capacity(RECOVERY_KEY_SYMBOLS + groups));
        for (i, symbol) in symbols.iter().enumerate() {
            if i > 0 && i % RECOVERY_GROUP == 0 {
                out.push('-');
            }
            out.push(char::from(ALPHABET[usize::from(*symbol)]));
        }
        out
    }

    /// Reads a recovery key typed or pasted by a person.
    ///
    /// Ignores case, whitespace and dashes; reads `O` as `0` and `I`/`L` as `1`. Fails
    /// with [`Error::Invalid`] (never echoing the input) on a wrong length, a character
    /// outside the alphabet, or a checksum mismatch (a typo).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut symbols = Zeroizing::new([0u8; RECOVERY_KEY_SYMBOLS]);
        let mut count = 0usize;
        for c in text.chars() {
            if c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}') {
                continue;
            }
            let value = symbol_value(c).ok_or_else(|| {
                Error::Invalid(
                    "A recovery key has only letters and digits, in groups of four.".into(),
                )
            })?;
            if count < RECOVERY_KEY_SYMBOLS {
                symbols[count] = value;
            }
            count += 1;
        }
        if count != RECOVERY_KEY_SYMBOLS {
            return Err(Error::Invalid(
                "That recovery key is not complete: it has 36 letters and digits in 9 groups."
                    .into(),
            ));
        }
        let mut bits = Zeroizing::new([0u8; 23]);
        for (i, symbol) in symbols.iter().enumerate() {
            for b in 0..5 {
                if symbol & (0x10 >> b) != 0 {
                    let bit = i * 5 + b;
                    bits[bit / 8] |= 0x80 >> (bit % 8);
                }
            }
        }
        let mut key = Self(Box::new([0u8; RECOVERY_KEY_BYTES]));
        key.0.copy_from_slice(&bits[..RECOVERY_KEY_BYTES]);
        let stored =
            (u32::from(bits[20]) << 12) | (u32::from(bits[21]) << 4) | (u32::from(bits[22]) >> 4);
        if stored != key.checksum() {
            return Err(Error::Invalid(
                "That recovery key has a typo. Check each group against the one you wrote down."
                    .into(),
            ));
        }
        Ok(key)
    }

    /// The first 20 bits of SHA-256(tag ‖ key).
    fn checksum(&self) -> u32 {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        ctx.update(CHECK_TAG);
        ctx.update(&self.0[..]);
        let d = ctx.finish();
        let d = d.as_ref();
        ((u32::from(d[0]) << 16) | (u32::from(d[1]) << 8) | u32::from(d[2]))
            >> (24 - RECOVERY_CHECK_BITS)
    }

    /// The key and its checksum as 36 five-bit values.
    fn symbols(&self) -> Zeroizing<[u8; RECOVERY_KEY_SYMBOLS]> {
        let mut bits = Zeroizing::new([0u8; 23]);
        bits[..RECOVERY_KEY_BYTES].copy_from_slice(&self.0[..]);
        let check = self.checksum();
        // 20 checksum bits, left-aligned in bytes 20..23; the last four bits stay zero.
        bits[20] = (check >> 12) as u8;
        bits[21] = (check >> 4) as u8;
        bits[22] = ((check & 0xF) << 4) as u8;
        let mut symbols = Zeroizing::new([0u8; RECOVERY_KEY_SYMBOLS]);
        for (i, symbol) in symbols.iter_mut().enumerate() {
            for b in 0..5 {
                let bit = i * 5 + b;
                if bits[bit / 8] & (0x80 >> (bit % 8)) != 0 {
                    *symbol |= 0x10 >> b;
                }
            }
        }
        symbols
    }
}

/// The value of one recovery-key character, or `None` if it cannot appear in one.
fn symbol_value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    let byte = u8::try_from(c).ok()?;
    ALPHABET.iter().position(|&a| a == byte).and_then(|p| u8::try_from(p).ok())
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

impl<'de> serde::Deserialize<'de> for RecoveryKey {
    /// Parses the written form straight off IPC; a typo fails deserialisation.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Zeroizing::new(String::deserialize(deserializer)?);
        RecoveryKey::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Either secret that can open a vault.
#[derive(Debug)]
pub enum Secret {
    /// The everyday passphrase (Argon2id slot).
    Passphrase(Passphrase),
    /// The written-down recovery key (HKDF slot).
    RecoveryKey(RecoveryKey),
}

impl Secret {
    /// A borrowed view, so callers holding a bare `&RecoveryKey` can share code paths.
    pub(crate) fn as_ref(&self) -> SecretRef<'_> {
        match self {
            Secret::Passphrase(p) => SecretRef::Passphrase(p),
            Secret::RecoveryKey(k) => SecretRef::RecoveryKey(k),
        }
    }
}

/// A borrowed [`Secret`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum SecretRef<'a> {
    /// A passphrase.
    Passphrase(&'a Passphrase),
    /// A recovery key.
    RecoveryKey(&'a RecoveryKey),
}

impl From<Passphrase> for Secret {
    fn from(p: Passphrase) -> Self {
        Secret::Passphrase(p)
    }
}

impl From<RecoveryKey> for Secret {
    fn from(k: RecoveryKey) -> Self {
        Secret::RecoveryKey(k)
    }
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), Error> {
    SystemRandom::new()
        .fill(buf)
        .map_err(|_| Error::Storage(std::io::Error::other("system random source failed")))
}

#[cfg(test)]
mod tests {
    use super::*;

    mod passphrase {
        use super::*;

        #[test]
        fn debug_output_hides_the_text() {
            let p = Passphrase::from("correct horse");
            assert_eq!(format!("{p:?}"), "******");
            assert_eq!(format!("{:?}", Secret::from(p)), "Passphrase(******)");
        }

        #[test]
        fn deserializes_from_a_json_string() {
            let p: Passphrase = serde_json::from_str(r#""tab\there""#).unwrap();
            assert_eq!(p.expose_secret(), "tab\there");
        }

        #[test]
        fn empty_is_refused_for_a_new_passphrase() {
            assert!(matches!(Passphrase::from("").check_new(), Err(Error::Invalid(_))));
            assert!(Passphrase::from(" ").check_new().is_ok());
        }

        #[test]
        fn one_mebibyte_is_the_limit() {
            assert!(Passphrase::new("a".repeat(PASSPHRASE_MAX_BYTES)).check_new().is_ok());
            let too_long = Passphrase::new("a".repeat(PASSPHRASE_MAX_BYTES + 1));
            assert!(matches!(too_long.check_new(), Err(Error::Invalid(_))));
        }
    }

    mod data_key {
        use super::*;

        #[test]
        fn two_generated_keys_differ_and_are_not_zero() {
            let a = DataKey::generate().unwrap();
            let b = DataKey::generate().unwrap();
            assert_ne!(a.expose(), b.expose());
            assert_ne!(a.expose(), &[0u8; 32]);
            assert_eq!(format!("{a:?}"), "******");
        }
    }

    mod recovery_key {
        use super::*;

        #[test]
        fn formats_as_nine_groups_of_four_and_parses_back() {
            let key = RecoveryKey::generate().unwrap();
            let text = key.formatted();
            let groups: Vec<&str> = text.split('-').collect();
            assert_eq!(groups.len(), 9, "{}", text.as_str());
            assert!(groups
                .iter()
                .all(|g| g.len() == 4 && g.bytes().all(|b| ALPHABET.contains(&b))));
            let back = RecoveryKey::parse(&text).unwrap();
            assert_eq!(back.expose(), key.expose());
        }

        #[test]
        fn pins_the_written_form_of_a_known_key() {
            let key = RecoveryKey(Box::new([0u8; RECOVERY_KEY_BYTES]));
            let text = key.formatted();
            // 32 zero symbols, then the checksum of twenty zero bytes.
            assert!(
                text.starts_with("0000-0000-0000-0000-0000-0000-0000-0000-"),
                "{}",
                text.as_str()
            );
            let reparsed = RecoveryKey::parse(&text).unwrap();
            assert_eq!(reparsed.expose(), &[0u8; RECOVERY_KEY_BYTES]);
        }

        #[test]
        fn parsing_tolerates_case_spaces_dashes_and_look_alikes() {
            let key = RecoveryKey::generate().unwrap();
            let text = key.formatted();
            let sloppy: String = text
                .chars()
                .map(|c| match c {
                    '0' => 'o',
                    '1' => 'l',
                    '-' => ' ',
                    c => c.to_ascii_lowercase(),
                })
                .collect();
            let sloppy = format!("  {sloppy}\n");
            assert_eq!(RecoveryKey::parse(&sloppy).unwrap().expose(), key.expose());
            let no_separators: String = text.chars().filter(|c| *c != '-').collect();
            assert_eq!(RecoveryKey::parse(&no_separators).unwrap().expose(), key.expose());
        }

        #[test]
        fn a_single_wrong_symbol_is_caught_by_the_checksum() {
            // A fixed key keeps the test deterministic (a random one collides with p = 2^-20).
            let key = RecoveryKey(Box::new(std::array::from_fn(|i| i as u8 * 13)));
            let text = key.formatted();
            let mut caught = 0;
            for pos in (0..text.len()).filter(|i| text.as_bytes()[*i] != b'-') {
                let mut bytes = text.as_bytes().to_vec();
                bytes[pos] = if bytes[pos] == b'A' { b'B' } else { b'A' };
                let typo = String::from_utf8(bytes).unwrap();
                if matches!(RecoveryKey::parse(&typo), Err(Error::Invalid(_))) {
                    caught += 1;
                }
            }
            // 36 positions; the 20-bit checksum catches every single-symbol change.
            assert_eq!(caught, 36);
        }

        #[test]
        fn wrong_length_and_foreign_characters_are_refused() {
            let key = RecoveryKey::generate().unwrap();
            let text = key.formatted();
            assert!(matches!(RecoveryKey::parse(&text[..text.len() - 1]), Err(Error::Invalid(_))));
            assert!(matches!(
                RecoveryKey::parse(&format!("{}A", text.as_str())),
                Err(Error::Invalid(_))
            ));
            assert!(matches!(
                RecoveryKey::parse(&text.replacen('-', "U", 1)),
                Err(Error::Invalid(_))
            ));
            assert!(matches!(RecoveryKey::parse("é"), Err(Error::Invalid(_))));
            assert!(matches!(RecoveryKey::parse(""), Err(Error::Invalid(_))));
        }

        #[test]
        fn error_messages_never_echo_the_input() {
            let err = RecoveryKey::parse("SECRETWORDSECRETWORD").unwrap_err().to_string();
            assert!(!err.to_uppercase().contains("SECRETWORD"), "{err}");
        }

        #[test]
        fn deserializes_from_the_written_form() {
            let key = RecoveryKey::generate().unwrap();
            let json = serde_json::to_string(key.formatted().as_str()).unwrap();
            let back: RecoveryKey = serde_json::from_str(&json).unwrap();
            assert_eq!(back.expose(), key.expose());
            assert!(serde_json::from_str::<RecoveryKey>(r#""ABCD""#).is_err());
        }
    }
}
