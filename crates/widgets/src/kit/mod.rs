//! The shared UI kit: the widget root, status messages, service notices and accessibility
//! helpers.

mod attributes;
mod breakable;
mod later;
mod live_region;
mod notice;
mod qr;
mod root;
mod status;

pub use attributes::{attribute_warnings, Accepted, LANG};
pub use breakable::Breakable;
pub use later::built_later;
pub use live_region::LiveRegion;
pub use notice::ServiceNotice;
pub use qr::QrImage;
pub use root::{unique_id, WidgetRoot};
pub use status::{ErrorNotice, Loading};
