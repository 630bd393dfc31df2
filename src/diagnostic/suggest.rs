//! "Did you mean": the closest of a few known names to a misspelt one, by
//! Levenshtein distance (`strsim`).

/// The closest of `candidates` to `name` (compared in lower case), if it is within
/// a small edit distance: 2, or a third of the candidate's length for long names.
pub fn did_you_mean<'k>(name: &str, candidates: &[&'k str]) -> Option<&'k str> {
    let name = name.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&name, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_close_name_only() {
        let keys = ["title", "tags", "see_also", "excerpt"];
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("Title", &keys), Some("title"));
        assert_eq!(did_you_mean("see-also", &keys), Some("see_also"));
        assert_eq!(did_you_mean("tag", &keys), Some("tags"));
        assert_eq!(did_you_mean("xyzzy", &keys), None);
        assert_eq!(did_you_mean("anything", &[]), None);
    }
}
