//! Permanent addresses. The only place that decides how a paragraph, a footnote or a
//! resolution is addressed, because `site-contract.md` promises these never change.
//!
//! - preambular paragraphs: `pp1`, `pp2`, …
//! - operative paragraphs: their printed number, `29`, `12bis`
//! - sub-paragraphs: chapeau number and letter, `116a`
//! - footnotes: `fn5`
//! - a resolution `E/RES/2025/18` lives in the folder `E/RES/2025/18/`.

pub fn preambular(n: usize) -> String {
    format!("pp{n}")
}

pub fn operative(printed: &str) -> String {
    printed.to_string()
}

pub fn subparagraph(parent: &str, letter: &str) -> String {
    format!("{parent}{letter}")
}

pub fn footnote_anchor(label: &str) -> String {
    format!("fn{label}")
}

/// The folder of a resolution under `site/`: the symbol's parts, each made safe for a file
/// name (a symbol never contains `..`, but a typo must not write outside the site).
pub fn resolution_path(symbol: &str) -> String {
    // Nearly every symbol is already a path (this runs for every link of every page).
    let plain = |part: &str| !part.is_empty() && part.bytes().any(|b| b != b'.');
    if symbol.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'/')
        && symbol.split('/').all(plain)
    {
        return symbol.to_string();
    }
    symbol
        .split('/')
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' })
                .collect::<String>()
        })
        .map(|part| if part.chars().all(|c| c == '.') { "_".to_string() } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

/// AKN4UN style name of a symbol: `E/RES/2025/18` → `E-RES-2025-18`.
pub fn symbol_slug(symbol: &str) -> String {
    resolution_path(symbol).replace('/', "-")
}

/// Is this a well-formed anchor for an operative paragraph (`12`, `12bis`)?
pub fn is_operative_number(s: &str) -> bool {
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && s[digits..].chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_the_contract() {
        assert_eq!(preambular(3), "pp3");
        assert_eq!(operative("29"), "29");
        assert_eq!(subparagraph("116", "a"), "116a");
        assert_eq!(footnote_anchor("5"), "fn5");
    }

    #[test]
    fn resolution_path_mirrors_the_symbol_and_stays_inside_the_site() {
        assert_eq!(resolution_path("E/RES/2025/18"), "E/RES/2025/18");
        assert_eq!(resolution_path("A/RES/70/125"), "A/RES/70/125");
        assert_eq!(resolution_path("E/CN.16/2018/CRP.3"), "E/CN.16/2018/CRP.3");
        assert_eq!(resolution_path("../x/../../y"), "_/x/_/_/y");
        assert_eq!(symbol_slug("E/RES/2025/18"), "E-RES-2025-18");
    }
}
