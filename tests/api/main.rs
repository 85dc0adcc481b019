//! One integration-test binary: every test spawns its own portal (port 0) against the built-in
//! 100ms emulator, or against a standalone emulator for live-mode scenarios.

mod admin_api;
mod attendance;
mod bad_input;
mod browser;
mod cache;
mod cli;
mod console;
mod credentials;
mod durable;
mod emulator_contract;
mod error_pages;
mod events;
mod first_day;
mod gate;
mod hardening;
mod headers;
mod helpers;
mod join_pages;
mod languages;
mod layers;
pub mod lobby;
mod official_sdk;
mod process;
mod rate_limits;
mod refresh;
mod resilience;
mod review;
mod room_modes;
mod secrets;
mod share_pages;
mod shutdown;
mod sign_in;
mod signed_links;
mod token_visits;
mod tokens;
