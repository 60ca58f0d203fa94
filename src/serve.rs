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
    /// Counts successful rebuilds: a browser reloads when it changes.
    version: u64,
    /// Counts every change of the state, errors included: what a waiting browser waits for.
    generation: u64,
    error: Option<String>,
}

/// The build state, and a signal for the browsers waiting for it to change.
#[derive(Default)]
struct Live {
    state: Mutex<State>,
    changed: std::sync::Condvar,
}

impl Live {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Change the state and wake the waiting browsers.
    fn update(&self, f: impl FnOnce(&mut State)) {
        let mut s = self.lock();
        f(&mut s);
        s.generation += 1;
        self.changed.notify_all();
    }

    /// The state once its generation differs from `seen` (or after `timeout`), as JSON.
    fn wait_json(&self, seen: Option<u64>, timeout: Duration) -> String {
        let guard = self.lock();
        let (s, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| seen == Some(s.generation))
            .unwrap_or_else(|e| e.into_inner());
        serde_json::json!({"version": s.version, "generation": s.generation, "error": s.error}).to_string()
    }
}

type Shared = Arc<Live>;

const LIVE_JS: &str = r#"(function () {
  var seen = null, generation = null;
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
    var url = "/__agreed/state" + (generation === null ? "" : "?g=" + generation);
    fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      generation = s.generation;
      show(s.error);
      setTimeout(poll, 0);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// Build, serve on 127.0.0.1:`port` (0 picks a free port), and rebuild on change until killed.
pub fn run(config: Config, port: u16) -> Result<()> {
    let state: Shared = Arc::default();
    let mut builder = Builder::new(config.clone());
    if let Err(e) = builder.full() {
        state.update(|s| s.error = Some(format!("{e:#}")));
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
        // The pages an edit touched come first; the browser reloads as soon as they are
        // written, and the site-wide files (search index, data, topics) follow.
        let mut ready = |what: &str| {
            state.update(|s| {
                s.version += 1;
                s.error = None;
            });
            eprintln!("rebuilt {what} in {} ms", started.elapsed().as_millis());
        };
        let result = builder.rebuild(&changed, &mut ready);
        match result {
            Ok(()) => eprintln!("site-wide files done in {} ms", started.elapsed().as_millis()),
            Err(e) => {
                eprintln!("error: {e:#}");
                state.update(|s| s.error = Some(format!("{e:#}")));
            }
        }
    }
}

struct Builder {
    config: Config,
    site: Option<Site>,
    cache: crate::AnalysisCache,
}

impl Builder {
    fn new(config: Config) -> Self {
        Builder { config, site: None, cache: crate::AnalysisCache::default() }
    }

    fn full(&mut self) -> Result<String> {
        self.site = None;
        self.cache = crate::AnalysisCache::default();
        let corpus = crate::content::load(&self.config.content_dir)?;
        let site = crate::analyse_corpus_cached(&self.config, corpus, &mut self.cache)?;
        let theme = Theme::load(self.config.theme_dir.as_deref())?;
        let staging = Staging::create(&self.config.output_dir, self.config.minify)?;
        render::all(&site, &theme, &staging)?;
        let written = staging.commit()?;
        self.site = Some(site);
        Ok(format!("the whole site ({} files)", written.files))
    }

    /// Rebuild after `changed` files; `ready` is called once the pages a reader would be
    /// looking at are written.
    fn rebuild(&mut self, changed: &BTreeSet<PathBuf>, ready: &mut dyn FnMut(&str)) -> Result<()> {
        let resolutions_dir = self.config.content_dir.join("resolutions");
        // The watcher names files its own way (absolute, `./` kept); name them as the corpus does.
        let files: std::collections::HashMap<PathBuf, &PathBuf> =
            self.site.iter().flat_map(|s| &s.corpus.resolutions).map(|r| (same_file_key(&r.file), &r.file)).collect();
        let known = |p: &PathBuf| files.contains_key(&same_file_key(p));
        // Editors write through temporary files that are gone by now (`sed -i`, most editors'
        // safe save): those are not changes to the content. Folder events say nothing a file
        // event does not.
        let changed: BTreeSet<PathBuf> = changed
            .iter()
            .filter(|p| (p.exists() && !p.is_dir()) || known(p))
            .map(|p| files.get(&same_file_key(p)).map_or_else(|| p.clone(), |f| (*f).clone()))
            .collect();
        if changed.is_empty() {
            return Ok(());
        }
        let only_edits = changed.iter().all(|p| {
            p.starts_with(&resolutions_dir) && p.extension().is_some_and(|x| x == "md") && p.is_file() && known(p)
        });
        if only_edits {
            self.incremental(&changed, ready)
        } else {
            if let Some(p) = changed.iter().find(|p| !known(p)) {
                eprintln!("{} changed: rebuilding everything", p.display());
            }
            let what = self.full()?;
            ready(&what);
            Ok(())
        }
    }

    /// Re-read only the edited files, re-align and re-resolve only what they touched, and
    /// rewrite the pages of their series before the site-wide files.
    fn incremental(&mut self, changed: &BTreeSet<PathBuf>, ready: &mut dyn FnMut(&str)) -> Result<()> {
        let mut parsed = Vec::new();
        for file in changed {
            let text = crate::content::read_text(file)?;
            parsed.push(parse_resolution(file, &text)?);
        }
        // From here on the previous site is taken apart; a failure leaves none, and the next
        // change rebuilds everything.
        let old = self.site.take().expect("incremental rebuilds follow a full build");
        let mut resolutions = old.corpus.resolutions;
        let mut series = BTreeSet::new();
        for new in parsed {
            let Some(slot) = resolutions.iter_mut().find(|r| r.file == new.file) else { continue };
            let same_anchors = slot.paragraphs.iter().map(|p| &p.anchor).eq(new.paragraphs.iter().map(|p| &p.anchor));
            if slot.symbol != new.symbol || !same_anchors {
                // Other resolutions' references may point at paragraphs that came or went.
                self.cache.references.clear();
            }
            for symbol in [&slot.symbol, &new.symbol] {
                self.cache.align.forget(symbol);
                self.cache.references.forget(symbol);
            }
            series.insert(slot.series.clone());
            series.insert(new.series.clone());
            *slot = new;
        }
        let corpus = Corpus::new(resolutions)?;
        let site = crate::analyse_corpus_cached(&self.config, corpus, &mut self.cache)?;
        let theme = Theme::load(self.config.theme_dir.as_deref())?;
        let staging = Staging::in_place(&self.config.output_dir, self.config.minify)?;
        let affected = |i: usize| series.contains(&site.corpus.resolutions[i].series);
        render::resolutions(&site, &theme, &staging, &affected)?;
        ready(&format!("{} changed file(s): the pages of {} series", changed.len(), series.len()));
        render::site_wide(&site, &theme, &staging)?;
        staging.commit()?;
        self.site = Some(site);
        Ok(())
    }
}

/// A path absolute and without `.` components, to tell whether two names are one file.
fn same_file_key(p: &Path) -> PathBuf {
    let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    absolute.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

fn serve_requests(server: tiny_http::Server, root: &Path, state: &Shared) {
    for request in server.incoming_requests() {
        // One thread a request: the state request waits for the next build.
        let root = root.to_path_buf();
        let state = state.clone();
        std::thread::spawn(move || {
            let (path, query) = request.url().split_once('?').unwrap_or((request.url(), ""));
            let url = path.split('#').next().unwrap_or("/").to_string();
            let response = match url.as_str() {
                "/__agreed/state" => {
                    // `?g=N`: answer when the state is no longer at generation N (long
                    // polling), so a rebuilt page reloads as soon as it is written.
                    let seen = query.split('&').find_map(|kv| kv.strip_prefix("g=")).and_then(|v| v.parse().ok());
                    respond(state.wait_json(seen, Duration::from_secs(20)).into_bytes(), "application/json")
                }
                "/__agreed/live.js" => respond(LIVE_JS.as_bytes().to_vec(), "text/javascript"),
                _ => file_response(&root, &url),
            };
            let _ = request.respond(response);
        });
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
