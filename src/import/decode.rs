//! Bytes → text, without ever losing a character silently.
//!
//! UTF-8 (with or without a byte-order mark) is the norm. UTF-16 with a byte-order mark is
//! decoded as such. Anything else that is not valid UTF-8 is read as Windows-1252, the code
//! page of the office files these texts often pass through; that mapping is total (every byte
//! becomes one character), so the decoding is lossless, and the report says it happened. NUL
//! bytes (left by some extractors between pages) are dropped and counted.

use super::report::Report;

/// Decode a raw text; line ends are left for [`super::lines`].
pub fn decode(bytes: &[u8], report: &mut Report) -> String {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        report.repair(1, "byte-order-mark", "dropped the UTF-8 byte-order mark");
        utf8_or_1252(rest, report)
    } else if let Some(text) = utf16_with_bom(bytes) {
        report.repair(1, "utf16", "decoded UTF-16 text");
        text
    } else {
        utf8_or_1252(bytes, report)
    };
    drop_nul(text, report)
}

fn utf8_or_1252(bytes: &[u8], report: &mut Report) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count();
            report.uncertain(line, "windows-1252", "not valid UTF-8: read as Windows-1252; check accented letters");
            bytes.iter().map(|b| windows_1252(*b)).collect()
        }
    }
}

fn utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let little = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    Some(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect())
}

/// Windows-1252: Latin-1 except 0x80–0x9F, where it has typographic characters. The five
/// bytes it leaves undefined keep their Latin-1 (control) meaning, which keeps the map total.
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

fn drop_nul(text: String, report: &mut Report) -> String {
    let count = text.matches('\0').count();
    if count == 0 {
        return text;
    }
    report.repair(1, "nul-bytes", format!("dropped {count} NUL bytes"));
    text.replace('\0', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(bytes: &[u8]) -> (String, Report) {
        let mut r = Report::new(Path::new("t.txt"));
        (decode(bytes, &mut r), r)
    }

    #[test]
    fn utf8_with_bom_loses_only_the_bom() {
        let (t, r) = run(b"\xEF\xBB\xBFRecalling");
        assert_eq!(t, "Recalling");
        assert_eq!(r.repairs_by("byte-order-mark").len(), 1);
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252_with_a_warning() {
        let (t, r) = run(b"Lillestr\xF8m \x93quoted\x94");
        assert_eq!(t, "Lillestrøm “quoted”");
        assert_eq!(r.uncertainties[0].rule, "windows-1252");
    }

    #[test]
    fn utf16_little_endian_is_decoded() {
        let bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Notes".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(run(&bytes).0, "Notes");
    }

    #[test]
    fn nul_bytes_are_dropped_and_counted() {
        let (t, r) = run(b"Re\0calls\0");
        assert_eq!(t, "Recalls");
        assert!(r.repairs[0].detail.contains('2'));
    }
}
