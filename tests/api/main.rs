//! One integration-test binary: every test spawns its own portal (port 0) against the built-in
//! 100ms emulator, or against a standalone emulator for live-mode scenarios.

mod admin_api;
mod cache;
mod cli;
mod emulator_contract;
mod error_pages;
mod helpers;
mod join_pages;
mod official_sdk;
mod room_modes;
mod share_pages;
mod tokens;
