//! Reading requests: a JSON body whose every failure (too large, not UTF-8,
//! not JSON, a field of the wrong type) is an [`ApiError`], and the field
//! shapes the endpoints share.

use super::error::{ApiError, Kind};
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use symdiff::Expr;

/// A JSON request body of type `T`.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        // The body limit layer turns an oversized body into this rejection.
        let bytes = Bytes::from_request(request, state).await.map_err(|r| {
            let kind = if r.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                Kind::TooLarge
            } else {
                Kind::Request
            };
            ApiError::new(kind, r.body_text())
        })?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let at = e.valid_up_to();
            ApiError {
                span: Some(at..at + e.error_len().unwrap_or(1)),
                ..ApiError::new(Kind::Request, "the request body is not valid UTF-8")
            }
        })?;
        serde_json::from_str(text).map(ApiJson).map_err(|e| {
            let at = byte_offset(text, e.line(), e.column());
            ApiError {
                span: Some(at..(at + 1).min(text.len()).max(at)),
                ..ApiError::new(Kind::Request, format!("bad request: {e}"))
            }
        })
    }
}

/// The byte offset of serde_json's 1-based line and column (a column
/// counts bytes; column 0 is before the line's first byte).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Variable names: a list (`["x", "y"]`) or one string (`"x"`, `"x,y"`).
#[derive(Deserialize, Debug, Default, Clone)]
#[serde(untagged)]
pub enum Names {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Names {
    /// The variables named, in order; an error names a bad one.
    pub fn variables(&self) -> Result<Vec<Expr>, ApiError> {
        let names: Vec<&str> = match self {
            Names::None => Vec::new(),
            Names::One(text) => text.split(',').filter(|n| !n.trim().is_empty()).collect(),
            Names::Many(list) => list.iter().map(String::as_str).collect(),
        };
        names
            .into_iter()
            .map(|name| symdiff::variable(name).map_err(|e| ApiError::usage(e.kind.to_string())))
            .collect()
    }
}

/// A coordinate: a JSON number or an expression without variables
/// (`"pi/2"`).
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

impl Value {
    /// The number, or an error naming the coordinate `name`.
    pub fn number(&self, name: &str) -> Result<f64, ApiError> {
        let bad = || ApiError::usage(format!("the value of {name} is not a number"));
        let x = match self {
            Value::Number(x) => *x,
            Value::Text(text) => {
                let e = symdiff::parse_input(text, &super::limits())
                    .map_err(|_| bad())
                    .and_then(|p| p.value.scalar(text).map_err(|_| bad()))?;
                e.eval(&[]).map_err(|_| bad())?
            }
        };
        x.is_finite().then_some(x).ok_or_else(bad)
    }
}

/// A point, `{"x": 1, "y": "pi/2"}`.
pub type Point = std::collections::BTreeMap<String, Value>;

/// The point's coordinates for `inputs`, in their order; every input needs
/// a value, and every value an input.
pub fn coordinates(point: &Point, inputs: &[Expr]) -> Result<Vec<f64>, ApiError> {
    if let Some(extra) = point
        .keys()
        .find(|k| !inputs.iter().any(|v| v.as_symbol() == Some(k.as_str())))
    {
        return Err(ApiError::usage(format!(
            "the point gives {extra}, which is not a variable here"
        )));
    }
    inputs
        .iter()
        .map(|v| {
            let name = v.to_string();
            point
                .get(&name)
                .ok_or_else(|| ApiError::usage(format!("the point has no value for {name}")))?
                .number(&name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_of_json_positions() {
        let text = "{\n  \"a\": x}";
        // serde_json reports line 2, column 8 for the `x`.
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!(&text[byte_offset(text, e.line(), e.column())..], "x}");
    }

    #[test]
    fn names_from_a_list_or_a_string() {
        let shown = |n: Names| -> Vec<String> {
            n.variables().unwrap().iter().map(Expr::to_string).collect()
        };
        assert_eq!(shown(Names::One("x, y".into())), ["x", "y"]);
        assert_eq!(shown(Names::Many(vec!["t".into()])), ["t"]);
        assert!(shown(Names::None).is_empty());
        assert!(Names::One("2x".into()).variables().is_err());
    }
}
