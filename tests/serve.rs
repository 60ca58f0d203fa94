//! `agreed serve`: an edit of a content file shows up in the served page, and a broken edit is
//! reported through the live-reload state while the last good site stays served.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut body = String::new();
    stream.read_to_string(&mut body).unwrap();
    body
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < Duration::from_secs(30), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_edited_paragraph_is_rebuilt_and_served() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for entry in walkdir::WalkDir::new(common::repo().join("tests/fixtures/sites/basic")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(common::repo().join("tests/fixtures/sites/basic")).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(root.join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), root.join(rel)).unwrap();
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_agreed"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let sink = log.clone();
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| sink.lock().unwrap().push(l)));

    let page = get(&addr, "/E/RES/2031/2/5/index.html");
    assert!(page.starts_with("HTTP/1.0 200") || page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("paragraph 1 above") && page.contains("/__agreed/live.js"));
    let state = get(&addr, "/__agreed/state");
    assert!(state.contains("\"version\":0"), "{state}");

    // A browser waiting on the state (long polling) is answered when the rebuild is done.
    let generation = state.split("\"generation\":").nth(1).unwrap().split([',', '}']).next().unwrap().to_string();
    let waiting_addr = addr.clone();
    let waiting = std::thread::spawn(move || get(&waiting_addr, &format!("/__agreed/state?g={generation}")));

    // Saved the way editors and `sed -i` save: a temporary file renamed over the original.
    let file = root.join("content/resolutions/E-RES-2031-2.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let temp = root.join("content/resolutions/.E-RES-2031-2.md.swp");
    std::fs::write(&temp, text.replace("paragraph 1 above.", "paragraph 1 above, as amended.")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    wait_for("the edited page", || get(&addr, "/E/RES/2031/2/5/index.html").contains("as amended"));
    assert!(waiting.join().unwrap().contains("\"version\":1"), "the waiting browser hears of the rebuild");
    wait_for("the rebuild report", || log.lock().unwrap().iter().any(|l| l.contains("site-wide files done")));
    let report = log.lock().unwrap().join("\n");
    assert!(
        report.contains("rebuilt 1 changed file(s): the pages of 1 series"),
        "an edit rebuilds only its series:\n{report}"
    );
    assert!(get(&addr, "/E/RES/2031/2/index.html").contains("as amended"));
    assert!(get(&addr, "/__agreed/state").contains("\"error\":null"));

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("5. *Recalls*", "1. *Recalls*")).unwrap();
    wait_for("the build error", || get(&addr, "/__agreed/state").contains("numbered twice"));
    assert!(get(&addr, "/E/RES/2031/2/5/index.html").contains("as amended"), "the last good page is still served");
    drop(server);
}
