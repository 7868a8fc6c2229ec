//! render: checked site + analysis → pages (Markdown, templates).
