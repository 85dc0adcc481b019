//! prebuilt-portal: turns `/join/<room>/<role>` into a page that embeds a 100ms Prebuilt meeting.

pub mod access;
pub mod branding;
pub mod cli;
pub mod domain;
pub mod emulator;
pub mod error;
pub mod hms;
pub mod links;
pub mod metrics;
pub mod middleware;
pub mod qr;
pub mod rate_limit;
pub mod resolver;
pub mod routes;
pub mod settings;
pub mod startup;
pub mod telemetry;
