//! inject: served HTML → the same HTML plus the live-reload script and, after a failed
//! rebuild, the error overlay. Only the preview server calls this, on the bytes it is about to
//! send; built pages never contain either.

use crate::config::Language;
use crate::render::i18n::text;
use crate::render::theme::escape_html;

use super::LIVE_RELOAD_ENDPOINT;

/// Adds the preview's script (and the overlay when `error` holds diagnostics) before the last
/// `</body>`, or at the end when there is none.
pub fn inject(html: &[u8], version: u64, error: Option<&str>, language: Language) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(error) = error {
        extra.push_str(&overlay(error, language));
    }
    extra.push_str(&script(version));
    let at = find_last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_body_close(html: &[u8]) -> Option<usize> {
    const NEEDLE: &[u8] = b"</body>";
    html.windows(NEEDLE.len())
        .rposition(|w| w.eq_ignore_ascii_case(NEEDLE))
}

/// The live-reload client. It knows the build version its page came from; the server sends
/// the current version on connect and after every rebuild, and the page reloads when they
/// differ (so a rebuild missed while the connection was down is caught on reconnect, which
/// `EventSource` does by itself). The scroll position survives the reload. It names its page
/// (`?page=`), so that a save makes the open pages before the others.
fn script(version: u64) -> String {
    format!(
        r#"<script>
(function () {{
  var built = {version};
  var key = "spiegel-scroll:" + location.pathname;
  var y = sessionStorage.getItem(key);
  if (y !== null) {{ sessionStorage.removeItem(key); window.scrollTo(0, Number(y)); }}
  var dialog = document.getElementById("spiegel-error");
  if (dialog) {{
    dialog.focus();
    var hide = function () {{ dialog.hidden = true; }};
    dialog.querySelector("button").addEventListener("click", hide);
    dialog.addEventListener("keydown", function (e) {{ if (e.key === "Escape") hide(); }});
  }}
  var source = new EventSource("{LIVE_RELOAD_ENDPOINT}?page=" + encodeURIComponent(location.pathname));
  source.addEventListener("reload", function (e) {{
    if (Number(e.data) !== built) {{
      sessionStorage.setItem(key, String(window.scrollY));
      source.close();
      location.reload();
    }}
  }});
}})();
</script>
"#
    )
}

/// The error overlay: the terminal's diagnostics, escaped, in an accessible dialog.
fn overlay(error: &str, language: Language) -> String {
    let t = |key| escape_html(text(language, key));
    format!(
        r#"<div id="spiegel-error" role="alertdialog" aria-modal="true" aria-labelledby="spiegel-error-title" aria-describedby="spiegel-error-help" tabindex="-1" style="position:fixed;top:1rem;left:1rem;right:1rem;max-height:calc(100vh - 2rem);box-sizing:border-box;z-index:2147483647;overflow:auto;background:#fff;color:#1a1a1a;border:3px solid #b00020;border-radius:6px;padding:1rem 1.25rem;box-shadow:0 0 0 100vmax rgba(0,0,0,.45);font:16px/1.4 system-ui,sans-serif">
<h2 id="spiegel-error-title" style="margin:0 0 .5rem;color:#b00020;font-size:1.25rem">{title}</h2>
<p id="spiegel-error-help" style="margin:0 0 .75rem">{help}</p>
<pre style="white-space:pre-wrap;background:#f6f6f6;padding:.75rem;border-radius:4px;font:14px/1.45 ui-monospace,monospace;margin:0 0 .75rem">{error}</pre>
<button type="button" style="font:inherit;padding:.35rem .9rem">{hide}</button>
</div>
"#,
        title = t("serve.error_title"),
        help = t("serve.error_help"),
        hide = t("serve.error_hide"),
        error = escape_html(error),
    )
}

/// The page for a path the site does not have (it may appear after the next save, so it
/// reloads like any other page).
pub fn not_found(path: &str, language: Language) -> Vec<u8> {
    let t = |key| escape_html(text(language, key));
    let lang = match language {
        Language::Nl => "nl",
        Language::En => "en",
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>404 · {title}</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<main>
<h1>{title}</h1>
<p>{text}</p>
<p><code>{path}</code></p>
<p><a href="/index.html">{home}</a></p>
</main>
</body>
</html>
"#,
        title = t("serve.not_found_title"),
        text = t("serve.not_found_text"),
        home = t("serve.to_home"),
        path = escape_html(path),
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_close() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", 7, None, Language::Nl);
        let out = String::from_utf8(out).unwrap();
        let script = out.find("<script>").unwrap();
        assert!(script > out.find("<p>x</p>").unwrap());
        assert!(script < out.find("</BODY>").unwrap());
        assert!(out.contains("var built = 7;"));
        assert!(out.contains(LIVE_RELOAD_ENDPOINT));
        assert!(!out.contains("id=\"spiegel-error\""));
    }

    #[test]
    fn html_without_body_gets_the_script_at_the_end() {
        let out = String::from_utf8(inject(b"<p>x</p>", 1, None, Language::Nl)).unwrap();
        assert!(out.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn overlay_escapes_the_diagnostics() {
        let error = "error: unknown partner `<uwwv>` & more";
        let out =
            String::from_utf8(inject(b"<body></body>", 1, Some(error), Language::Nl)).unwrap();
        assert!(out.contains("role=\"alertdialog\""));
        assert!(out.contains("unknown partner `&lt;uwwv&gt;` &amp; more"));
        assert!(!out.contains("<uwwv>"));
        assert!(out.contains("De site heeft fouten"));
    }
}
