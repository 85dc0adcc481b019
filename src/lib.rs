//! prebuilt-portal: turns `/join/<room>/<role>` into a page that embeds a 100ms Prebuilt meeting.
//!
//! Layers, each using only those before it: `domain` ← `settings` ← `telemetry` ← `store` / `hms` /
//! `emulator` ← `resolver` ← `portal` ← `web` ← `startup`; `cli` (and `main`) on top, beside
//! `startup`. Only `web`, `startup` and the emulator (its own small server) know actix-web.

pub mod cli;
pub mod domain;
pub mod emulator;
pub mod hms;
pub mod portal;
pub(crate) mod resolver;
pub mod settings;
pub mod startup;
pub mod store;
pub mod telemetry;
pub(crate) mod web;
