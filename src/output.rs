//! Writing the site. Pages are written, in parallel, into a staging folder beside the output;
//! only when every page was written does the staging folder replace the previous site. A
//! failed build therefore leaves the previous `site/` untouched (Zola deletes it first).

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use anyhow::{bail, Context, Result};

/// A site being written; dropped without [`Staging::commit`], it removes itself.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    minify: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
}

/// What was written.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

impl Staging {
    /// Start a site that will replace `target`.
    pub fn create(target: &Path, minify: bool) -> Result<Staging> {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("failed to clear {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("failed to create {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            minify,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// Write straight into `dir`, with no swap: for `agreed serve`, which rewrites the pages an
    /// edit affects inside the site it is serving.
    pub fn in_place(dir: &Path, minify: bool) -> Result<Staging> {
        std::fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            target: dir.to_path_buf(),
            minify,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: true,
        })
    }

    /// Write one file at `rel` (a path relative to the site root, `/`-separated).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(checked_relative(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
        }
        let minified;
        let bytes = if self.minify && rel.ends_with(".html") {
            minified = minify(bytes);
            &minified
        } else {
            bytes
        };
        std::fs::write(&path, bytes).with_context(|| format!("failed to write {}", path.display()))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Write one file at `rel` by streaming into it: for the large data files, which would
    /// otherwise sit in memory whole before being written.
    pub fn write_with(&self, rel: &str, fill: impl FnOnce(&mut dyn std::io::Write) -> Result<()>) -> Result<()> {
        let path = self.dir.join(checked_relative(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
        }
        let file = std::fs::File::create(&path).with_context(|| format!("failed to create {}", path.display()))?;
        let mut out = CountingWriter { inner: std::io::BufWriter::with_capacity(1 << 16, file), bytes: 0 };
        fill(&mut out)?;
        std::io::Write::flush(&mut out).with_context(|| format!("failed to write {}", path.display()))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(out.bytes, Ordering::Relaxed);
        Ok(())
    }

    /// Replace the target with the staged site.
    pub fn commit(mut self) -> Result<Written> {
        if self.dir == self.target {
            return Ok(self.written());
        }
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        if self.target.exists() {
            std::fs::rename(&self.target, &old)
                .with_context(|| format!("failed to move the previous site {} aside", self.target.display()))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            let _ = std::fs::rename(&old, &self.target);
            return Err(e).with_context(|| format!("failed to move the new site into {}", self.target.display()));
        }
        self.committed = true;
        if old.exists() {
            remove_tree(&old).with_context(|| format!("failed to remove {}", old.display()))?;
        }
        Ok(self.written())
    }

    fn written(&self) -> Written {
        Written { files: self.files.load(Ordering::Relaxed), bytes: self.bytes.load(Ordering::Relaxed) }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Remove `dir` and everything in it, on every core: the previous site of a large corpus is
/// hundreds of thousands of files, and removing them one by one took a fifth of a rebuild.
/// Symbolic links are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

/// A path inside the site: relative, no `..`. Anything else is a bug or hostile content.
fn checked_relative(rel: &str) -> Result<&Path> {
    let path = Path::new(rel);
    if rel.is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        bail!("refusing to write outside the site: {rel:?}");
    }
    Ok(path)
}

/// Minify one HTML page. Inline CSS/JS are left alone: the theme's own files are already small.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_site_are_refused() {
        assert!(checked_relative("a/b/index.html").is_ok());
        assert!(checked_relative("../x").is_err());
        assert!(checked_relative("/etc/passwd").is_err());
        assert!(checked_relative("").is_err());
    }

    #[test]
    fn a_dropped_staging_leaves_the_previous_site_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("index.html"), "old").unwrap();
        {
            let staging = Staging::create(&site, false).unwrap();
            staging.write("index.html", b"new").unwrap();
        }
        assert_eq!(std::fs::read_to_string(site.join("index.html")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "no staging folder left behind");
        let staging = Staging::create(&site, false).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        let w = staging.commit().unwrap();
        assert_eq!(w.files, 1);
        assert!(!site.join("index.html").exists());
        assert_eq!(std::fs::read_to_string(site.join("a/index.html")).unwrap(), "new");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn removing_a_tree_removes_all_of_it_and_follows_no_link() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep.txt"), "keep").unwrap();
        let tree = tmp.path().join("old");
        for i in 0..50 {
            let dir = tree.join(format!("E/RES/{}/{i}", i % 7));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("index.html"), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, tree.join("E/link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(std::fs::read_to_string(outside.join("keep.txt")).unwrap(), "keep");
    }
}
