//! A request's reference: the one rule for what a usable one is.
//!
//! The reference names the response's files in a batch (`FOIR-467737865.html`) and on the
//! disclosure log (`responses/FOIR-467737865.html`), so `foi check`, `foi render`, the batch
//! and `foi publish` all take it from here: a reference that could name a path, that leaves
//! no file name, or whose file name another request's reference also gives (`FOI 1` and
//! `FOI:1` both become `FOI-1`; `A` and `a` are one file where case is ignored) is refused
//! the same way everywhere, with the same words.

/// Longest file name a reference may give: the reference is someone's case number, and
/// file systems and web servers cope badly with long names.
pub const MAX_NAME: usize = 120;

/// How to write a reference, for hints.
pub const HINT: &str = "a reference names the response's files: use letters, digits, `-`, `_` and `.` \
                        (anything else becomes `-`), and no `/`, `\\` or leading `.`";

/// The file name (without extension) for `reference`: the reference with anything but
/// letters, digits, `-`, `_` and `.` replaced by `-`, dashes at either end dropped. A
/// reference that could name a path (a `/` or `\`, a leading `.`, a `..`) is refused rather
/// than mangled, as is one that leaves nothing usable or is too long.
pub fn file_name(reference: &str) -> Result<String, String> {
    if reference.contains(['/', '\\']) || reference.starts_with('.') || reference.contains("..") {
        return Err(format!("reference `{reference}` could name a path outside the output folder"));
    }
    let name = sanitise(reference);
    if name.is_empty() {
        return Err(format!("reference `{reference}` leaves no usable file name"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("reference `{reference}` is longer than {MAX_NAME} characters"));
    }
    if name.starts_with('.') {
        return Err(format!("reference `{reference}` would name a hidden file"));
    }
    Ok(name)
}

/// `text` with anything but ASCII letters, digits, `-`, `_` and `.` replaced by `-`, and
/// dashes at either end dropped.
pub fn sanitise(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' })
        .collect();
    mapped.trim_matches('-').to_owned()
}

/// What two file names must not share: one file where case is ignored (macOS, Windows).
pub fn clash_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The message for two references that give one file name.
pub fn clash(reference: &str, name: &str, other: &str, other_file: &str) -> String {
    if reference.eq_ignore_ascii_case(other) {
        format!("reference `{reference}` is also used by {other_file}")
    } else {
        format!(
            "reference `{reference}` gives the same file name as `{other}` in {other_file} (both become \
             `{name}`): one would overwrite the other"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_become_safe_file_names() {
        assert_eq!(file_name("FOIR-467737865"), Ok("FOIR-467737865".into()));
        assert_eq!(file_name("FOI 2023 (12)"), Ok("FOI-2023--12".into()));
        assert_eq!(file_name("FOI:1"), file_name("FOI 1"));
        for bad in ["../../x", "/etc/x", "a\\b", "..\\..\\x", ".hidden", "x/", "-", "...", "***", "-.x"] {
            assert!(file_name(bad).is_err(), "{bad}");
        }
        assert!(file_name(&"x".repeat(MAX_NAME + 1)).is_err());
        assert_eq!(clash_key("FOI-1"), clash_key("foi-1"));
    }
}
