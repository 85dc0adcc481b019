use std::error::Error as StdError;

use reqwest::StatusCode;

/// The underlying error of a failed exchange, kept for the cause chain.
pub type Cause = Box<dyn StdError + Send + Sync>;

/// What went wrong talking to 100ms. `Display` is safe to log; it never holds a token or secret.
#[derive(Debug, thiserror::Error)]
pub enum HmsError {
    /// 100ms answered with an error status and (usually) a `{code, message, details}` body.
    #[error("100ms answered {status}: {message}")]
    Api {
        status: StatusCode,
        /// What the status and body say went wrong, read once when the answer arrived.
        problem: ApiProblem,
        message: String,
        details: Vec<String>,
        /// `Retry-After` in seconds, when 100ms sent one.
        retry_after: Option<u64>,
    },
    #[error("100ms did not answer within the time limit")]
    Timeout,
    #[error("could not connect to 100ms: {}", root_cause(.0.as_ref()))]
    Connect(#[source] Cause),
    /// The request may or may not have reached 100ms.
    #[error("the connection to 100ms failed: {}", root_cause(.0.as_ref()))]
    Transport(#[source] Cause),
    #[error("100ms sent a response the portal does not understand: {}", root_cause(.0.as_ref()))]
    Decode(#[source] Cause),
    #[error("could not sign a management token: {0}")]
    Token(#[source] Cause),
    /// 100ms kept failing, so the portal is not calling it for a moment (the circuit is open).
    #[error("100ms is failing; not calling it for {} s (circuit open)", .retry_in.as_secs().max(1))]
    CircuitOpen { retry_in: std::time::Duration },
}

/// The documented refusals of the 100ms API, told apart by status and error message (the body's
/// `code` repeats the status, so the message is what names the resource).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiProblem {
    /// 404 "Room not found" (and any other 404 that does not name a role).
    RoomNotFound,
    /// 404 "Role not found".
    RoleNotFound,
    /// 403 "Room is disabled" from the room-code endpoints.
    RoomDisabled,
    /// 400 naming something that does not exist, e.g. "Error: template not found".
    ReferenceNotFound,
    /// Another 400: the request was understood and refused (e.g. a room's 100 codes are used up).
    Refused,
    /// 401/403 for the credentials, 429, 5xx and anything undocumented.
    Other,
}

impl ApiProblem {
    pub(super) fn classify(status: StatusCode, message: &str) -> Self {
        let message = message.to_ascii_lowercase();
        match status.as_u16() {
            404 if message.contains("role") => Self::RoleNotFound,
            404 => Self::RoomNotFound,
            403 if message.contains("disabled") => Self::RoomDisabled,
            400 if message.contains("not found") => Self::ReferenceNotFound,
            400 => Self::Refused,
            _ => Self::Other,
        }
    }
}

impl HmsError {
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// What 100ms's refusal means, if it answered with one.
    pub fn problem(&self) -> Option<ApiProblem> {
        match self {
            Self::Api { problem, .. } => Some(*problem),
            _ => None,
        }
    }

    /// The message 100ms gave, if it answered with an error.
    pub fn message_text(&self) -> &str {
        match self {
            Self::Api { message, .. } => message,
            _ => "",
        }
    }

    /// A metrics label: the HTTP status, or what kind of failure.
    pub fn kind_label(&self) -> String {
        match self {
            Self::Api { status, .. } => status.as_u16().to_string(),
            Self::Timeout => "timeout".into(),
            Self::Connect(_) => "connect".into(),
            Self::Transport(_) => "transport".into(),
            Self::Decode(_) => "decode".into(),
            Self::Token(_) => "token".into(),
            Self::CircuitOpen { .. } => "circuit_open".into(),
        }
    }

    /// 100ms refused the management token itself (401, or a 403 that is not about a room).
    pub fn refuses_credentials(&self) -> bool {
        match self {
            Self::Api {
                status, problem, ..
            } => {
                *status == StatusCode::UNAUTHORIZED
                    || (*status == StatusCode::FORBIDDEN && *problem == ApiProblem::Other)
            }
            _ => false,
        }
    }

    /// A failure that counts against the circuit: 100ms away, too slow, overloaded or broken.
    pub fn trips_breaker(&self) -> bool {
        match self {
            Self::Timeout | Self::Connect(_) | Self::Transport(_) => true,
            Self::Api { status, .. } => status.as_u16() == 429 || status.is_server_error(),
            _ => false,
        }
    }

    /// The request was sent but no answer came back: a create may have happened anyway.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::Timeout | Self::Transport(_))
    }

    /// 100ms could not be reached or is overloaded, as opposed to answering with an error.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Timeout | Self::Connect(_) | Self::Transport(_) | Self::CircuitOpen { .. } => {
                true
            }
            Self::Api { status, .. } => {
                *status == StatusCode::TOO_MANY_REQUESTS
                    || *status == StatusCode::SERVICE_UNAVAILABLE
            }
            _ => false,
        }
    }

    pub fn decode(problem: impl Into<Cause>) -> Self {
        Self::Decode(problem.into())
    }

    pub(super) fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Self::Timeout
        } else if error.is_connect() {
            Self::Connect(error.into())
        } else if error.is_decode() {
            Self::Decode(error.into())
        } else {
            Self::Transport(error.into())
        }
    }
}

/// reqwest's own message is generic ("error sending request"); the root cause says why.
fn root_cause(error: &(dyn StdError + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_told_apart_by_status_and_message() {
        let classify = |status: u16, message: &str| {
            ApiProblem::classify(StatusCode::from_u16(status).unwrap(), message)
        };
        assert_eq!(classify(404, "Room not found"), ApiProblem::RoomNotFound);
        assert_eq!(classify(404, "Role not found"), ApiProblem::RoleNotFound);
        assert_eq!(classify(403, "Room is disabled"), ApiProblem::RoomDisabled);
        assert_eq!(classify(403, "Token validation error"), ApiProblem::Other);
        assert_eq!(
            classify(400, "Error: template not found"),
            ApiProblem::ReferenceNotFound
        );
        assert_eq!(
            classify(400, "Invalid query parameter"),
            ApiProblem::Refused
        );
        assert_eq!(classify(503, "busy"), ApiProblem::Other);
    }

    #[test]
    fn transport_failures_keep_their_cause() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let error = HmsError::Connect(Box::new(inner));
        assert_eq!(error.to_string(), "could not connect to 100ms: refused");
        assert!(StdError::source(&error).is_some());
    }
}
