//! The library's errors about how it was asked to run, as opposed to findings about a
//! casebook (a [`crate::Report`]): a path with no casebook, a file that is not there, a
//! request that cannot be met as given. The command layer decides what each means for the
//! exit code; the library never does.

use std::fmt;

/// How the library was asked to run went wrong; the message says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No casebook (`foi.yaml`) holds the path given.
    NoCasebook(String),
    /// No file or folder at a path given, or none of the kind wanted.
    NotFound(String),
    /// What was asked cannot be done as given: an option, casebooks that cannot go
    /// together, a format this build cannot make.
    Unusable(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::NoCasebook(message) | Error::NotFound(message) | Error::Unusable(message) => {
                f.write_str(message)
            }
        }
    }
}

impl std::error::Error for Error {}
