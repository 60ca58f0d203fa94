//! `agreed serve`: build, serve the site on 127.0.0.1, watch the content and the theme, rebuild
//! on change and reload the browser.
//!
//! An edit of resolution files is rebuilt incrementally: only the changed files are read again,
//! and only the pages of the series they belong to are rendered again (written in place), so the
//! edit shows in the browser quickly however large the corpus. Anything else (theme, topics,
//! settings, a new or deleted file) triggers a full build. A build error is shown in the page,
//! not as a crash: the server keeps serving the last good site.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

use crate::config::Config;
use crate::model::{parse_resolution, Corpus};
use crate::output::Staging;
use crate::render::{self, Theme};
use crate::Site;

/// What the live-reload script polls: a version that changes after each successful rebuild,
/// and the error of the last build, if it failed.
#[derive(Default)]
struct State {
    version: u64,
    error: Option<String>,
}

type Shared = Arc<Mutex<State>>;

const LIVE_JS: &str = r#"(function () {
  var seen = null;
  function show(error) {
    var box = document.getElementById("agreed-build-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "agreed-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#7c1010;color:#fff;font:14px/1.4 monospace;z-index:99;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed — the page shows the last good build.\n\n" + error;
  }
  function poll() {
    fetch("/__agreed/state", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      show(s.error);
    }).catch(function () {}).then(function () { setTimeout(poll, 300); });
  }
  poll();
})();
"#;

/// Build, serve on 127.0.0.1:`port` (0 picks a free port), and rebuild on change until killed.
pub fn run(config: Config, port: u16) -> Result<()> {
    let state: Shared = Arc::default();
    let mut builder = Builder::new(config.clone());
    if let Err(e) = builder.full() {
        state.lock().unwrap().error = Some(format!("{e:#}"));
        eprintln!("error: {e:#}");
    }
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = server.server_addr().to_ip().context("no IP address")?;
    eprintln!("serving http://{addr}/ (Ctrl-C to stop)");
    let out = config.output_dir.clone();
    let served = state.clone();
    std::thread::spawn(move || serve_requests(server, &out, &served));
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    for path in watched(&config) {
        watcher.watch(&path, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", path.display()))?;
    }
    watch_loop(&rx, &mut builder, &state);
    Ok(())
}

fn watched(config: &Config) -> Vec<PathBuf> {
    [config.content_dir.clone(), config.root.join("themes"), config.root.join("agreed.toml")]
        .into_iter()
        .filter(|p| p.exists())
        .collect()
}

fn watch_loop(rx: &Receiver<notify::Result<notify::Event>>, builder: &mut Builder, state: &Shared) {
    while let Ok(first) = rx.recv() {
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut collect = |e: notify::Result<notify::Event>| {
            if let Ok(e) = e {
                if !matches!(e.kind, notify::EventKind::Access(_)) {
                    changed.extend(e.paths);
                }
            }
        };
        collect(first);
        // Editors write a file in several steps: take them as one change.
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(40)) {
            collect(e);
        }
        if changed.is_empty() {
            continue;
        }
        let started = Instant::now();
        let result = builder.rebuild(&changed);
        let mut s = state.lock().unwrap();
        match result {
            Ok(what) => {
                s.version += 1;
                s.error = None;
                eprintln!("rebuilt {what} in {} ms", started.elapsed().as_millis());
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                s.error = Some(format!("{e:#}"));
            }
        }
    }
}

/// Keeps the analysed site between rebuilds.
struct Builder {
    config: Config,
    site: Option<Site>,
}

impl Builder {
    fn new(config: Config) -> Self {
        Builder { config, site: None }
    }

    fn full(&mut self) -> Result<String> {
        let site = crate::analyse(&self.config)?;
        let theme = Theme::load(self.config.theme_dir.as_deref())?;
        let staging = Staging::create(&self.config.output_dir, self.config.minify)?;
        render::all(&site, &theme, &staging)?;
        let written = staging.commit()?;
        self.site = Some(site);
        Ok(format!("the whole site ({} files)", written.files))
    }

    fn rebuild(&mut self, changed: &BTreeSet<PathBuf>) -> Result<String> {
        let resolutions_dir = self.config.content_dir.join("resolutions");
        let only_edits = changed.iter().all(|p| {
            p.starts_with(&resolutions_dir)
                && p.extension().is_some_and(|x| x == "md")
                && p.is_file()
                && self.site.as_ref().is_some_and(|s| s.corpus.resolutions.iter().any(|r| &r.file == p))
        });
        if only_edits {
            self.incremental(changed)
        } else {
            self.full()
        }
    }

    /// Read the edited files again and render the pages of their series.
    fn incremental(&mut self, changed: &BTreeSet<PathBuf>) -> Result<String> {
        let old = self.site.take().expect("incremental rebuilds follow a full build");
        let mut resolutions = old.corpus.resolutions.clone();
        let mut series = BTreeSet::new();
        for file in changed {
            let text = crate::content::read_text(file)?;
            let parsed = parse_resolution(file, &text);
            let new = match parsed {
                Ok(r) => r,
                Err(e) => {
                    self.site = Some(old);
                    return Err(e.into());
                }
            };
            if let Some(slot) = resolutions.iter_mut().find(|r| &r.file == file) {
                series.insert(slot.series.clone());
                series.insert(new.series.clone());
                *slot = new;
            }
        }
        let corpus = match Corpus::new(resolutions) {
            Ok(c) => c,
            Err(e) => {
                self.site = Some(old);
                return Err(e.into());
            }
        };
        let site = crate::analyse_corpus(&self.config, corpus)?;
        let theme = Theme::load(self.config.theme_dir.as_deref())?;
        let staging = Staging::in_place(&self.config.output_dir, self.config.minify)?;
        let affected = |i: usize| series.contains(&site.corpus.resolutions[i].series);
        render::some(&site, &theme, &staging, &affected)?;
        let written = staging.commit()?;
        self.site = Some(site);
        Ok(format!("{} changed file(s), {} pages", changed.len(), written.files))
    }
}

fn serve_requests(server: tiny_http::Server, root: &Path, state: &Shared) {
    for request in server.incoming_requests() {
        let url = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
        let response = match url.as_str() {
            "/__agreed/state" => {
                let s = state.lock().unwrap();
                let body = serde_json::json!({"version": s.version, "error": s.error}).to_string();
                respond(body.into_bytes(), "application/json")
            }
            "/__agreed/live.js" => respond(LIVE_JS.as_bytes().to_vec(), "text/javascript"),
            _ => file_response(root, &url),
        };
        let _ = request.respond(response);
    }
}

fn respond(body: Vec<u8>, content_type: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let header = tiny_http::Header::from_bytes("Content-Type", content_type).expect("static header");
    tiny_http::Response::from_data(body).with_header(header)
}

/// A file of the site; HTML gets the live-reload script.
fn file_response(root: &Path, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let decoded = crate::render::urls::percent_decode(url.trim_start_matches('/'));
    let mut path = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty() && *p != "." && *p != "..") {
        path.push(part);
    }
    if path.is_dir() {
        path.push("index.html");
    }
    let (bytes, status) = match std::fs::read(&path) {
        Ok(b) => (b, 200),
        Err(_) => (std::fs::read(root.join("404.html")).unwrap_or_default(), 404),
    };
    let is_html = status == 404 || path.extension().is_some_and(|x| x == "html");
    let body = if is_html { inject_live_reload(bytes) } else { bytes };
    respond(body, content_type(&path, is_html)).with_status_code(status)
}

fn inject_live_reload(html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=\"/__agreed/live.js\"></script>";
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    [&html[..at], tag, &html[at..]].concat()
}

fn content_type(path: &Path, html: bool) -> &'static str {
    if html {
        return "text/html; charset=utf-8";
    }
    match path.extension().and_then(|x| x.to_str()) {
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("csv") => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_reload_goes_before_the_end_of_the_body() {
        let html = inject_live_reload(b"<p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<p>x</p><script src=\"/__agreed/live.js\"></script></body></html>"
        );
    }

    #[test]
    fn request_paths_cannot_climb_out_of_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("404.html"), "missing").unwrap();
        let r = file_response(tmp.path(), "/../../etc/passwd");
        assert_eq!(r.status_code().0, 404);
        assert_eq!(crate::render::urls::percent_decode("E%2FRES"), "E/RES");
    }
}
