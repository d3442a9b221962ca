//! The API's errors: `{"error": message, "span": [start, end], "kind": …}`
//! with a 4xx status (a 500 only if the engine itself failed).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::ops::Range;
use symdiff::ErrorKind;

/// What kind of failure, for a client that reacts to each differently (the
/// page underlines a syntax error; the load test counts them by kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The request itself: not JSON, not UTF-8, a field missing or mistyped.
    Request,
    /// No such page or endpoint.
    NotFound,
    /// The body is over the size limit.
    TooLarge,
    /// The expression does not parse.
    Syntax,
    /// The request asks past a limit (length, depth, nodes, order, digits).
    Limit,
    /// The request is well formed but asks something that has no answer
    /// (several variables and none chosen, a bad variable name).
    Usage,
    /// The work took longer than the time budget.
    Timeout,
    /// The engine failed (a bug): 500.
    Internal,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::NotFound => "not_found",
            Kind::TooLarge => "too_large",
            Kind::Syntax => "syntax",
            Kind::Limit => "limit",
            Kind::Usage => "usage",
            Kind::Timeout => "timeout",
            Kind::Internal => "internal",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Kind::Request => StatusCode::BAD_REQUEST,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// An error answer: the message, where in the input it is (bytes of the
/// UTF-8 text, as the engine's errors count), and its kind.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// What kind of failure (it sets the status).
    pub kind: Kind,
    /// The message, as the command line words it.
    pub message: String,
    /// The bytes of the input it is about; `None` when it is about the
    /// whole request.
    pub span: Option<Range<usize>>,
    /// Which request field the span is in, when not `expression`.
    pub field: Option<&'static str>,
}

impl ApiError {
    pub fn new(kind: Kind, message: impl Into<String>) -> ApiError {
        ApiError {
            kind,
            message: message.into(),
            span: None,
            field: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> ApiError {
        ApiError::new(Kind::Usage, message)
    }

    /// The engine's error about the text of request field `field`.
    pub fn in_field(error: symdiff::Error, field: &'static str) -> ApiError {
        ApiError {
            field: (field != "expression").then_some(field),
            ..ApiError::from(error)
        }
    }
}

impl From<symdiff::Error> for ApiError {
    fn from(error: symdiff::Error) -> ApiError {
        let kind = match error.kind {
            ErrorKind::InputTooLong { .. }
            | ErrorKind::TooDeep { .. }
            | ErrorKind::TooLarge { .. }
            | ErrorKind::OrderTooHigh { .. }
            | ErrorKind::NumberTooLarge { .. } => Kind::Limit,
            ErrorKind::BadVariable(_) => Kind::Usage,
            _ => Kind::Syntax,
        };
        ApiError {
            kind,
            span: error.kind.has_position().then_some(error.span),
            message: error.kind.to_string(),
            field: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "error": self.message,
            "span": self.span.map(|s| [s.start, s.end]),
            "kind": self.kind.name(),
        });
        if let Some(field) = self.field {
            body["field"] = field.into();
        }
        let mut response = (self.kind.status(), Json(body)).into_response();
        if self.kind == Kind::TooLarge {
            // The rest of the body is never read, so this connection cannot
            // carry another request: said, so that a client does not reuse it.
            response.headers_mut().insert(
                axum::http::header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
        }
        response
    }
}
