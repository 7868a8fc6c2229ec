//! route: a request's URL → what to answer. Pure, so every refusal is unit-tested.
//!
//! Files are looked up in the in-memory site by their output path, never on disk by a path the
//! browser chose, so nothing outside the site can be reached. Paths that try anyway (`..`,
//! `%2e%2e`, backslashes, NUL) are refused with 400 before any lookup, so a refusal is
//! visible rather than looking like a missing page.

use super::LIVE_RELOAD_ENDPOINT;

/// What a URL asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The Server-Sent Events stream of reload messages, for the page at `page` (its output
    /// path, from the `page` query parameter the live-reload script sends), when it says.
    LiveReload {
        /// The open page's file (`notities/x/index.html`).
        page: Option<String>,
    },
    /// A file of the site, by output path (`regio/x/index.html`); `folder` is the same path
    /// without `index.html` when the URL named a folder without its closing slash.
    File {
        /// Output path to look up.
        path: String,
        /// When the URL was `/regio/x`: the folder URL to redirect to if only
        /// `regio/x/index.html` exists.
        folder: Option<String>,
    },
    /// A malformed or refused path.
    BadRequest,
}

/// Maps a request URL (path plus optional query) to a [`Route`].
pub fn route(url: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == LIVE_RELOAD_ENDPOINT {
        return Route::LiveReload {
            page: open_page(url),
        };
    }
    let Some(decoded) = percent_decode(path) else {
        return Route::BadRequest;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Route::BadRequest;
    }
    let rel = &decoded[1..];
    if rel
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Route::BadRequest;
    }
    if rel.contains("//") {
        return Route::BadRequest;
    }
    if rel.is_empty() || rel.ends_with('/') {
        return Route::File {
            path: format!("{rel}index.html"),
            folder: None,
        };
    }
    Route::File {
        path: rel.to_string(),
        folder: Some(format!("/{rel}/")),
    }
}

/// The file of the page named by the live-reload URL's `page` parameter (a path such as
/// `/notities/x/`, percent-encoded), when it names one.
fn open_page(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    let value = query.split('&').find_map(|p| p.strip_prefix("page="))?;
    match route(&percent_decode(value)?) {
        Route::File { path, .. } => Some(path),
        Route::LiveReload { .. } | Route::BadRequest => None,
    }
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = input.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for an output path, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, folder: Option<&str>) -> Route {
        Route::File {
            path: path.into(),
            folder: folder.map(Into::into),
        }
    }

    #[test]
    fn maps_urls_to_output_paths() {
        let cases = [
            ("/", file("index.html", None)),
            ("/?x=1", file("index.html", None)),
            ("/regio/assen/", file("regio/assen/index.html", None)),
            ("/regio/assen", file("regio/assen", Some("/regio/assen/"))),
            (
                "/assets/style.css",
                file("assets/style.css", Some("/assets/style.css/")),
            ),
            (
                "/notities/co%C3%B6rdinatie/",
                file("notities/coördinatie/index.html", None),
            ),
            (LIVE_RELOAD_ENDPOINT, Route::LiveReload { page: None }),
        ];
        for (url, expected) in cases {
            assert_eq!(route(url), expected, "{url}");
        }
    }

    #[test]
    fn the_live_reload_stream_names_the_open_page() {
        let open = |page: &str| Route::LiveReload {
            page: Some(page.into()),
        };
        let cases = [
            ("?page=%2F", open("index.html")),
            ("?page=%2Fregio%2Fassen%2F", open("regio/assen/index.html")),
            // location.pathname is percent-encoded; encodeURIComponent encodes it again.
            (
                "?page=%2Fnotities%2Fco%25C3%25B6rdinatie%2F",
                open("notities/coördinatie/index.html"),
            ),
            ("?x=1&page=%2Fthema%2Fa%2F#top", open("thema/a/index.html")),
            ("?page=%2F..%2Fsite.toml", Route::LiveReload { page: None }),
            ("?page=%zz", Route::LiveReload { page: None }),
            ("?other=%2F", Route::LiveReload { page: None }),
        ];
        for (query, expected) in cases {
            let url = format!("{LIVE_RELOAD_ENDPOINT}{query}");
            assert_eq!(route(&url), expected, "{url}");
        }
    }

    #[test]
    fn refuses_path_traversal() {
        for url in [
            "/../etc/passwd",
            "/regio/../../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/regio/%2e%2e%2fsite.toml",
            "/..%5csite.toml",
            "/regio\\..\\site.toml",
            "/a/./b",
            "/a//b",
            "/%00",
            "/%zz",
            "/%c3",
            "relative",
        ] {
            assert_eq!(route(url), Route::BadRequest, "{url}");
        }
    }

    #[test]
    fn knows_the_common_content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("static/a.PDF"), "application/pdf");
        assert_eq!(content_type("static/noext"), "application/octet-stream");
    }
}
