//! Minifying pages with minify-html, when the `minify` feature is compiled in.

/// Minifies one HTML page. Closing tags are kept and CSS and JS left alone: that is the
/// setting whose output the W3C validator accepts (see docs in the repo).
#[cfg(feature = "minify")]
pub fn html(page: &str) -> String {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    let bytes = minify_html::minify(page.as_bytes(), &cfg);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Without the `minify` feature pages are written as rendered.
#[cfg(not(feature = "minify"))]
pub fn html(page: &str) -> String {
    page.to_string()
}
