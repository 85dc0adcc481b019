use reqwest::StatusCode;

/// What went wrong talking to 100ms. `Display` is safe to log; it never holds a token or secret.
#[derive(Debug, thiserror::Error)]
pub enum HmsError {
    /// 100ms answered with an error status and (usually) a `{code, message, details}` body.
    #[error("100ms answered {status}: {message}")]
    Api {
        status: StatusCode,
        message: String,
        details: Vec<String>,
        /// `Retry-After` in seconds, when 100ms sent one.
        retry_after: Option<u64>,
    },
    #[error("100ms did not answer within the time limit")]
    Timeout,
    #[error("could not connect to 100ms: {0}")]
    Connect(String),
    /// The request may or may not have reached 100ms.
    #[error("the connection to 100ms failed: {0}")]
    Transport(String),
    #[error("100ms sent a response the portal does not understand: {0}")]
    Decode(String),
    #[error("could not sign a management token: {0}")]
    Token(String),
}

impl HmsError {
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// The message 100ms gave, if it answered with an error.
    pub fn message_text(&self) -> &str {
        match self {
            Self::Api { message, .. } => message,
            _ => "",
        }
    }

    pub fn message_mentions(&self, word: &str) -> bool {
        self.message_text().to_ascii_lowercase().contains(word)
    }

    /// A 404 whose message names the role ("Role not found") rather than the room.
    pub fn is_role_not_found(&self) -> bool {
        match self {
            Self::Api {
                status, message, ..
            } => *status == StatusCode::NOT_FOUND && message.to_ascii_lowercase().contains("role"),
            _ => false,
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
        }
    }

    /// The request was sent but no answer came back: a create may have happened anyway.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::Timeout | Self::Transport(_))
    }

    /// 100ms could not be reached or is overloaded, as opposed to answering with an error.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Timeout | Self::Connect(_) | Self::Transport(_) => true,
            Self::Api { status, .. } => {
                *status == StatusCode::TOO_MANY_REQUESTS
                    || *status == StatusCode::SERVICE_UNAVAILABLE
            }
            _ => false,
        }
    }

    pub(super) fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            return Self::Timeout;
        }
        // reqwest's own message is generic ("error sending request"); the root cause says why.
        let mut cause: &dyn std::error::Error = &error;
        while let Some(source) = cause.source() {
            cause = source;
        }
        let text = if std::ptr::addr_eq(cause, &error) {
            error.to_string()
        } else {
            cause.to_string()
        };
        if error.is_connect() {
            Self::Connect(text)
        } else if error.is_decode() {
            Self::Decode(text)
        } else {
            Self::Transport(text)
        }
    }
}
