//! Client of the 100ms server-side REST API v2 (see shared/research/hms-api.md).

mod auth_token;
mod breaker;
mod client;
mod error;
mod http;
pub mod model;
mod retry;
pub mod tls;
mod token;
mod transport;

pub use auth_token::{AppClaims, AuthTokens, TokenGrant};
pub use breaker::BreakerPolicy;
pub use client::{HmsClient, HmsClientConfig};
pub use error::{ApiProblem, HmsError};
pub use token::{ManagementClaims, ManagementTokens};
