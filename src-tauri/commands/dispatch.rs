//! The one IPC entry point: finds the command the window asked for in [`COMMANDS`], reads
//! its arguments from the JSON the window sent, runs it and answers. It replaces
//! `tauri::generate_handler!`, which made a future, a task and an argument parser per
//! command; here every command shares one path (the stripped release binary is 323 KB
//! smaller).
//!
//! Tauri checks the ACL (build.rs `COMMANDS`, `capabilities/`) before calling
//! [`handle`], so a command missing from the capability file never reaches this table.
//! Arguments are read as Tauri reads them: each by its camelCase key, a missing key is
//! `None` for an `Option` and an error otherwise, and errors say the same words.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::Serialize;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeMessage, InvokeResponseBody, Response};
use tauri::Manager;

use crate::appearance::SystemTheme;
use crate::error::Error;
use crate::state::AppState;

/// What a command answers: its JSON, or the error the window receives.
type Answer = Result<InvokeResponseBody, InvokeError>;

/// Where a command runs.
#[derive(Clone, Copy)]
enum Thread {
    /// The window's thread, at once (quick commands, and those that need it).
    Main,
    /// A thread of Tauri's blocking pool, so the window's thread never waits for it (the
    /// commands that were `#[tauri::command(async)]`).
    Worker,
}

struct Command {
    name: &'static str,
    thread: Thread,
    run: fn(&InvokeMessage) -> Answer,
}

/// Runs the command `invoke` names; `false` (Tauri then answers "not found") when there
/// is no such command.
pub fn handle(invoke: Invoke) -> bool {
    let Some(command) = COMMANDS.iter().find(|c| c.name == invoke.message.command()) else {
        return false;
    };
    let Invoke { message, resolver, .. } = invoke;
    let run = command.run;
    let answer = move || resolver.respond(run(&message).map(Response::new));
    match command.thread {
        Thread::Main => answer(),
        Thread::Worker => drop(tauri::async_runtime::spawn_blocking(answer)),
    }
    true
}

/// The argument `key` of `command`, as Tauri's own commands read it.
fn arg<'a, T: Deserialize<'a>>(
    message: &'a InvokeMessage,
    command: &'static str,
    key: &'static str,
) -> Result<T, InvokeError> {
    let read = match message.payload() {
        InvokeBody::Json(args) => match args.get(key) {
            Some(value) => T::deserialize(value),
            None => T::deserialize(Missing { command, key }),
        },
        InvokeBody::Raw(_) => Err(de::Error::custom(format!(
            "command {command} expected a value for key {key} but the IPC call used a bytes payload"
        ))),
    };
    read.map_err(|e| tauri::Error::InvalidArgs(command, key, e).into())
}

/// An absent argument: `None` for an `Option`, an error for anything else.
struct Missing {
    command: &'static str,
    key: &'static str,
}

impl<'de> Deserializer<'de> for Missing {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom(format!(
            "command {} missing required key {}",
            self.command, self.key
        )))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// A command's return value as the window receives it: the JSON of the value, or of the
/// error (`{ kind, message }`).
trait IntoAnswer {
    fn into_answer(self) -> Answer;
}

fn json<T: Serialize>(value: &T) -> Answer {
    serde_json::to_string(value)
        .map(InvokeResponseBody::Json)
        .map_err(|e| tauri::Error::from(e).into())
}

impl<T: Serialize> IntoAnswer for Result<T, Error> {
    fn into_answer(self) -> Answer {
        match self {
            Ok(value) => json(&value),
            Err(error) => Err(InvokeError::from(error)),
        }
    }
}

/// What the commands that cannot fail return.
macro_rules! infallible {
    ($($t:ty),*) => {
        $(impl IntoAnswer for $t {
            fn into_answer(self) -> Answer {
                json(&self)
            }
        })*
    };
}

infallible!(
    (),
    super::app::AppInfo,
    super::app::Appearance,
    super::vault::Strength,
    crate::apology::Report,
    crate::readiness::evaluation::Spec,
    crate::workbook::accountability::Check,
    Vec<crate::workbook::prompts::Prompt>
);

/// One parameter of a command: `app`, `webview`, `state` (the [`AppState`]) and `system`
/// (the [`SystemTheme`]) come from Tauri; a string literal is the key of an argument in the
/// window's JSON (the camelCase of the parameter's name, as `ui/js/api.js` sends it).
macro_rules! param {
    ($message:ident, $command:ident, app) => {
        $message.webview_ref().app_handle().clone()
    };
    ($message:ident, $command:ident, webview) => {
        $message.webview()
    };
    ($message:ident, $command:ident, state) => {
        $message.webview_ref().state::<AppState>()
    };
    ($message:ident, $command:ident, system) => {
        $message.webview_ref().state::<SystemTheme>()
    };
    ($message:ident, $command:ident, $key:literal) => {
        arg($message, stringify!($command), $key)?
    };
}

/// The table of commands: the thread each runs on, its function and its parameters.
macro_rules! commands {
    ($($thread:ident $module:ident::$name:ident($($param:tt),*);)*) => {
        // `message` goes unused by the commands without parameters.
        #[allow(unused_variables)]
        static COMMANDS: &[Command] = &[$(Command {
            name: stringify!($name),
            thread: Thread::$thread,
            run: |message: &InvokeMessage| -> Answer {
                super::$module::$name($(param!(message, $name, $param)),*).into_answer()
            },
        }),*];
    };
}

// Every command the window can call; build.rs `COMMANDS` and the capability file list the
// same names (tests/policy.rs checks).
commands! {
    Worker app::app_info();
    Main app::window_print(webview);
    Worker app::appearance_get(state, system);
    Worker app::appearance_set(state, "theme");
    Worker vault::vault_status(state);
    Worker vault::passphrase_strength("passphrase");
    Worker vault::vault_create(state, "passphrase");
    Worker vault::vault_unlock(app, state, "id", "passphrase");
    Worker vault::vault_recover(app, state, "id", "recoveryKey", "passphrase");
    Worker vault::vault_lock(state);
    Main vault::vault_health(state);
    Main vault::activity_ping(state);
    Worker vault::passphrase_change(state, "current", "next");
    Worker vault::recovery_regenerate(state, "passphrase");
    Main vault::recovery_copy(app, state);
    Main vault::recovery_forget(state);
    Worker vault::vault_delete(state, "confirmation");
    Main settings::settings_get(state);
    Worker settings::settings_set(state, "changes");
    Worker files::backup_export(app, state);
    Worker files::backup_restore(app, state, "passphrase", "recoveryKey");
    Worker files::export_plain(app, state);
    Worker journal::journal_list(state, "filter");
    Worker journal::journal_save(state, "entry");
    Worker journal::journal_delete(state, "id");
    Worker journal::journal_get(state, "id");
    Worker journal::journal_search(state, "query");
    Worker journal::journal_prompts();
    Worker workbook::doc_get(state, "kind");
    Worker workbook::doc_save(state, "kind", "today", "fields");
    Worker workbook::doc_version(state, "id");
    Worker workbook::doc_restore(state, "id", "today");
    Worker workbook::doc_version_delete(state, "id");
    Worker workbook::accountability_check("text");
    Worker workbook::checkin_save(state, "checkin");
    Worker workbook::checkin_list(state, "filter");
    Worker workbook::checkin_delete(state, "id");
    Worker workbook::checkin_waves(state, "query");
    Worker workbook::trigger_save(state, "trigger");
    Worker workbook::trigger_list(state, "filter");
    Worker workbook::trigger_delete(state, "id");
    Worker workbook::trigger_patterns(state, "query");
    Worker workbook::question_save(state, "question");
    Worker workbook::question_list(state);
    Worker workbook::question_similar(state, "text");
    Worker workbook::question_delete(state, "id");
    Worker workbook::rewoo_save(state, "item");
    Worker workbook::rewoo_list(state);
    Worker workbook::rewoo_done(state, "id", "done");
    Worker workbook::rewoo_delete(state, "id");
    Worker workbook::home_summary(state, "today", "now");
    Worker readiness::readiness_spec();
    Worker readiness::readiness_evaluate("kind", "answers");
    Worker readiness::readiness_save(state, "kind", "answers", "takenAt");
    Worker readiness::readiness_list(state, "kind");
    Worker readiness::readiness_delete(state, "id");
    Worker readiness::session_prep_get(state, "today");
    Worker readiness::session_prep_save(state, "draft");
    Worker readiness::session_prep_preview(state, "draft", "today");
    Worker readiness::session_prep_pdf(app, state, "draft", "today");
    Worker apology::apology_check("text");
    Worker apology::apology_list(state);
    Worker apology::apology_get(state, "id");
    Worker apology::apology_save(state, "draft");
    Worker apology::apology_version(state, "id");
    Worker apology::apology_restore(state, "id", "today");
    Worker apology::apology_ready(state, "id", "ready");
    Worker apology::apology_delete(state, "id");
    Worker apology::apology_settings_get(state);
    Worker apology::apology_settings_set(state, "settings");
    Worker apology::apology_copy(app, state, "id");
}
