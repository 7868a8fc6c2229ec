//! slug: file and heading names → URL-safe slugs.
// TEMPORARY until the slug module lands.
/// Slug.
pub fn slugify(name: &str) -> String {
    name.to_lowercase()
}
