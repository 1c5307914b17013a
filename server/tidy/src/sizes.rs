//! No production file grows past [`MAX_LINES`]: past that a file holds more
//! than one job, and a reader can no longer keep it in mind.

use crate::tree::SourceFile;

pub const MAX_LINES: usize = 600;

/// Files exempt from the limit, from the repository root. The catalogue's
/// tables are data (one entry per function, enum, rule, variable or
/// directive of the language, in its order), not logic: cutting them up
/// would only scatter one list over several files.
pub const DATA_TABLES: &[&str] = &[
    "server/catalogue/src/functions.rs",
    "server/catalogue/src/enums.rs",
    "server/catalogue/src/rules.rs",
    "server/catalogue/src/variables.rs",
    "server/catalogue/src/directives.rs",
];

pub fn line_count(text: &str) -> usize {
    text.lines().count()
}

/// Each production file over the limit, as shown in reports, with its
/// number of lines.
pub fn oversized(files: &[SourceFile]) -> Vec<(String, usize)> {
    files
        .iter()
        .filter(|file| file.is_production())
        .map(|file| (file.shown(), line_count(&file.text)))
        .filter(|(shown, lines)| *lines > MAX_LINES && !DATA_TABLES.contains(&shown.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(count: usize) -> String {
        (0..count).map(|line| format!("// {line}\n")).collect()
    }

    #[test]
    fn a_production_file_one_line_over_the_limit_is_listed_with_its_length() {
        let files = [
            SourceFile::new("server/x", "src/fits.rs", &lines(MAX_LINES)),
            SourceFile::new("server/x", "src/long.rs", &lines(MAX_LINES + 1)),
            SourceFile::new("server/x", "src/a/longer.rs", &lines(MAX_LINES + 50)),
        ];
        assert_eq!(
            oversized(&files),
            [
                ("server/x/src/long.rs".to_owned(), 601),
                ("server/x/src/a/longer.rs".to_owned(), 650),
            ]
        );
    }

    #[test]
    fn tests_and_data_tables_may_be_long() {
        let long = lines(MAX_LINES + 1);
        let files = [
            SourceFile::new("server/x", "src/tests.rs", &long),
            SourceFile::new("server/x", "src/a/tests/cases.rs", &long),
            SourceFile::new("server/x", "tests/it.rs", &long),
            SourceFile::new("server/x", "benches/b.rs", &long),
            SourceFile::new("server/catalogue", "src/rules.rs", &long),
        ];
        let found = oversized(&files);
        assert!(found.is_empty(), "{found:?}");
    }
}
