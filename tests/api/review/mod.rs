//! The second security review's findings, each reproduced: a password in a store URL's query,
//! a display name changed in the frame, `/readyz` that calls 100ms per request, signed links to
//! public roles, a 500 after sign-in, one bad byte in `X-Forwarded-For`, a forged sign-out, an
//! office's shared upstream budget, invitations to `sso` roles.

mod bound_names;
mod forgeries;
mod leftovers;
mod public_links;
mod readiness;
mod shared_budget;
mod sign_in_next;
mod sso_invitations;
mod store_passwords;
