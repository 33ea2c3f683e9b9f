//! One Mend per data folder: a second launch hands over to the first (which shows its
//! window) and exits.
//!
//! On Linux this is a well-known name on the D-Bus session bus, through GIO (already
//! linked with GTK), in the shape `tauri-plugin-single-instance` uses: the first launch
//! owns `<id>.SingleInstance` and serves `org.SingleInstance.DBus.ExecuteCallback` at
//! the matching path; a later launch finds the name taken, calls that method and exits 0.
//! Without a session bus Mend starts normally. Elsewhere the plugin does the job.

/// What the running instance does when another launch hands over to it.
pub type Callback = Box<dyn Fn(&tauri::AppHandle, Vec<String>, String) + Send + Sync>;

/// The single-instance plugin; `id` replaces the app identifier in the name (tests run
/// several data folders side by side, each its own instance).
#[cfg(all(unix, not(target_os = "macos")))]
pub fn init(id: Option<String>, callback: Callback) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri::plugin::Builder::new("single-instance")
        .setup(move |app, _api| {
            let name =
                format!("{}.SingleInstance", id.unwrap_or_else(|| app.config().identifier.clone()));
            linux::claim(app, &name, callback)?;
            Ok(())
        })
        .build()
}

/// The single-instance plugin; `id` replaces the app identifier in the name.
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn init(id: Option<String>, callback: Callback) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let mut builder = tauri_plugin_single_instance::Builder::<tauri::Wry>::new()
        .callback(move |app, args, cwd| callback(app, args, cwd));
    if let Some(id) = id {
        builder = builder.dbus_id(id);
    }
    builder.build()
}

#[cfg(all(unix, not(target_os = "macos")))]
mod linux {
    use gtk::gio;
    use gtk::glib::{ToVariant, Variant};

    use super::Callback;

    const INTERFACE: &str = "org.SingleInstance.DBus";
    const XML: &str = r#"<node>
  <interface name="org.SingleInstance.DBus">
    <method name="ExecuteCallback">
      <arg type="as" name="argv" direction="in"/>
      <arg type="s" name="cwd" direction="in"/>
    </method>
  </interface>
</node>"#;
    /// `RequestName` flag: fail at once instead of queueing behind the owner.
    const DO_NOT_QUEUE: u32 = 4;
    /// `RequestName` replies: the name is ours (now, or already).
    const PRIMARY_OWNER: u32 = 1;
    const ALREADY_OWNER: u32 = 4;

    /// The object path for a bus name: dots become slashes, dashes underscores.
    pub(super) fn object_path(name: &str) -> String {
        format!("/{}", name.replace('.', "/").replace('-', "_"))
    }

    /// Owns `name` and serves the hand-over, or hands over to its owner and exits.
    pub(super) fn claim(
        app: &tauri::AppHandle,
        name: &str,
        callback: Callback,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let bus = match gio::bus_get_sync(gio::BusType::Session, gio::Cancellable::NONE) {
            Ok(bus) => bus,
            // Without a session bus there is no way to find other instances.
            Err(_) => return Ok(()),
        };
        let path = object_path(name);
        let node = gio::DBusNodeInfo::for_xml(XML)?;
        let interface = node.lookup_interface(INTERFACE).ok_or("single-instance interface")?;
        let handle = app.clone();
        let registration = bus.register_object(
            &path,
            &interface,
            move |_, _, _, _, method, params, invocation| match (
                method,
                params.get::<(Vec<String>, String)>(),
            ) {
                ("ExecuteCallback", Some((argv, cwd))) => {
                    callback(&handle, argv, cwd);
                    invocation.return_value(None);
                }
                _ => invocation.return_dbus_error(
                    "org.freedesktop.DBus.Error.UnknownMethod",
                    "no such method",
                ),
            },
            |_, _, _, _, _| ().to_variant(),
            |_, _, _, _, _, _| false,
        )?;
        let reply = bus.call_sync(
            Some("org.freedesktop.DBus"),
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "RequestName",
            Some(&(name, DO_NOT_QUEUE).to_variant()),
            None,
            gio::DBusCallFlags::NONE,
            -1,
            gio::Cancellable::NONE,
        )?;
        if matches!(reply.get::<(u32,)>(), Some((PRIMARY_OWNER | ALREADY_OWNER,))) {
            // The name and the object live as long as the connection: the whole run.
            std::mem::forget(bus);
            return Ok(());
        }
        let _ = bus.unregister_object(registration);
        let argv: Vec<String> =
            std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
        let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
        bus.call_sync(
            Some(name),
            &path,
            INTERFACE,
            "ExecuteCallback",
            Some(&(argv, cwd).to_variant()),
            None,
            gio::DBusCallFlags::NONE,
            -1,
            gio::Cancellable::NONE,
        )
        .map(|_: Variant| ())?;
        // Exit successfully only after the first instance accepted the hand-over.
        app.cleanup_before_exit();
        std::process::exit(0);
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_object_path_follows_the_name() {
            assert_eq!(
                object_path("org.mend-app.Mend.d0123.SingleInstance"),
                "/org/mend_app/Mend/d0123/SingleInstance"
            );
        }
    }
}
