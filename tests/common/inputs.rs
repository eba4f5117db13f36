//! Inputs that are hard on `foi`, as proptest strategies: YAML documents keyed by the
//! casebook's own keys, YAML-looking text, and text full of what Markdown, HTML, Typst and
//! terminals treat specially. Shared by `tests/no_panic.rs` and `tests/fuzz.rs`.

use foi::schema::FileKind;
use proptest::prelude::*;
use serde_yaml::Value as Yaml;

/// Every key the schemas know, plus a few that are nearly right.
pub fn keys() -> Vec<String> {
    fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                    out.extend(properties.keys().cloned());
                }
                map.values().for_each(|v| collect(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for kind in FileKind::ALL {
        collect(kind.schema(), &mut out);
    }
    out.extend(["titel", "agentz", "<<", "", "withold"].map(String::from));
    out.sort();
    out.dedup();
    out
}

/// Scalars that mean something to the checks, and some that are merely awkward.
pub fn scalar() -> impl Strategy<Value = Yaml> {
    prop_oneof![
        Just(Yaml::Null),
        any::<bool>().prop_map(Yaml::Bool),
        any::<i64>().prop_map(|n| Yaml::Number(n.into())),
        any::<f64>().prop_map(|n| Yaml::Number(n.into())),
        prop::sample::select(vec![
            "standard",
            "contact-centre",
            "inbound-network",
            "foia",
            "foisa",
            "senior",
            "junior",
            "s43-2",
            "s21",
            "s12",
            "s14-1",
            "s14-2",
            "s33-1-b",
            "2024-02-29",
            "2023-02-30",
            "supplier",
            "agents",
            "contact",
            "https://example.gov.uk/x",
            "www.example",
            "about 700",
            "£12,000",
            "Casey Ford",
            "robin@example.com",
            "3 years",
            "iv",
            "(b)",
            "",
            " ",
            "\u{0}",
            "\u{1b}[31m",
            "é",
            "{{ x }}",
        ])
        .prop_map(|s| Yaml::String(s.to_owned())),
        ".{0,40}".prop_map(Yaml::String),
    ]
}

/// YAML documents of any shape, keyed mostly by the casebook's own keys.
pub fn document() -> impl Strategy<Value = Yaml> {
    let keys = keys();
    scalar().prop_recursive(6, 96, 8, move |inner| {
        let keys = keys.clone();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Yaml::Sequence),
            prop::collection::vec((prop::sample::select(keys), inner), 0..8).prop_map(|entries| {
                Yaml::Mapping(entries.into_iter().map(|(k, v)| (Yaml::String(k), v)).collect())
            }),
        ]
    })
}

/// YAML-looking text: the punctuation that makes syntax errors, in any order.
pub fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\n".to_owned()),
            Just("  ".to_owned()),
            Just("- ".to_owned()),
            Just(": ".to_owned()),
            prop::sample::select(vec![
                "[",
                "]",
                "{",
                "}",
                ",",
                "#",
                "&a ",
                "*a",
                "!t ",
                "|",
                ">",
                "'",
                "\"",
                "---",
                "? ",
                "%YAML 1.2\n",
                "\t",
                "\\",
                "<<: "
            ])
            .prop_map(str::to_owned),
            prop::sample::select(keys()).prop_map(|k| format!("{k}: ")),
            "[a-z0-9 ]{0,8}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// Text made of what renderers, terminals and parsers treat specially: Markdown and HTML
/// syntax, Typst markup, template delimiters, control and bidirectional characters,
/// non-characters, wide and combining characters, line breaks of every kind, and long runs.
pub fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "<script>alert(1)</script>",
            "<b>",
            "&amp;",
            "*",
            "**",
            "_",
            "`",
            "```",
            "[x](javascript:alert(1))",
            "[a](https://example.org/a)b)",
            "https://example.org/(x",
            "# ",
            "## ",
            "- ",
            "1. ",
            "> ",
            "|",
            "$",
            "#import \"x\": *",
            "@ref",
            "<label>",
            "\\",
            "{{ r }}",
            "{% if %}",
            "{#",
            "\u{0}",
            "\u{7}",
            "\u{1b}[2J",
            "\u{202e}",
            "\u{200b}",
            "\u{fffe}",
            "\u{ffff}",
            "\u{feff}",
            "\u{301}",
            "é",
            "東京",
            "👩‍👩‍👧",
            "\r\n",
            "\n",
            "\r",
            "\t",
            "\u{2028}",
            "  ",
            "Casey Ford",
            "robin.ashdown@example.com",
            "01632 960517",
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,12}",
        (1usize..1500).prop_map(|n| "x".repeat(n)),
        (1usize..400).prop_map(|n| "word ".repeat(n)),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}
