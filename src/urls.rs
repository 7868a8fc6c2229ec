//! urls: the contract's URL scheme, and relative links between pages.
//!
//! A page URL is site-relative and names a folder (`regio/haarlemmermeer/`), or is empty for the
//! home page. Links always point at the folder's `index.html`, so the site works from file://
//! (where a folder link would open a directory listing) as well as from any sub-path of a server.
//!
//! URLs are joined with `concat` rather than `format!`: a build makes about a million of them.

/// URL of the regions index.
pub const REGIONS: &str = "regio/";
/// URL of the notes index.
pub const NOTES: &str = "notities/";
/// URL of the practices index.
pub const PRACTICES: &str = "praktijken/";
/// URL of the themes index.
pub const THEMES: &str = "thema/";
/// URL of the region comparison.
pub const COMPARE: &str = "vergelijken/";
/// URL of the national overview.
pub const NATIONAL: &str = "landelijk/";
/// URL of the search page.
pub const SEARCH: &str = "zoeken/";
/// URL of the built-in method page (a free page with the same slug replaces it).
pub const METHOD: &str = "methode/";

/// URL of a region page.
pub fn region(slug: &str) -> String {
    ["regio/", slug, "/"].concat()
}

/// URL of a note page.
pub fn note(slug: &str) -> String {
    ["notities/", slug, "/"].concat()
}

/// URL of a practice page.
pub fn practice(slug: &str) -> String {
    ["praktijken/", slug, "/"].concat()
}

/// URL of a theme page: `thema/<id>/`, the id made a slug (`Klant_Gericht` → `klant-gericht`)
/// so any id gives a folder name that stays inside the output; `check` refuses two ids with
/// one slug.
pub fn theme(id: &str) -> String {
    ["thema/", &theme_slug(id), "/"].concat()
}

/// A theme id as a slug (`Klant_Gericht` → `klant-gericht`): its URL's folder, and what a page
/// uses for the theme in HTML ids and space-separated attribute lists, where an id with a
/// space would read as two.
pub fn theme_slug(id: &str) -> std::borrow::Cow<'_, str> {
    let is_slug = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if is_slug {
        std::borrow::Cow::Borrowed(id)
    } else {
        std::borrow::Cow::Owned(crate::slug::slugify(id))
    }
}

/// URL of a free page.
pub fn free_page(slug: &str) -> String {
    [slug, "/"].concat()
}

/// The file a link should name for a site URL: folders get `index.html`, files stay as they are.
pub fn href(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        [url, "index.html"].concat()
    } else {
        url.to_string()
    }
}

/// The path from a page back to the site root: `""` for the home page, `"../../"` for
/// `regio/x/`.
pub fn root_prefix(page_url: &str) -> String {
    let depth = page_url.matches('/').count();
    "../".repeat(depth)
}

/// A relative link from the page at `from` to the page or file at `to` (both site URLs).
pub fn relative(from: &str, to: &str) -> String {
    root_prefix(from) + &href(to)
}

/// `url` with the characters that would end or break its path percent-encoded: a static
/// file may be called `plan #2 (v?).pdf`, and its link must still reach it. Letters beyond
/// ASCII stay as they are (browsers send them as UTF-8).
pub fn encode_path(url: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| c.is_ascii_control() || " \"#%<>?[\\]^`{|}".contains(c);
    if !url.contains(needs) {
        return std::borrow::Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if needs(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_from_home_go_straight_down() {
        assert_eq!(relative("", "regio/x/"), "regio/x/index.html");
        assert_eq!(relative("", ""), "index.html");
    }

    #[test]
    fn links_from_a_nested_page_climb_to_the_root_first() {
        assert_eq!(
            relative("regio/x/", "notities/y/"),
            "../../notities/y/index.html"
        );
        assert_eq!(relative("werkwijze/", "static/a.pdf"), "../static/a.pdf");
        assert_eq!(relative("regio/x/", ""), "../../index.html");
    }

    #[test]
    fn a_static_file_name_is_encoded_where_it_would_break_the_link() {
        assert_eq!(encode_path("static/a.pdf"), "static/a.pdf");
        assert_eq!(
            encode_path("static/plan #2 (v?) 100%.pdf"),
            "static/plan%20%232%20(v%3F)%20100%25.pdf"
        );
        assert_eq!(encode_path("static/één.pdf"), "static/één.pdf");
    }
}
