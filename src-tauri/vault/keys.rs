//! The key file `vault.keys` and the key derivations behind it.
//!
//! Owns: the byte layout of the key file, wrapping and unwrapping the data key (DEK)
//! under a passphrase (Argon2id) or a recovery key (HKDF-SHA256), the header MAC, and
//! Argon2id calibration.
//!
//! Invariants:
//! - Nothing in the file lets anyone compute a wrapping key without the passphrase or
//!   recovery key: there is no password hash, only salts, parameters and AEAD output.
//! - Every length is bounded and checked before it is used; KDF parameters are bounded
//!   before any memory is allocated; trailing bytes are refused. The parser never panics.
//! - An unkeyed SHA-256 checksum at the end turns accidental damage (a flipped bit, a
//!   truncated copy) into [`Error::Corrupt`] before any key derivation runs. Deliberate
//!   tampering is caught by the AEAD tags (slot fields) and by the HMAC (everything else).
//!
//! Byte layout, version 1 (integers big-endian):
//!
//! ```text
//! off  len  field
//!   0    8  magic "MENDKEYS"
//!   8    2  format version = 1
//!  10   16  vault id (random)
//!  26    8  created at, Unix seconds (i64)
//!  34    1  label length L (0 = no label: a hidden vault; at most 255)
//!  35    L  label, UTF-8
//!           passphrase slot:
//!            1  slot type = 1
//!            1  KDF = 1 (Argon2id, version 0x13)
//!            1  passphrase encoding = 0 (UTF-8 exactly as typed, no normalisation)
//!            4  memory, KiB      (8*p ..= 1 GiB)
//!            4  iterations       (1 ..= 16)
//!            4  parallelism      (1 ..= 4)
//!            1  salt length S    (16 ..= 32)
//!            S  salt
//!           12  nonce
//!           48  AES-256-GCM(DEK) = 32 ciphertext + 16 tag
//!           recovery slot:
//!            1  slot type = 2
//!            1  KDF = 2 (HKDF-SHA256)
//!            1  salt length S    (16 ..= 32)
//!            S  salt
//!           12  nonce
//!           48  AES-256-GCM(DEK)
//!          32  HMAC-SHA256 over every byte above, key = HKDF(DEK, salt = vault id)
//!          32  SHA-256 over every byte above (damage detection, not security)
//! ```
//!
//! A slot's associated data is `magic ‖ version ‖ vault id ‖ the slot's bytes from its
//! type up to and including its salt`, so the tag binds format version, vault id, slot
//! type, KDF, passphrase encoding, KDF parameters and salt.
//!
//! **Passphrases are not Unicode-normalised.** No normalisation crate is in the tree and a
//! hand-made NFC table would be a liability; input methods on all three desktop platforms
//! produce NFC for typed text, so the practical risk is a passphrase pasted from a source
//! in NFD. The encoding byte records "as typed", so a later version can add NFC for new
//! slots without locking anyone out of an existing one.

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Block, Version};
use ring::{aead, digest, hkdf, hmac};
use zeroize::{Zeroize, Zeroizing};

use super::secrets::{fill_random, DataKey, Passphrase, RecoveryKey, SecretRef};
use super::Error;

/// The first eight bytes of every key file.
pub const MAGIC: &[u8; 8] = b"MENDKEYS";
/// The key-file format this code writes and the newest it reads.
pub const FORMAT_VERSION: u16 = 1;
/// A key file is a few hundred bytes; anything longer than this is not ours.
pub(crate) const MAX_KEY_FILE_BYTES: usize = 4096;
/// The longest label, in characters (it also must fit 255 UTF-8 bytes).
pub const LABEL_MAX_CHARS: usize = 64;
/// The environment variable that selects cheap KDF parameters in debug builds.
pub const TEST_KDF_ENV: &str = "MEND_TEST_KDF";

const SLOT_PASSPHRASE: u8 = 1;
const SLOT_RECOVERY: u8 = 2;
const KDF_ARGON2ID_13: u8 = 1;
const KDF_HKDF_SHA256: u8 = 2;
const ENCODING_AS_TYPED: u8 = 0;
const SALT_MIN: usize = 16;
const SALT_MAX: usize = 32;
const SALT_LEN: usize = 32;
const NONCE_LEN: usize = 12;
const WRAPPED_LEN: usize = 48;
const MAC_LEN: usize = 32;
const CHECKSUM_LEN: usize = 32;
const RECOVERY_WRAP_INFO: &[u8] = b"mend/v1/recovery-wrap";
const KEYFILE_MAC_INFO: &[u8] = b"mend/v1/keyfile-mac";

/// Argon2id cost parameters, as stored in the passphrase slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory (Argon2 `t`).
    pub iterations: u32,
    /// Lanes (Argon2 `p`).
    pub parallelism: u32,
}

impl KdfParams {
    /// The least a release build ever uses when creating or re-wrapping: 64 MiB, t=3, p=1.
    pub const FLOOR: Self = Self { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };
    /// Calibration never goes above this much memory (256 MiB).
    pub const CALIBRATION_MAX_MEMORY_KIB: u32 = 256 * 1024;
    /// Tiny parameters for tests and fixtures: 256 KiB, t=1. Debug builds only honour
    /// them from the environment; release builds raise them to [`Self::FLOOR`].
    pub const CHEAP_FOR_TESTS: Self = Self { memory_kib: 256, iterations: 1, parallelism: 1 };
    /// Largest memory accepted from a key file (1 GiB).
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// Largest iteration count accepted from a key file.
    pub const MAX_ITERATIONS: u32 = 16;
    /// Largest parallelism accepted from a key file.
    pub const MAX_PARALLELISM: u32 = 4;

    /// Checks the bounds a key file must respect; cheap, allocates nothing.
    pub fn check_bounds(&self) -> Result<(), Error> {
        let p_ok = (1..=Self::MAX_PARALLELISM).contains(&self.parallelism);
        let t_ok = (1..=Self::MAX_ITERATIONS).contains(&self.iterations);
        let m_ok = p_ok
            && self.memory_kib >= 8 * self.parallelism
            && self.memory_kib <= Self::MAX_MEMORY_KIB;
        if p_ok && t_ok && m_ok {
            Ok(())
        } else {
            Err(Error::Corrupt)
        }
    }

    /// Derives a 32-byte wrapping key from `secret` and `salt` with Argon2id v1.3.
    pub(crate) fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, Error> {
        self.derive_timed(secret, salt).map(|(key, _)| key)
    }

    /// Derives a key and reports how long the hashing itself took (not allocating or
    /// wiping the memory), which is what an attacker pays per guess.
    fn derive_timed(
        &self,
        secret: &[u8],
        salt: &[u8],
    ) -> Result<(Zeroizing<[u8; 32]>, Duration), Error> {
        self.check_bounds()?;
        #[cfg(test)]
        tests::KDF_CALLS.with(|c| c.set(c.get() + 1));
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .map_err(|_| Error::Corrupt)?;
        let block_count = params.block_count();
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        // Our own memory, so a failed allocation is an error rather than an abort, and so
        // the blocks (which depend on the passphrase) are wiped afterwards.
        let mut blocks: Vec<Block> = Vec::new();
        blocks.try_reserve_exact(block_count).map_err(|_| {
            Error::Invalid(
                "There is not enough free memory to open this vault. Close other programs and try again."
                    .into(),
            )
        })?;
        blocks.resize(block_count, Block::default());
        let mut out = Zeroizing::new([0u8; 32]);
        let started = Instant::now();
        let result =
            argon.hash_password_into_with_memory(secret, salt, &mut out[..], &mut blocks[..]);
        let took = started.elapsed();
        blocks.zeroize();
        result.map_err(|_| Error::Corrupt)?;
        Ok((out, took))
    }

    /// Times one derivation with these parameters (for calibration and benchmarks).
    pub fn time_one(&self) -> Result<Duration, Error> {
        let mut salt = [0u8; SALT_LEN];
        fill_random(&mut salt)?;
        self.derive_timed(b"calibration passphrase", &salt).map(|(_, took)| took)
    }

    /// Chooses parameters for this machine: p=1, t=3, memory from 64 MiB up to 256 MiB
    /// until one derivation takes at least 0.5 s (aiming at 0.7 s, at most about 1 s);
    /// if 256 MiB is still too fast, more iterations. Never below [`Self::FLOOR`].
    pub fn calibrate() -> Result<Self, Error> {
        calibrate_with(|p| p.time_one())
    }

    /// These parameters raised to at least [`Self::FLOOR`] in every field.
    fn at_least_floor(self) -> Self {
        Self {
            memory_kib: self.memory_kib.max(Self::FLOOR.memory_kib),
            iterations: self.iterations.max(Self::FLOOR.iterations),
            parallelism: self.parallelism.max(Self::FLOOR.parallelism),
        }
    }
}

/// The shortest derivation calibration accepts.
const CALIBRATION_MIN: Duration = Duration::from_millis(500);
/// What calibration aims for.
const CALIBRATION_TARGET: Duration = Duration::from_millis(700);
/// Calibration steps back when a derivation takes longer than this.
const CALIBRATION_MAX: Duration = Duration::from_millis(1000);
/// Calibration never sets more iterations than this.
const CALIBRATION_MAX_ITERATIONS: u32 = KdfParams::MAX_ITERATIONS;

/// Calibration with an injectable stopwatch, so the search is testable without waiting.
/// Assumes time grows linearly with memory × iterations, which holds for Argon2.
pub(crate) fn calibrate_with(
    mut measure: impl FnMut(&KdfParams) -> Result<Duration, Error>,
) -> Result<KdfParams, Error> {
    const MIB: u64 = 1024;
    let floor = KdfParams::FLOOR;
    let cap = u64::from(KdfParams::CALIBRATION_MAX_MEMORY_KIB);
    let mut params = floor;
    let mut took = measure(&params)?;
    for _ in 0..6 {
        if took >= CALIBRATION_MIN {
            break;
        }
        let scale = CALIBRATION_TARGET.as_secs_f64() / took.as_secs_f64().max(1e-4);
        let m = u64::from(params.memory_kib);
        if m < cap {
            let want = (m as f64 * scale).ceil() as u64;
            let want = want.div_ceil(MIB) * MIB;
            params.memory_kib = u32::try_from(want.clamp(m + MIB, cap))
                .unwrap_or(KdfParams::CALIBRATION_MAX_MEMORY_KIB);
        } else if params.iterations < CALIBRATION_MAX_ITERATIONS {
            let want = (f64::from(params.iterations) * scale).ceil() as u32;
            params.iterations = want.clamp(params.iterations + 1, CALIBRATION_MAX_ITERATIONS);
        } else {
            break;
        }
        took = measure(&params)?;
    }
    if took > CALIBRATION_MAX && params != floor {
        // One step back toward the target, never below the floor; no second measurement
        // because the model is linear and another run would cost the person a second.
        let scale = CALIBRATION_TARGET.as_secs_f64() / took.as_secs_f64();
        if params.iterations > floor.iterations {
            let t = (f64::from(params.iterations) * scale).floor() as u32;
            params.iterations = t.max(floor.iterations);
        } else {
            let m = (f64::from(params.memory_kib) * scale) as u64 / MIB * MIB;
            params.memory_kib = u32::try_from(m).unwrap_or(floor.memory_kib).max(floor.memory_kib);
        }
    }
    Ok(params)
}

/// How a new passphrase slot chooses its Argon2id parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KdfPolicy {
    /// Measure this machine (0.5–1 s per derivation); what the app uses.
    Calibrate,
    /// Use these parameters. Release builds raise them to [`KdfParams::FLOOR`].
    Fixed(KdfParams),
}

impl KdfPolicy {
    /// [`KdfPolicy::Calibrate`], except that a debug build run with `MEND_TEST_KDF=fast`
    /// uses [`KdfParams::CHEAP_FOR_TESTS`]. In release builds the variable does nothing.
    pub fn from_env() -> Self {
        #[cfg(debug_assertions)]
        {
            if std::env::var_os(TEST_KDF_ENV).is_some_and(|v| v == "fast") {
                return KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS);
            }
        }
        KdfPolicy::Calibrate
    }

    /// The parameters to use for a new passphrase slot now.
    pub(crate) fn resolve(&self) -> Result<KdfParams, Error> {
        match *self {
            KdfPolicy::Calibrate => KdfParams::calibrate(),
            KdfPolicy::Fixed(params) => {
                params.check_bounds().map_err(|_| {
                    Error::Invalid("Those key-derivation settings are out of range.".into())
                })?;
                if cfg!(any(debug_assertions, test)) {
                    Ok(params)
                } else {
                    Ok(params.at_least_floor())
                }
            }
        }
    }
}

/// Checks a label chosen by a person and returns it trimmed. `None` means hidden.
pub(crate) fn clean_label(label: Option<String>) -> Result<Option<String>, Error> {
    let Some(label) = label else { return Ok(None) };
    let trimmed = label.trim();
    if trimmed.is_empty() {
        return Err(Error::Invalid("Type a name, or choose to keep this vault hidden.".into()));
    }
    if trimmed.chars().count() > LABEL_MAX_CHARS || trimmed.len() > usize::from(u8::MAX) {
        return Err(Error::Invalid(format!("Use a name of at most {LABEL_MAX_CHARS} characters.")));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
    {
        return Err(Error::Invalid(
            "Use letters, digits, spaces and punctuation in the name.".into(),
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

/// The passphrase slot: Argon2id parameters, salt and the wrapped DEK.
#[derive(Clone)]
pub(crate) struct PassphraseSlot {
    params: KdfParams,
    salt: Vec<u8>,
    nonce: [u8; NONCE_LEN],
    wrapped: [u8; WRAPPED_LEN],
}

/// The recovery slot: HKDF salt and the wrapped DEK.
#[derive(Clone)]
pub(crate) struct RecoverySlot {
    salt: Vec<u8>,
    nonce: [u8; NONCE_LEN],
    wrapped: [u8; WRAPPED_LEN],
}

/// A parsed (or freshly built) key file. Holds no secrets: only salts, parameters,
/// wrapped keys and the label, which is authenticated only once the DEK is known.
#[derive(Clone)]
pub(crate) struct KeyFile {
    vault_id: [u8; 16],
    created_at: i64,
    label: Option<String>,
    passphrase: PassphraseSlot,
    recovery: RecoverySlot,
    mac: [u8; MAC_LEN],
}

impl KeyFile {
    /// Builds the key file of a new vault, wrapping `dek` under both secrets.
    pub(crate) fn create(
        dek: &DataKey,
        vault_id: [u8; 16],
        created_at: i64,
        label: Option<String>,
        passphrase: &Passphrase,
        params: KdfParams,
        recovery: &RecoveryKey,
    ) -> Result<Self, Error> {
        let empty_pass = PassphraseSlot {
            params,
            salt: vec![0; SALT_LEN],
            nonce: [0; NONCE_LEN],
            wrapped: [0; WRAPPED_LEN],
        };
        let empty_rec = RecoverySlot {
            salt: vec![0; SALT_LEN],
            nonce: [0; NONCE_LEN],
            wrapped: [0; WRAPPED_LEN],
        };
        let mut file = Self {
            vault_id,
            created_at,
            label,
            passphrase: empty_pass,
            recovery: empty_rec,
            mac: [0; MAC_LEN],
        };
        file.set_passphrase_slot(dek, passphrase, params)?;
        file.set_recovery_slot(dek, recovery)?;
        Ok(file)
    }

    /// The random id written at creation; the database records it too.
    pub(crate) fn vault_id(&self) -> &[u8; 16] {
        &self.vault_id
    }

    /// When the vault was created (Unix seconds).
    #[cfg(test)]
    pub(crate) fn created_at(&self) -> i64 {
        self.created_at
    }

    /// The label shown on the lock screen; `None` for a hidden vault. Unauthenticated
    /// until [`KeyFile::open`] succeeds.
    pub(crate) fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The passphrase slot's Argon2id parameters.
    pub(crate) fn kdf_params(&self) -> KdfParams {
        self.passphrase.params
    }

    /// Re-wraps the DEK under a new passphrase (new salt, new nonce) and re-MACs.
    pub(crate) fn set_passphrase_slot(
        &mut self,
        dek: &DataKey,
        passphrase: &Passphrase,
        params: KdfParams,
    ) -> Result<(), Error> {
        let mut salt = vec![0u8; SALT_LEN];
        fill_random(&mut salt)?;
        let mut slot =
            PassphraseSlot { params, salt, nonce: [0; NONCE_LEN], wrapped: [0; WRAPPED_LEN] };
        let wrapping = params.derive(passphrase.as_bytes(), &slot.salt)?;
        fill_random(&mut slot.nonce)?;
        let aad = self.aad(&passphrase_slot_header(&slot));
        slot.wrapped = wrap(&wrapping, &slot.nonce, &aad, dek)?;
        self.passphrase = slot;
        self.mac = self.compute_mac(dek)?;
        Ok(())
    }

    /// Re-wraps the DEK under a new recovery key and re-MACs; the old key stops working.
    pub(crate) fn set_recovery_slot(
        &mut self,
        dek: &DataKey,
        recovery: &RecoveryKey,
    ) -> Result<(), Error> {
        let mut salt = vec![0u8; SALT_LEN];
        fill_random(&mut salt)?;
        let mut slot = RecoverySlot { salt, nonce: [0; NONCE_LEN], wrapped: [0; WRAPPED_LEN] };
        let wrapping = recovery_wrapping_key(recovery, &slot.salt)?;
        fill_random(&mut slot.nonce)?;
        let aad = self.aad(&recovery_slot_header(&slot));
        slot.wrapped = wrap(&wrapping, &slot.nonce, &aad, dek)?;
        self.recovery = slot;
        self.mac = self.compute_mac(dek)?;
        Ok(())
    }

    /// Replaces the label (already cleaned) and re-MACs.
    pub(crate) fn set_label(&mut self, dek: &DataKey, label: Option<String>) -> Result<(), Error> {
        self.label = label;
        self.mac = self.compute_mac(dek)?;
        Ok(())
    }

    /// Unwraps the DEK with either secret, then checks the header MAC.
    ///
    /// [`Error::WrongSecret`] when the AEAD tag fails (a wrong secret, or a slot or
    /// vault id altered on purpose: the two are indistinguishable by design);
    /// [`Error::Corrupt`] when the secret is right but the label or another field was
    /// altered.
    pub(crate) fn open(&self, secret: SecretRef<'_>) -> Result<DataKey, Error> {
        let dek = match secret {
            SecretRef::Passphrase(p) => {
                p.check_length()?;
                let wrapping =
                    self.passphrase.params.derive(p.as_bytes(), &self.passphrase.salt)?;
                let aad = self.aad(&passphrase_slot_header(&self.passphrase));
                unwrap(&wrapping, &self.passphrase.nonce, &aad, &self.passphrase.wrapped)?
            }
            SecretRef::RecoveryKey(k) => {
                let wrapping = recovery_wrapping_key(k, &self.recovery.salt)?;
                let aad = self.aad(&recovery_slot_header(&self.recovery));
                unwrap(&wrapping, &self.recovery.nonce, &aad, &self.recovery.wrapped)?
            }
        };
        self.verify_mac(&dek)?;
        Ok(dek)
    }

    /// Checks the header MAC with a DEK that is already known.
    pub(crate) fn verify_mac(&self, dek: &DataKey) -> Result<(), Error> {
        let key = mac_key(dek, &self.vault_id)?;
        hmac::verify(&key, &self.body(), &self.mac).map_err(|_| Error::Corrupt)
    }

    /// The file's bytes: body, MAC, checksum.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.body();
        out.extend_from_slice(&self.mac);
        let sum = digest::digest(&digest::SHA256, &out);
        out.extend_from_slice(sum.as_ref());
        out
    }

    /// Parses a key file strictly. Never allocates more than the input's size.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() < MAGIC.len() + 2 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::Corrupt);
        }
        let version = u16::from_be_bytes([bytes[8], bytes[9]]);
        if version == 0 {
            return Err(Error::Corrupt);
        }
        if version > FORMAT_VERSION {
            return Err(Error::UnsupportedVersion);
        }
        if bytes.len() > MAX_KEY_FILE_BYTES || bytes.len() < 10 + MAC_LEN + CHECKSUM_LEN {
            return Err(Error::Corrupt);
        }
        let (covered, sum) = bytes.split_at(bytes.len() - CHECKSUM_LEN);
        if digest::digest(&digest::SHA256, covered).as_ref() != sum {
            return Err(Error::Corrupt);
        }
        let (body, mac) = covered.split_at(covered.len() - MAC_LEN);

        let mut r = Reader { buf: body, pos: 10 };
        let vault_id = r.array::<16>()?;
        let created_at = i64::from_be_bytes(r.array::<8>()?);
        let label_len = usize::from(r.u8()?);
        let label = if label_len == 0 {
            None
        } else {
            let raw = std::str::from_utf8(r.take(label_len)?).map_err(|_| Error::Corrupt)?;
            match clean_label(Some(raw.to_owned())) {
                Ok(Some(clean)) if clean == raw => Some(clean),
                _ => return Err(Error::Corrupt),
            }
        };

        if r.u8()? != SLOT_PASSPHRASE || r.u8()? != KDF_ARGON2ID_13 || r.u8()? != ENCODING_AS_TYPED
        {
            return Err(Error::Corrupt);
        }
        let params =
            KdfParams { memory_kib: r.u32()?, iterations: r.u32()?, parallelism: r.u32()? };
        params.check_bounds()?;
        let salt = r.salt()?;
        let passphrase = PassphraseSlot { params, salt, nonce: r.array()?, wrapped: r.array()? };

        if r.u8()? != SLOT_RECOVERY || r.u8()? != KDF_HKDF_SHA256 {
            return Err(Error::Corrupt);
        }
        let salt = r.salt()?;
        let recovery = RecoverySlot { salt, nonce: r.array()?, wrapped: r.array()? };
        if r.pos != body.len() {
            return Err(Error::Corrupt);
        }
        let mut mac_bytes = [0u8; MAC_LEN];
        mac_bytes.copy_from_slice(mac);
        Ok(Self { vault_id, created_at, label, passphrase, recovery, mac: mac_bytes })
    }

    /// Everything the MAC covers, serialised canonically.
    fn body(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(512);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
        out.extend_from_slice(&self.vault_id);
        out.extend_from_slice(&self.created_at.to_be_bytes());
        // clean_label bounds labels to 255 bytes; `min` only keeps this total.
        let label = self.label.as_deref().unwrap_or("").as_bytes();
        let len = label.len().min(usize::from(u8::MAX));
        out.push(u8::try_from(len).unwrap_or(u8::MAX));
        out.extend_from_slice(&label[..len]);
        out.extend_from_slice(&passphrase_slot_header(&self.passphrase));
        out.extend_from_slice(&self.passphrase.nonce);
        out.extend_from_slice(&self.passphrase.wrapped);
        out.extend_from_slice(&recovery_slot_header(&self.recovery));
        out.extend_from_slice(&self.recovery.nonce);
        out.extend_from_slice(&self.recovery.wrapped);
        out
    }

    /// Associated data for a slot: magic, version, vault id, then the slot header.
    fn aad(&self, slot_header: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(26 + slot_header.len());
        aad.extend_from_slice(MAGIC);
        aad.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
        aad.extend_from_slice(&self.vault_id);
        aad.extend_from_slice(slot_header);
        aad
    }

    /// HMAC of the body under the DEK-derived MAC key.
    fn compute_mac(&self, dek: &DataKey) -> Result<[u8; MAC_LEN], Error> {
        let key = mac_key(dek, &self.vault_id)?;
        let tag = hmac::sign(&key, &self.body());
        let mut mac = [0u8; MAC_LEN];
        mac.copy_from_slice(tag.as_ref());
        Ok(mac)
    }
}

/// The passphrase slot from its type byte through its salt (the AAD part).
fn passphrase_slot_header(slot: &PassphraseSlot) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + slot.salt.len());
    out.extend_from_slice(&[SLOT_PASSPHRASE, KDF_ARGON2ID_13, ENCODING_AS_TYPED]);
    out.extend_from_slice(&slot.params.memory_kib.to_be_bytes());
    out.extend_from_slice(&slot.params.iterations.to_be_bytes());
    out.extend_from_slice(&slot.params.parallelism.to_be_bytes());
    push_salt(&mut out, &slot.salt);
    out
}

/// The recovery slot from its type byte through its salt (the AAD part).
fn recovery_slot_header(slot: &RecoverySlot) -> Vec<u8> {
    let mut out = Vec::with_capacity(3 + slot.salt.len());
    out.extend_from_slice(&[SLOT_RECOVERY, KDF_HKDF_SHA256]);
    push_salt(&mut out, &slot.salt);
    out
}

/// Appends a length-prefixed salt; salts are 16..=32 bytes by construction and parse.
fn push_salt(out: &mut Vec<u8>, salt: &[u8]) {
    let len = salt.len().min(SALT_MAX);
    out.push(u8::try_from(len).unwrap_or(0));
    out.extend_from_slice(&salt[..len]);
}

/// HKDF-SHA256 from the recovery key's 160 bits to a wrapping key. The recovery key is
/// uniformly random, so no slow hash is needed.
fn recovery_wrapping_key(key: &RecoveryKey, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, Error> {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(key.expose());
    let mut out = Zeroizing::new([0u8; 32]);
    prk.expand(&[RECOVERY_WRAP_INFO], hkdf::HKDF_SHA256)
        .and_then(|okm| okm.fill(&mut out[..]))
        .map_err(|_| Error::Corrupt)?;
    Ok(out)
}

/// The HMAC key for the header, derived from the DEK.
fn mac_key(dek: &DataKey, vault_id: &[u8; 16]) -> Result<hmac::Key, Error> {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, vault_id).extract(dek.expose());
    let okm = prk.expand(&[KEYFILE_MAC_INFO], hmac::HMAC_SHA256).map_err(|_| Error::Corrupt)?;
    Ok(hmac::Key::from(okm))
}

/// AES-256-GCM-seals the DEK.
fn wrap(
    key: &[u8; 32],
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    dek: &DataKey,
) -> Result<[u8; WRAPPED_LEN], Error> {
    let failed = || Error::Storage(std::io::Error::other("key wrapping failed"));
    let key = aead::LessSafeKey::new(
        aead::UnboundKey::new(&aead::AES_256_GCM, key).map_err(|_| failed())?,
    );
    let mut buf = Zeroizing::new([0u8; WRAPPED_LEN]);
    buf[..32].copy_from_slice(dek.expose());
    let tag = key
        .seal_in_place_separate_tag(
            aead::Nonce::assume_unique_for_key(*nonce),
            aead::Aad::from(aad),
            &mut buf[..32],
        )
        .map_err(|_| failed())?;
    buf[32..].copy_from_slice(tag.as_ref());
    Ok(*buf)
}

/// Opens a wrapped DEK; a failed tag is [`Error::WrongSecret`].
fn unwrap(
    key: &[u8; 32],
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    wrapped: &[u8; WRAPPED_LEN],
) -> Result<DataKey, Error> {
    let key = aead::LessSafeKey::new(
        aead::UnboundKey::new(&aead::AES_256_GCM, key).map_err(|_| Error::Corrupt)?,
    );
    let mut buf = Zeroizing::new(*wrapped);
    let plain = key
        .open_in_place(
            aead::Nonce::assume_unique_for_key(*nonce),
            aead::Aad::from(aad),
            &mut buf[..],
        )
        .map_err(|_| Error::WrongSecret)?;
    let mut dek = DataKey::zeroed();
    if plain.len() != 32 {
        return Err(Error::Corrupt);
    }
    dek.expose_mut().copy_from_slice(plain);
    Ok(dek)
}

/// A bounds-checked cursor; every read past the end is [`Error::Corrupt`].
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// The next `n` bytes.
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).ok_or(Error::Corrupt)?;
        let out = self.buf.get(self.pos..end).ok_or(Error::Corrupt)?;
        self.pos = end;
        Ok(out)
    }

    /// The next `N` bytes as an array.
    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// One byte.
    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.array::<1>()?[0])
    }

    /// A big-endian u32.
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    /// A length-prefixed salt of 16..=32 bytes.
    fn salt(&mut self) -> Result<Vec<u8>, Error> {
        let len = usize::from(self.u8()?);
        if !(SALT_MIN..=SALT_MAX).contains(&len) {
            return Err(Error::Corrupt);
        }
        Ok(self.take(len)?.to_vec())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::Cell;

    use super::*;

    thread_local! {
        /// Argon2 derivations run on this thread, so tests can prove one never ran.
        pub(crate) static KDF_CALLS: Cell<u64> = const { Cell::new(0) };
    }

    /// Derivations run on this thread so far.
    pub(crate) fn kdf_calls() -> u64 {
        KDF_CALLS.with(Cell::get)
    }

    const CHEAP: KdfParams = KdfParams::CHEAP_FOR_TESTS;

    /// A key file for "pass" with a fresh DEK and recovery key.
    fn sample(label: Option<&str>) -> (KeyFile, DataKey, RecoveryKey) {
        let dek = DataKey::generate().unwrap();
        let rk = RecoveryKey::generate().unwrap();
        let file = KeyFile::create(
            &dek,
            [7; 16],
            1_700_000_000,
            label.map(str::to_owned),
            &Passphrase::from("pass"),
            CHEAP,
            &rk,
        )
        .unwrap();
        (file, dek, rk)
    }

    /// Rewrites the trailing checksum so a deliberate edit gets past damage detection.
    fn fix_checksum(bytes: &mut [u8]) {
        let n = bytes.len() - CHECKSUM_LEN;
        let sum = digest::digest(&digest::SHA256, &bytes[..n]);
        bytes[n..].copy_from_slice(sum.as_ref());
    }

    /// Opens `file` with passphrase `s`.
    fn open_pw(file: &KeyFile, s: &str) -> Result<DataKey, Error> {
        file.open(SecretRef::Passphrase(&Passphrase::from(s)))
    }

    /// Opens `file` with recovery key `k`.
    fn open_rk(file: &KeyFile, k: &RecoveryKey) -> Result<DataKey, Error> {
        file.open(SecretRef::RecoveryKey(k))
    }

    /// Offset of the passphrase slot's memory field for a file with this label length.
    fn memory_offset(label_len: usize) -> usize {
        35 + label_len + 3
    }

    mod round_trip {
        use super::*;

        #[test]
        fn parse_of_to_bytes_opens_with_the_passphrase_and_the_recovery_key() {
            let (file, dek, rk) = sample(Some("Sam"));
            let bytes = file.to_bytes();
            let back = KeyFile::parse(&bytes).unwrap();
            assert_eq!(back.to_bytes(), bytes, "serialisation is canonical");
            assert_eq!(back.label(), Some("Sam"));
            assert_eq!(back.vault_id(), &[7; 16]);
            assert_eq!(back.created_at(), 1_700_000_000);
            assert_eq!(back.kdf_params(), CHEAP);
            assert_eq!(open_pw(&back, "pass").unwrap().expose(), dek.expose());
            let rk_again = RecoveryKey::parse(&rk.formatted()).unwrap();
            assert_eq!(open_rk(&back, &rk_again).unwrap().expose(), dek.expose());
        }

        #[test]
        fn pins_the_header_layout() {
            let (file, _, _) = sample(Some("Ab"));
            let bytes = file.to_bytes();
            assert_eq!(&bytes[..8], b"MENDKEYS");
            assert_eq!(&bytes[8..10], &[0, 1]);
            assert_eq!(&bytes[10..26], &[7; 16]);
            assert_eq!(&bytes[26..34], &1_700_000_000i64.to_be_bytes());
            assert_eq!(&bytes[34..37], &[2, b'A', b'b']);
            assert_eq!(&bytes[37..40], &[SLOT_PASSPHRASE, KDF_ARGON2ID_13, ENCODING_AS_TYPED]);
            assert_eq!(&bytes[40..52], &[0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
            assert_eq!(bytes[52], 32, "salt length");
            let rec = 53 + 32 + NONCE_LEN + WRAPPED_LEN;
            assert_eq!(&bytes[rec..rec + 3], &[SLOT_RECOVERY, KDF_HKDF_SHA256, 32]);
            assert_eq!(
                bytes.len(),
                rec + 3 + 32 + NONCE_LEN + WRAPPED_LEN + MAC_LEN + CHECKSUM_LEN
            );
        }

        #[test]
        fn a_hidden_vault_has_no_label_bytes() {
            let (file, _, _) = sample(None);
            let bytes = file.to_bytes();
            assert_eq!(bytes[34], 0);
            assert_eq!(KeyFile::parse(&bytes).unwrap().label(), None);
        }

        #[test]
        fn the_file_holds_neither_the_dek_nor_the_wrapping_key() {
            let (file, dek, _) = sample(None);
            let bytes = file.to_bytes();
            let salt = &file.passphrase.salt;
            let wrapping = CHEAP.derive(b"pass", salt).unwrap();
            for needle in [&dek.expose()[..], &wrapping[..], &dek.expose()[..8], &wrapping[..8]] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "secret material in the key file"
                );
            }
        }
    }

    mod secrets {
        use super::*;

        #[test]
        fn a_wrong_passphrase_is_wrong_secret() {
            let (file, _, _) = sample(None);
            assert!(matches!(open_pw(&file, "Pass"), Err(Error::WrongSecret)));
            assert!(matches!(open_pw(&file, ""), Err(Error::WrongSecret)));
        }

        #[test]
        fn a_wrong_recovery_key_is_wrong_secret() {
            let (file, _, _) = sample(None);
            let other = RecoveryKey::generate().unwrap();
            assert!(matches!(open_rk(&file, &other), Err(Error::WrongSecret)));
        }

        #[test]
        fn a_one_mebibyte_passphrase_with_a_nul_works() {
            let dek = DataKey::generate().unwrap();
            let rk = RecoveryKey::generate().unwrap();
            let mut long = "x\0".repeat(crate::vault::PASSPHRASE_MAX_BYTES / 2);
            let file =
                KeyFile::create(&dek, [1; 16], 0, None, &Passphrase::new(long.clone()), CHEAP, &rk)
                    .unwrap();
            assert!(file.open(SecretRef::Passphrase(&Passphrase::new(long.clone()))).is_ok());
            long.pop();
            long.push('\u{1}');
            assert!(matches!(
                file.open(SecretRef::Passphrase(&Passphrase::new(long))),
                Err(Error::WrongSecret)
            ));
        }

        #[test]
        fn nul_is_a_character_not_a_terminator() {
            let dek = DataKey::generate().unwrap();
            let rk = RecoveryKey::generate().unwrap();
            let file =
                KeyFile::create(&dek, [1; 16], 0, None, &Passphrase::from("ab\0cd"), CHEAP, &rk)
                    .unwrap();
            assert!(open_pw(&file, "ab\0cd").is_ok());
            assert!(matches!(open_pw(&file, "ab"), Err(Error::WrongSecret)));
        }

        #[test]
        fn nfc_and_nfd_spellings_are_different_passphrases() {
            // Decision: no normalisation; the bytes as typed are the passphrase.
            let nfc = "caf\u{e9} au lait";
            let nfd = "cafe\u{301} au lait";
            let dek = DataKey::generate().unwrap();
            let rk = RecoveryKey::generate().unwrap();
            let file = KeyFile::create(&dek, [1; 16], 0, None, &Passphrase::from(nfc), CHEAP, &rk)
                .unwrap();
            assert!(open_pw(&file, nfc).is_ok());
            assert!(matches!(open_pw(&file, nfd), Err(Error::WrongSecret)));
        }

        #[test]
        fn rewrapping_the_passphrase_keeps_the_dek_and_drops_the_old_passphrase() {
            let (mut file, dek, _) = sample(None);
            file.set_passphrase_slot(&dek, &Passphrase::from("new"), CHEAP).unwrap();
            let file = KeyFile::parse(&file.to_bytes()).unwrap();
            assert!(matches!(open_pw(&file, "pass"), Err(Error::WrongSecret)));
            assert_eq!(open_pw(&file, "new").unwrap().expose(), dek.expose());
        }
    }

    mod damage {
        use super::*;

        #[test]
        fn bad_magic_is_corrupt() {
            let (file, _, _) = sample(None);
            let mut bytes = file.to_bytes();
            bytes[0] = b'X';
            assert!(matches!(KeyFile::parse(&bytes), Err(Error::Corrupt)));
            assert!(matches!(KeyFile::parse(b"SQLite format 3\0"), Err(Error::Corrupt)));
        }

        #[test]
        fn a_newer_version_is_unsupported_and_version_zero_is_corrupt() {
            let (file, _, _) = sample(None);
            let mut bytes = file.to_bytes();
            bytes[9] = 2;
            fix_checksum(&mut bytes);
            assert!(matches!(KeyFile::parse(&bytes), Err(Error::UnsupportedVersion)));
            bytes[9] = 0;
            fix_checksum(&mut bytes);
            assert!(matches!(KeyFile::parse(&bytes), Err(Error::Corrupt)));
        }

        #[test]
        fn every_truncation_is_corrupt() {
            let (file, _, _) = sample(Some("Label"));
            let bytes = file.to_bytes();
            for len in 0..bytes.len() {
                assert!(
                    matches!(KeyFile::parse(&bytes[..len]), Err(Error::Corrupt)),
                    "truncated to {len}"
                );
            }
        }

        #[test]
        fn extra_bytes_are_corrupt_even_with_a_matching_checksum() {
            let (file, _, _) = sample(None);
            let bytes = file.to_bytes();
            let mut longer = bytes.clone();
            longer.push(0);
            assert!(matches!(KeyFile::parse(&longer), Err(Error::Corrupt)));
            // An extra byte at the end of the body, with the checksum recomputed over it.
            let split = bytes.len() - MAC_LEN - CHECKSUM_LEN;
            let mut padded = bytes[..split].to_vec();
            padded.push(0);
            padded.extend_from_slice(&bytes[split..]);
            fix_checksum(&mut padded);
            assert!(matches!(KeyFile::parse(&padded), Err(Error::Corrupt)));
        }

        #[test]
        fn any_flipped_bit_is_caught_before_a_key_is_derived() {
            let (file, _, _) = sample(Some("Label"));
            let bytes = file.to_bytes();
            let before = kdf_calls();
            for pos in 0..bytes.len() {
                for mask in [0x01u8, 0x80, 0xFF] {
                    let mut damaged = bytes.clone();
                    damaged[pos] ^= mask;
                    match KeyFile::parse(&damaged) {
                        Err(Error::Corrupt) => {}
                        Err(Error::UnsupportedVersion) if pos == 8 || pos == 9 => {}
                        Err(other) => panic!("byte {pos} ^ {mask:#x}: unexpected {other:?}"),
                        Ok(_) => panic!("byte {pos} ^ {mask:#x} went unnoticed"),
                    }
                }
            }
            assert_eq!(kdf_calls(), before, "damage must be caught before Argon2 runs");
        }

        #[test]
        fn a_tampered_label_is_corrupt_once_the_passphrase_is_known() {
            let (file, _, _) = sample(Some("Sam"));
            let mut bytes = file.to_bytes();
            bytes[35] = b'P';
            fix_checksum(&mut bytes);
            let tampered = KeyFile::parse(&bytes).expect("well-formed");
            assert_eq!(tampered.label(), Some("Pam"));
            assert!(matches!(open_pw(&tampered, "pass"), Err(Error::Corrupt)));
        }

        #[test]
        fn a_tampered_creation_time_or_recovery_slot_is_corrupt_with_the_passphrase() {
            let (file, _, _) = sample(None);
            let mut bytes = file.to_bytes();
            bytes[33] ^= 1;
            fix_checksum(&mut bytes);
            assert!(matches!(
                open_pw(&KeyFile::parse(&bytes).unwrap(), "pass"),
                Err(Error::Corrupt)
            ));
            let mut bytes = file.to_bytes();
            let last_wrapped = bytes.len() - MAC_LEN - CHECKSUM_LEN - 1;
            bytes[last_wrapped] ^= 1;
            fix_checksum(&mut bytes);
            assert!(matches!(
                open_pw(&KeyFile::parse(&bytes).unwrap(), "pass"),
                Err(Error::Corrupt)
            ));
        }

        #[test]
        fn slots_or_ids_swapped_between_vaults_do_not_open() {
            let (a, _, _) = sample(None);
            let dek_b = DataKey::generate().unwrap();
            let rk_b = RecoveryKey::generate().unwrap();
            let b =
                KeyFile::create(&dek_b, [9; 16], 0, None, &Passphrase::from("pass"), CHEAP, &rk_b)
                    .unwrap();

            // B's passphrase slot under A's id: the AAD no longer matches.
            let mut mixed = a.clone();
            mixed.passphrase = b.passphrase.clone();
            let mixed = KeyFile::parse(&mixed.to_bytes()).unwrap();
            assert!(matches!(open_pw(&mixed, "pass"), Err(Error::WrongSecret)));

            // A's file claiming B's vault id.
            let mut bytes = a.to_bytes();
            bytes[10..26].copy_from_slice(&[9; 16]);
            fix_checksum(&mut bytes);
            assert!(matches!(
                open_pw(&KeyFile::parse(&bytes).unwrap(), "pass"),
                Err(Error::WrongSecret)
            ));

            // B's recovery slot in A's file: A's passphrase still opens A, but the MAC
            // (computed over A's original recovery slot) now fails.
            let mut mixed = a.clone();
            mixed.recovery = b.recovery.clone();
            let mixed = KeyFile::parse(&mixed.to_bytes()).unwrap();
            assert!(matches!(open_pw(&mixed, "pass"), Err(Error::Corrupt)));
            let rk_b = RecoveryKey::parse(&rk_b.formatted()).unwrap();
            assert!(matches!(open_rk(&mixed, &rk_b), Err(Error::WrongSecret)));
        }

        #[test]
        fn absurd_kdf_parameters_are_refused_before_allocating() {
            let (file, _, _) = sample(None);
            let bytes = file.to_bytes();
            let at = memory_offset(0);
            let before = kdf_calls();
            let cases: [(u32, u32, u32); 7] = [
                (u32::MAX, 1, 1),
                (KdfParams::MAX_MEMORY_KIB + 1, 1, 1),
                (256, 17, 1),
                (256, 0, 1),
                (256, 1, 0),
                (256, 1, 5),
                (31, 1, 4),
            ];
            for (m, t, p) in cases {
                let mut b = bytes.clone();
                b[at..at + 4].copy_from_slice(&m.to_be_bytes());
                b[at + 4..at + 8].copy_from_slice(&t.to_be_bytes());
                b[at + 8..at + 12].copy_from_slice(&p.to_be_bytes());
                fix_checksum(&mut b);
                assert!(matches!(KeyFile::parse(&b), Err(Error::Corrupt)), "m={m} t={t} p={p}");
            }
            assert_eq!(kdf_calls(), before);
        }

        #[test]
        fn bad_salt_lengths_and_slot_types_are_corrupt() {
            let (file, _, _) = sample(None);
            let bytes = file.to_bytes();
            let salt_len_at = memory_offset(0) + 12;
            for bad in [0u8, 15, 33, 255] {
                let mut b = bytes.clone();
                b[salt_len_at] = bad;
                fix_checksum(&mut b);
                assert!(matches!(KeyFile::parse(&b), Err(Error::Corrupt)), "salt length {bad}");
            }
            for at in [35usize, 36, 37] {
                let mut b = bytes.clone();
                b[at] ^= 0x40;
                fix_checksum(&mut b);
                assert!(matches!(KeyFile::parse(&b), Err(Error::Corrupt)), "slot byte {at}");
            }
        }

        #[test]
        fn oversized_input_is_refused_without_hashing_it() {
            let big = vec![0u8; MAX_KEY_FILE_BYTES + 1];
            assert!(matches!(KeyFile::parse(&big), Err(Error::Corrupt)));
            let mut big = MAGIC.to_vec();
            big.extend_from_slice(&[0, 1]);
            big.resize(10_000_000, 0);
            assert!(matches!(KeyFile::parse(&big), Err(Error::Corrupt)));
        }

        #[test]
        fn control_characters_in_a_stored_label_are_corrupt() {
            let (file, _, _) = sample(Some("Sam"));
            let mut bytes = file.to_bytes();
            bytes[36] = b'\n';
            fix_checksum(&mut bytes);
            assert!(matches!(KeyFile::parse(&bytes), Err(Error::Corrupt)));
        }
    }

    mod labels {
        use super::*;

        #[test]
        fn labels_are_trimmed_and_bounded() {
            assert_eq!(clean_label(None).unwrap(), None);
            assert_eq!(clean_label(Some("  Ana ".into())).unwrap().as_deref(), Some("Ana"));
            assert!(matches!(clean_label(Some("   ".into())), Err(Error::Invalid(_))));
            assert!(clean_label(Some("é".repeat(LABEL_MAX_CHARS))).is_ok());
            assert!(matches!(
                clean_label(Some("a".repeat(LABEL_MAX_CHARS + 1))),
                Err(Error::Invalid(_))
            ));
            assert!(
                matches!(clean_label(Some("😀".repeat(LABEL_MAX_CHARS))), Err(Error::Invalid(_))),
                "over 255 bytes"
            );
            assert!(matches!(clean_label(Some("a\u{202E}b".into())), Err(Error::Invalid(_))));
            assert!(matches!(clean_label(Some("a\tb".into())), Err(Error::Invalid(_))));
        }
    }

    mod kdf {
        use super::*;

        #[test]
        fn derivation_is_deterministic_and_salted() {
            let a = CHEAP.derive(b"pw", &[1; 16]).unwrap();
            let b = CHEAP.derive(b"pw", &[1; 16]).unwrap();
            let c = CHEAP.derive(b"pw", &[2; 16]).unwrap();
            assert_eq!(*a, *b);
            assert_ne!(*a, *c);
        }

        #[test]
        fn pins_argon2id_output_for_known_inputs() {
            // Guards against a silent change of algorithm, version or output length.
            let out = KdfParams { memory_kib: 32, iterations: 3, parallelism: 4 }
                .derive(b"password", b"somesaltsomesalt")
                .unwrap();
            let again = argon2::Argon2::new(
                Algorithm::Argon2id,
                Version::V0x13,
                argon2::Params::new(32, 3, 4, Some(32)).unwrap(),
            );
            let mut expected = [0u8; 32];
            again.hash_password_into(b"password", b"somesaltsomesalt", &mut expected).unwrap();
            assert_eq!(*out, expected);
        }

        #[test]
        fn time_one_measures_a_real_derivation() {
            let took = CHEAP.time_one().unwrap();
            assert!(took > Duration::ZERO && took < Duration::from_secs(5), "{took:?}");
        }

        /// A machine where a derivation takes `ms_per_mib_pass` per MiB per iteration.
        fn model(ms_per_mib_pass: f64) -> impl FnMut(&KdfParams) -> Result<Duration, Error> {
            move |p: &KdfParams| {
                let mib = f64::from(p.memory_kib) / 1024.0;
                Ok(Duration::from_secs_f64(
                    mib * f64::from(p.iterations) * ms_per_mib_pass / 1000.0,
                ))
            }
        }

        #[test]
        fn calibration_on_a_slow_machine_keeps_the_floor() {
            // 64 MiB × 3 = 2 s.
            assert_eq!(calibrate_with(model(2000.0 / 192.0)).unwrap(), KdfParams::FLOOR);
        }

        #[test]
        fn calibration_on_a_middling_machine_raises_memory_into_the_window() {
            // 64 MiB × 3 = 0.3 s.
            let mut m = model(300.0 / 192.0);
            let p = calibrate_with(&mut m).unwrap();
            let took = m(&p).unwrap();
            assert_eq!((p.iterations, p.parallelism), (3, 1));
            assert!(
                p.memory_kib > KdfParams::FLOOR.memory_kib
                    && p.memory_kib <= KdfParams::CALIBRATION_MAX_MEMORY_KIB
            );
            assert!(took >= CALIBRATION_MIN && took <= CALIBRATION_MAX, "{p:?} took {took:?}");
        }

        #[test]
        fn calibration_on_a_fast_machine_caps_memory_then_adds_passes() {
            // 64 MiB × 3 = 0.05 s.
            let mut m = model(50.0 / 192.0);
            let p = calibrate_with(&mut m).unwrap();
            let took = m(&p).unwrap();
            assert_eq!(p.memory_kib, KdfParams::CALIBRATION_MAX_MEMORY_KIB);
            assert!(p.iterations > 3);
            assert!(took >= CALIBRATION_MIN && took <= CALIBRATION_MAX, "{p:?} took {took:?}");
        }

        #[test]
        fn calibration_on_an_absurdly_fast_machine_stops_at_the_bounds() {
            let p = calibrate_with(model(0.001)).unwrap();
            assert_eq!(p.memory_kib, KdfParams::CALIBRATION_MAX_MEMORY_KIB);
            assert_eq!(p.iterations, KdfParams::MAX_ITERATIONS);
            assert!(p.check_bounds().is_ok());
        }

        #[test]
        fn calibration_that_overshoots_steps_back_but_not_below_the_floor() {
            // 64 MiB × 3 = 0.45 s: the first raise lands on ~100 MiB; a noisy clock
            // reports 3 s for it, so calibration steps back toward the target.
            let mut first = true;
            let p = calibrate_with(|_: &KdfParams| {
                if std::mem::take(&mut first) {
                    Ok(Duration::from_millis(450))
                } else {
                    Ok(Duration::from_secs(3))
                }
            })
            .unwrap();
            assert_eq!(p.memory_kib, KdfParams::FLOOR.memory_kib);
            assert!(p.check_bounds().is_ok());
        }

        #[test]
        fn fixed_policy_is_used_as_given_in_tests_and_checked() {
            assert_eq!(KdfPolicy::Fixed(CHEAP).resolve().unwrap(), CHEAP);
            let absurd = KdfParams { memory_kib: u32::MAX, iterations: 1, parallelism: 1 };
            assert!(matches!(KdfPolicy::Fixed(absurd).resolve(), Err(Error::Invalid(_))));
            assert_eq!(CHEAP.at_least_floor(), KdfParams::FLOOR);
        }

        /// Run by `the_test_profile_env_var_only_works_in_debug_builds` in a child.
        #[test]
        #[ignore = "helper: prints the policy chosen from the environment"]
        fn report_policy_from_env() {
            println!("POLICY {:?}", KdfPolicy::from_env());
        }

        #[test]
        fn the_test_profile_env_var_only_works_in_debug_builds() {
            // In a child process: changing this process's environment would race with
            // other tests reading it.
            let policy_with = |value: Option<&str>| {
                let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
                cmd.args([
                    "--exact",
                    "vault::keys::tests::kdf::report_policy_from_env",
                    "--ignored",
                    "--nocapture",
                ]);
                match value {
                    Some(v) => cmd.env(TEST_KDF_ENV, v),
                    None => cmd.env_remove(TEST_KDF_ENV),
                };
                let out = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
                out.lines().find_map(|l| l.strip_prefix("POLICY ")).unwrap().to_owned()
            };
            let cheap = format!("{:?}", KdfPolicy::Fixed(KdfParams::CHEAP_FOR_TESTS));
            let calibrate = format!("{:?}", KdfPolicy::Calibrate);
            let expected_fast = if cfg!(debug_assertions) { &cheap } else { &calibrate };
            assert_eq!(&policy_with(Some("fast")), expected_fast);
            assert_eq!(policy_with(Some("slow")), calibrate);
            assert_eq!(policy_with(None), calibrate);
        }

        #[test]
        #[ignore = "measures this machine; run with --ignored --nocapture"]
        fn measure_calibration_on_this_machine() {
            for p in [
                KdfParams::FLOOR,
                KdfParams { memory_kib: 128 * 1024, ..KdfParams::FLOOR },
                KdfParams { memory_kib: 256 * 1024, ..KdfParams::FLOOR },
            ] {
                println!("{p:?}: {:?}", p.time_one().unwrap());
            }
            let started = Instant::now();
            let p = KdfParams::calibrate().unwrap();
            let calibration = started.elapsed();
            let started = Instant::now();
            p.derive(b"pw", &[0; SALT_LEN]).unwrap();
            println!("with allocation and wiping: {:?}", started.elapsed());
            println!(
                "calibrated {p:?} in {calibration:?}; hashing alone {:?}",
                p.time_one().unwrap()
            );
        }
    }
}
