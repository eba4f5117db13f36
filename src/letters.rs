//! The kinds of letter foi writes, as one table: each kind's id (as the JSON output and the
//! templates see it), its templates and its title: the response, and the letters of the
//! stages around it (acknowledgement, clarification, extension notice, internal review). A new kind of
//! letter is its templates, a row of [`LetterKind::ALL`] and its stage in `rules`.

use std::fmt;

use serde::Serialize;

use crate::model::Layout;

/// A kind of letter: a row of [`LetterKind::ALL`]. Two kinds are the same when their ids are.
#[derive(Clone, Copy)]
pub struct LetterKind {
    /// The id, as the JSON output (`"letter"`) and the templates (`letter`) see it.
    pub id: &'static str,
    /// How the letter names itself in a document's properties: a Word letter's subject is
    /// "`title` to request REF under the Act".
    pub title: &'static str,
    /// What the letter says, for `--help` and `foi templates list`.
    pub description: &'static str,
    /// The Markdown template of each layout, which the HTML, text and Word letters are made
    /// from.
    pub markdown: LayoutTemplates,
    /// The Typst template of the PDF letter.
    pub typst: &'static str,
}

/// A letter's Markdown template for each layout.
#[derive(Debug, Clone, Copy)]
pub struct LayoutTemplates {
    /// Answers under each question.
    pub inline: &'static str,
    /// One annex section per exemption.
    pub annex: &'static str,
}

impl LetterKind {
    /// Every kind of letter.
    pub const ALL: &'static [LetterKind] = &[
        LetterKind {
            id: "response",
            title: "Our response",
            description: "the response to the request (the default)",
            markdown: LayoutTemplates { inline: "inline.md", annex: "annex.md" },
            typst: "letter.typ",
        },
        LetterKind {
            id: "acknowledgement",
            title: "Acknowledgement",
            description: "that the request arrived, and when the reply is due",
            markdown: LayoutTemplates { inline: "acknowledgement.md", annex: "acknowledgement.md" },
            typst: "letter.typ",
        },
        LetterKind {
            id: "clarification",
            title: "Request for clarification",
            description: "what is unclear about the request (s.1(3)), from `clarification-sought:`",
            markdown: LayoutTemplates { inline: "clarification.md", annex: "clarification.md" },
            typst: "letter.typ",
        },
        LetterKind {
            id: "extension",
            title: "Public interest extension notice",
            description: "more time to weigh the public interest (FOIA s.17(2)), from `extension:`",
            markdown: LayoutTemplates { inline: "extension.md", annex: "extension.md" },
            typst: "letter.typ",
        },
        LetterKind {
            id: "review",
            title: "Internal review outcome",
            description: "the outcome of an internal review, question by question, from `review:`",
            markdown: LayoutTemplates { inline: "review.md", annex: "review.md" },
            typst: "letter.typ",
        },
    ];

    /// The response to a request: the letter every request gets.
    pub const RESPONSE: LetterKind = LetterKind::ALL[0];

    /// The kind whose id is `id`.
    pub fn named(id: &str) -> Option<LetterKind> {
        Self::ALL.iter().copied().find(|kind| kind.id == id)
    }

    /// The Markdown template of `layout`.
    pub fn markdown_template(self, layout: Layout) -> &'static str {
        match layout {
            Layout::Inline => self.markdown.inline,
            Layout::Annex => self.markdown.annex,
        }
    }
}

impl PartialEq for LetterKind {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for LetterKind {}

impl fmt::Debug for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LetterKind({})", self.id)
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// Written as its id.
impl Serialize for LetterKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_unique_id_and_built_in_templates() {
        let mut ids: Vec<&str> = LetterKind::ALL.iter().map(|kind| kind.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), LetterKind::ALL.len(), "two kinds of letter share an id");
        let builtin: Vec<&str> = crate::templates::BUILTIN.iter().map(|(name, _)| *name).collect();
        for kind in LetterKind::ALL {
            for template in [kind.markdown.inline, kind.markdown.annex, kind.typst] {
                assert!(builtin.contains(&template), "{kind}: no built-in template {template}");
            }
            assert_eq!(LetterKind::named(kind.id), Some(*kind));
        }
    }
}
