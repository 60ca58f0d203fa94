//! From what a text names to a UN document symbol and a URL.
//!
//! A resolution reference names a body and a number ("General Assembly resolution 70/125",
//! "its resolution 2024/13", "resolution 217 A (III)"); the symbol follows the UN's own
//! conventions, so the same symbol finds a resolution of the content and, failing that, the
//! official page on the UN documents site. The WSIS outcome documents are not UN-numbered
//! resolutions: they carry ITU-hosted WSIS symbols and their official pages are at the ITU.

/// The UN documents site: `https://docs.un.org/en/<SYMBOL>` opens the official record.
pub const UN_DOCS: &str = "https://docs.un.org/en/";

/// The organ that adopted a text, which decides what "its resolution" and "the Council" mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organ {
    GeneralAssembly,
    Ecosoc,
    SecurityCouncil,
    HumanRightsCouncil,
    Unknown,
}

impl Organ {
    /// The organ of a resolution from its symbol: `A/RES/…` the Assembly, `E/RES/…` the Council.
    pub fn of_symbol(symbol: &str) -> Organ {
        if symbol.starts_with("A/HRC/") {
            Organ::HumanRightsCouncil
        } else if symbol.starts_with("A/") {
            Organ::GeneralAssembly
        } else if symbol.starts_with("E/") {
            Organ::Ecosoc
        } else if symbol.starts_with("S/") {
            Organ::SecurityCouncil
        } else {
            Organ::Unknown
        }
    }
}

/// How a resolution number is written, which tells the organ when the text does not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResNumber {
    /// `2024/13`: ECOSOC numbers its resolutions by year since 1978.
    YearNumber(String),
    /// `70/125`, `ES-10/1`: the General Assembly numbers by session since 1976.
    SessionNumber(String),
    /// `217 A (III)`, `1296 (XLIV)`: the older style, number and Roman session.
    Roman { number: String, session: String },
    /// `1325 (2000)`: the Security Council style.
    NumberYear { number: String, year: String },
}

/// The symbol of a resolution: named organ first, then the shape of the number, then the
/// organ of the citing text for the one shape both organs used (Roman sessions).
pub fn resolution_symbol(named: Option<Organ>, number: &ResNumber, citing: Organ) -> String {
    let organ = named.unwrap_or(match number {
        ResNumber::YearNumber(_) => Organ::Ecosoc,
        ResNumber::SessionNumber(_) => Organ::GeneralAssembly,
        ResNumber::NumberYear { .. } => Organ::SecurityCouncil,
        ResNumber::Roman { .. } => match citing {
            Organ::Ecosoc => Organ::Ecosoc,
            _ => Organ::GeneralAssembly,
        },
    });
    let prefix = match organ {
        Organ::Ecosoc => "E/RES/",
        Organ::SecurityCouncil => "S/RES/",
        Organ::HumanRightsCouncil => "A/HRC/RES/",
        Organ::GeneralAssembly | Organ::Unknown => "A/RES/",
    };
    let tail = match number {
        ResNumber::YearNumber(n) | ResNumber::SessionNumber(n) => n.clone(),
        // The UN writes the old style without the letter of the part and without spaces:
        // "217 A (III)" is A/RES/217(III), "1325 (2000)" is S/RES/1325(2000).
        ResNumber::Roman { number, session } => format!("{number}({session})"),
        ResNumber::NumberYear { number, year } => format!("{number}({year})"),
    };
    format!("{prefix}{tail}")
}

/// The official page of a UN document. A joint symbol (`A/80/62-E/2025/12`) is one document
/// issued under two symbols; the site knows it by the first.
pub fn un_url(symbol: &str) -> String {
    format!("{UN_DOCS}{}", joint_parts(symbol)[0])
}

/// The symbols a joint symbol is made of: `A/67/65/Corr.1-E/2012/48/Corr.1` → both halves.
/// A hyphen inside a part (`ES-10`, `6(Rev.1)-E`) does not split it: only one followed by
/// the series letter of a principal organ and a slash does.
pub fn joint_parts(symbol: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = symbol.as_bytes();
    for (i, _) in symbol.match_indices('-') {
        let rest = &bytes[i + 1..];
        if rest.len() > 2 && matches!(rest[0], b'A' | b'E' | b'S') && rest[1] == b'/' && i > start {
            parts.push(&symbol[start..i]);
            start = i + 1;
        }
    }
    parts.push(&symbol[start..]);
    parts
}

/// One of the four outcome documents of the World Summit on the Information Society.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub name: &'static str,
    pub symbol: &'static str,
    pub url: &'static str,
}

pub const GENEVA_DECLARATION: Outcome = Outcome {
    name: "Geneva Declaration of Principles",
    symbol: "WSIS-03/GENEVA/DOC/4-E",
    url: "https://www.itu.int/net/wsis/docs/geneva/official/dop.html",
};
pub const GENEVA_PLAN: Outcome = Outcome {
    name: "Geneva Plan of Action",
    symbol: "WSIS-03/GENEVA/DOC/5-E",
    url: "https://www.itu.int/net/wsis/docs/geneva/official/poa.html",
};
pub const TUNIS_COMMITMENT: Outcome = Outcome {
    name: "Tunis Commitment",
    symbol: "WSIS-05/TUNIS/DOC/7-E",
    url: "https://www.itu.int/net/wsis/docs2/tunis/off/7.html",
};
pub const TUNIS_AGENDA: Outcome = Outcome {
    name: "Tunis Agenda for the Information Society",
    symbol: "WSIS-05/TUNIS/DOC/6(Rev.1)-E",
    url: "https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html",
};

pub const OUTCOMES: [Outcome; 4] = [GENEVA_DECLARATION, GENEVA_PLAN, TUNIS_COMMITMENT, TUNIS_AGENDA];

/// The outcome document a symbol names, if any.
pub fn outcome_by_symbol(symbol: &str) -> Option<Outcome> {
    OUTCOMES.iter().copied().find(|o| o.symbol == symbol)
}

/// The official page of any symbol: the ITU page for the WSIS outcome documents, the UN
/// documents site for everything else.
pub fn official_url(symbol: &str) -> String {
    match outcome_by_symbol(symbol) {
        Some(o) => o.url.to_string(),
        None => un_url(symbol),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_shapes_decide_the_organ_when_the_text_does_not() {
        let n = |s: &str| ResNumber::YearNumber(s.into());
        assert_eq!(resolution_symbol(None, &n("2024/13"), Organ::Ecosoc), "E/RES/2024/13");
        let s = ResNumber::SessionNumber("70/125".into());
        assert_eq!(resolution_symbol(None, &s, Organ::Ecosoc), "A/RES/70/125");
        let r = ResNumber::Roman { number: "217".into(), session: "III".into() };
        assert_eq!(resolution_symbol(Some(Organ::GeneralAssembly), &r, Organ::Ecosoc), "A/RES/217(III)");
        assert_eq!(resolution_symbol(None, &r, Organ::Ecosoc), "E/RES/217(III)");
        let y = ResNumber::NumberYear { number: "1325".into(), year: "2000".into() };
        assert_eq!(resolution_symbol(None, &y, Organ::GeneralAssembly), "S/RES/1325(2000)");
    }

    #[test]
    fn joint_symbols_split_only_between_organ_series() {
        assert_eq!(joint_parts("A/80/62-E/2025/12"), vec!["A/80/62", "E/2025/12"]);
        assert_eq!(joint_parts("A/67/65/Corr.1-E/2012/48/Corr.1"), vec!["A/67/65/Corr.1", "E/2012/48/Corr.1"]);
        assert_eq!(joint_parts("A/RES/ES-10/1"), vec!["A/RES/ES-10/1"]);
        assert_eq!(un_url("A/80/62-E/2025/12"), "https://docs.un.org/en/A/80/62");
        assert_eq!(official_url("WSIS-05/TUNIS/DOC/6(Rev.1)-E"), TUNIS_AGENDA.url);
    }
}
