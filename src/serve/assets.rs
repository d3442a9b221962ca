//! The page and everything it loads, built into the binary: the page's
//! HTML, CSS and script, and KaTeX (its script, style sheet and woff2
//! fonts, from the npm package `katex`, MIT; `assets/katex/LICENSE`).
//! Nothing is fetched from elsewhere, so the page works offline.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A file of the page.
struct Asset {
    path: &'static str,
    mime: &'static str,
    bytes: &'static [u8],
    /// Cache-Control: KaTeX never changes within a build; the page's own
    /// files are revalidated so that a rebuilt server is seen at once.
    cache: &'static str,
}

const LONG: &str = "public, max-age=86400";
const SHORT: &str = "no-cache";

macro_rules! asset {
    ($path:literal, $mime:literal, $cache:expr) => {
        Asset {
            path: $path,
            mime: $mime,
            bytes: include_bytes!(concat!("assets/", $path)),
            cache: $cache,
        }
    };
}

static ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8", SHORT),
    asset!("app.css", "text/css; charset=utf-8", SHORT),
    asset!("app.js", "text/javascript; charset=utf-8", SHORT),
    asset!("icon.svg", "image/svg+xml", SHORT),
    asset!("katex/katex.min.js", "text/javascript; charset=utf-8", LONG),
    asset!("katex/katex.min.css", "text/css; charset=utf-8", LONG),
    asset!("katex/fonts/KaTeX_AMS-Regular.woff2", "font/woff2", LONG),
    asset!(
        "katex/fonts/KaTeX_Caligraphic-Bold.woff2",
        "font/woff2",
        LONG
    ),
    asset!(
        "katex/fonts/KaTeX_Caligraphic-Regular.woff2",
        "font/woff2",
        LONG
    ),
    asset!("katex/fonts/KaTeX_Fraktur-Bold.woff2", "font/woff2", LONG),
    asset!(
        "katex/fonts/KaTeX_Fraktur-Regular.woff2",
        "font/woff2",
        LONG
    ),
    asset!("katex/fonts/KaTeX_Main-Bold.woff2", "font/woff2", LONG),
    asset!(
        "katex/fonts/KaTeX_Main-BoldItalic.woff2",
        "font/woff2",
        LONG
    ),
    asset!("katex/fonts/KaTeX_Main-Italic.woff2", "font/woff2", LONG),
    asset!("katex/fonts/KaTeX_Main-Regular.woff2", "font/woff2", LONG),
    asset!(
        "katex/fonts/KaTeX_Math-BoldItalic.woff2",
        "font/woff2",
        LONG
    ),
    asset!("katex/fonts/KaTeX_Math-Italic.woff2", "font/woff2", LONG),
    asset!("katex/fonts/KaTeX_SansSerif-Bold.woff2", "font/woff2", LONG),
    asset!(
        "katex/fonts/KaTeX_SansSerif-Italic.woff2",
        "font/woff2",
        LONG
    ),
    asset!(
        "katex/fonts/KaTeX_SansSerif-Regular.woff2",
        "font/woff2",
        LONG
    ),
    asset!("katex/fonts/KaTeX_Script-Regular.woff2", "font/woff2", LONG),
    asset!("katex/fonts/KaTeX_Size1-Regular.woff2", "font/woff2", LONG),
    asset!("katex/fonts/KaTeX_Size2-Regular.woff2", "font/woff2", LONG),
    asset!("katex/fonts/KaTeX_Size3-Regular.woff2", "font/woff2", LONG),
    asset!("katex/fonts/KaTeX_Size4-Regular.woff2", "font/woff2", LONG),
    asset!(
        "katex/fonts/KaTeX_Typewriter-Regular.woff2",
        "font/woff2",
        LONG
    ),
];

/// The policy the page keeps to: its own files only. KaTeX sets inline
/// styles on the elements it builds, hence 'unsafe-inline' for styles.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

fn respond(asset: &Asset) -> Response {
    (
        [
            (header::CONTENT_TYPE, asset.mime),
            (header::CACHE_CONTROL, asset.cache),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        ],
        asset.bytes,
    )
        .into_response()
}

fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

/// `GET /`: the page (its state comes from the query string, read by the script).
pub async fn page() -> Response {
    find("index.html").map_or_else(not_found, respond)
}

/// `GET /favicon.ico`: browsers ask for it whatever the page says.
pub async fn icon() -> Response {
    find("icon.svg").map_or_else(not_found, respond)
}

/// `GET /assets/{*path}`.
pub async fn file(Path(path): Path<String>) -> Response {
    find(&path).map_or_else(not_found, respond)
}

/// Any other address: a JSON 404.
pub fn not_found() -> Response {
    super::error::ApiError::new(super::error::Kind::NotFound, "no such page or endpoint")
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_font_the_style_sheet_names_first_is_built_in() {
        let css = std::str::from_utf8(find("katex/katex.min.css").unwrap().bytes).unwrap();
        let woff2: Vec<&str> = css
            .split("url(")
            .skip(1)
            .filter_map(|rest| rest.split_once(')'))
            .map(|(url, _)| url)
            .filter(|url| url.ends_with(".woff2"))
            .collect();
        assert_eq!(woff2.len(), 20);
        for url in woff2 {
            assert!(
                find(&format!("katex/{url}")).is_some(),
                "{url} is not built in"
            );
        }
    }
}
