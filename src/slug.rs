//! slug: file and heading names → URL-safe slugs.
