//! The one error type that crosses IPC.
//!
//! Every variant carries words a person can act on; details that could hold content or
//! paths stay out of the message. Serialized as `{ "kind": "camelCase", "message": "…" }`.

use serde::ser::SerializeStruct;

use crate::vault;

/// Everything that can go wrong in a command, as the window sees it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The vault is locked; the window shows the lock screen.
    #[error("Mend is locked.")]
    Locked,
    /// Input that the command refuses; the message says what to change.
    #[error("{0}")]
    Invalid(String),
    /// Storage failed; nothing was changed.
    #[error("Mend could not read or write its files. Nothing was changed.")]
    Storage(#[source] std::io::Error),
    /// Anything the vault reports (wrong passphrase, damaged files, busy, …).
    #[error(transparent)]
    Vault(#[from] vault::Error),
}

impl Error {
    /// The stable machine-readable name of the variant, used by the UI to choose a screen.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Locked => "locked",
            Error::Invalid(_) => "invalid",
            Error::Storage(_) => "storage",
            Error::Vault(e) => match e {
                vault::Error::WrongSecret => "wrongSecret",
                vault::Error::Corrupt => "corrupt",
                vault::Error::Busy => "busy",
                vault::Error::NotFound => "notFound",
                vault::Error::Invalid(_) => "invalid",
                vault::Error::TooManyAttempts { .. } => "tooManyAttempts",
                vault::Error::Storage(_) => "storage",
                vault::Error::UnsupportedVersion => "unsupportedVersion",
            },
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Vault(vault::Error::from(e))
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_kind_and_message() {
        let json = serde_json::to_string(&Error::Locked).unwrap();
        assert_eq!(json, r#"{"kind":"locked","message":"Mend is locked."}"#);
    }

    #[test]
    fn vault_errors_keep_their_kind_and_plain_message() {
        let json = serde_json::to_string(&Error::from(vault::Error::WrongSecret)).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"wrongSecret","message":"That passphrase or recovery key did not open this vault."}"#
        );
        let wait = Error::from(vault::Error::TooManyAttempts { wait_seconds: 4 });
        assert_eq!(wait.kind(), "tooManyAttempts");
    }

    #[test]
    fn storage_errors_never_carry_the_underlying_detail() {
        let io = std::io::Error::other("/home/someone/secret-name/vault.db");
        let json = serde_json::to_string(&Error::Storage(io)).unwrap();
        assert!(!json.contains("secret-name"), "path leaked into {json}");
        let sql = rusqlite::Error::InvalidColumnName("secret-column".into());
        let json = serde_json::to_string(&Error::from(sql)).unwrap();
        assert!(!json.contains("secret-column"), "detail leaked into {json}");
    }
}
