//! Parts of a widget that are built just after the rest.

use leptos::prelude::*;

/// Whether a part that is not seen at first (a closed panel's contents, an overview below
/// the results) may be built: false while the widget builds its first screen, true in a
/// task of its own right after, so a phone shows that screen and answers a tap sooner.
/// Server rendering has no tasks to wait for: true at once there.
pub fn built_later() -> Signal<bool> {
    let ready = RwSignal::new(!cfg!(target_arch = "wasm32"));
    if !ready.get_untracked() {
        set_timeout(
            move || {
                ready.try_set(true);
            },
            std::time::Duration::ZERO,
        );
    }
    ready.into()
}
