//! Minifying (templates stripped of insignificant whitespace once, at load) must not change
//! what a reader sees: the example site built with `minify = true` and with `minify = false`
//! has the same pages with the same text, where whitespace next to inline tags still counts.
//! (The default theme's templates are written without indentation, so the saving is modest.)

mod common;

use std::path::Path;

use common::{read_tree, spiegel};

/// Tags whose neighbouring whitespace is rendered; every other tag separates like a space.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Text as a browser shows it: inline tags vanish (so `a</b> b` and `a</b>b` differ), other
/// tags become a space, whitespace runs become one space.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let name: String = rest[start + 1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn copy_example(to: &Path, minify: bool) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = std::fs::read_to_string(repo.join("site.toml")).expect("read site.toml");
    let config = config.replace("minify = true", &format!("minify = {minify}"));
    std::fs::create_dir_all(to).expect("create site dir");
    std::fs::write(to.join("site.toml"), config).expect("write site.toml");
    common::copy_dir(&repo.join("content"), &to.join("content"));
}

#[test]
fn minified_pages_have_the_same_text_and_are_smaller() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut trees = Vec::new();
    for minify in [true, false] {
        let site = dir.path().join(format!("site-{minify}"));
        let out = dir.path().join(format!("out-{minify}"));
        copy_example(&site, minify);
        let run = spiegel(&[
            "build".as_ref(),
            "--root".as_ref(),
            site.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(run.code, 0, "build failed: {}", run.stderr);
        trees.push(read_tree(&out));
    }
    let (small, plain) = (&trees[0], &trees[1]);
    assert_eq!(
        small.keys().collect::<Vec<_>>(),
        plain.keys().collect::<Vec<_>>()
    );
    let (mut small_bytes, mut plain_bytes) = (0, 0);
    for (path, bytes) in plain {
        if path.ends_with(".css") {
            // Stylesheets go through minify-html's CSS minifier once, when the theme loads.
            assert!(small[path].len() < bytes.len(), "{path} is not smaller");
            continue;
        }
        if !path.ends_with(".html") {
            assert_eq!(&small[path], bytes, "{path} differs");
            continue;
        }
        let a = String::from_utf8_lossy(&small[path]);
        let b = String::from_utf8_lossy(bytes);
        assert_eq!(visible_text(&a), visible_text(&b), "text of {path} differs");
        small_bytes += a.len();
        plain_bytes += b.len();
    }
    assert!(
        small_bytes < plain_bytes,
        "minified pages should be smaller: {small_bytes} vs {plain_bytes} bytes"
    );
}

#[test]
fn visible_text_keeps_inline_whitespace() {
    assert_eq!(visible_text("<p>a <b>b</b>c</p><p>d</p>"), "a bc d");
    assert_ne!(
        visible_text("<a>x</a> <a>y</a>"),
        visible_text("<a>x</a><a>y</a>")
    );
}
