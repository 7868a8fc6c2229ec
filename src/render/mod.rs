//! render: checked site + analysis → pages (Markdown, templates).

pub mod markdown;
