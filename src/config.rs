//! config: site.toml → [`Config`]. Every key is optional; defaults serve.

use serde::Deserialize;

/// The UI language of the generated site. URLs stay Dutch whatever the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch (the default): Dutch labels, dates (3 maart 2007) and decimal comma (2,7).
    #[default]
    Nl,
    /// English labels, dates (3 March 2007) and decimal point.
    En,
}

impl Language {
    /// The BCP 47 code for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// site.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site title, shown in the header and the browser tab.
    pub title: String,
    /// One-line description shown on the home page and in the feed.
    pub description: String,
    /// UI language.
    pub language: Language,
    /// Absolute URL the site is published at; only the feed and sitemap need it.
    pub base_url: String,
    /// Theme folder name under themes/ (the built-in `default` needs no folder).
    pub theme: String,
    /// Minify the HTML output.
    pub minify: bool,
    /// Let raw HTML in Markdown through unsanitised (off: it is cleaned with ammonia).
    pub allow_html: bool,
    /// Free-form data passed to templates as `extra`.
    pub extra: toml::Table,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Ketenspiegel".to_string(),
            description: String::new(),
            language: Language::Nl,
            base_url: String::new(),
            theme: "default".to_string(),
            minify: true,
            allow_html: false,
            extra: toml::Table::new(),
        }
    }
}
