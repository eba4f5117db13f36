//! Resolved response → documents in memory. One file per format.
//!
//! Renderers return text; they never touch the disk (`write` does).

pub mod markdown;

use minijinja::Environment;

/// A template error as the user should see it: which template, which line, what is wrong.
/// An error inside an included or imported template is reported where it happens.
pub(crate) fn template_error(is_override: impl Fn(&str) -> bool, err: &minijinja::Error) -> anyhow::Error {
    let mut innermost = err;
    let mut source = std::error::Error::source(err);
    while let Some(next) = source {
        if let Some(inner) = next.downcast_ref::<minijinja::Error>() {
            if inner.name().is_some() {
                innermost = inner;
            }
        }
        source = next.source();
    }
    let mut message = String::new();
    if let Some(name) = innermost.name() {
        let origin = if is_override(name) {
            format!("templates/{name}")
        } else {
            format!("(built in) templates/{name}")
        };
        message.push_str(&origin);
        if let Some(line) = innermost.line() {
            message.push_str(&format!(":{line}"));
        }
        message.push_str(": ");
    }
    message.push_str(&innermost.kind().to_string());
    if let Some(detail) = innermost.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    anyhow::anyhow!(message)
}

/// Whether the environment's loader found `name` in the casebook rather than built in.
pub(crate) fn is_override(root: Option<&std::path::Path>, name: &str) -> bool {
    root.is_some_and(|root| root.join("templates").join(name).is_file())
}

/// Renders the named template with `context`, reporting errors with their template and line.
pub(crate) fn render_template<S: serde::Serialize>(
    env: &Environment<'_>,
    root: Option<&std::path::Path>,
    name: &str,
    context: &S,
) -> anyhow::Result<String> {
    let fail = |err: minijinja::Error| template_error(|n| is_override(root, n), &err);
    let template = env.get_template(name).map_err(fail)?;
    template.render(minijinja::Value::from(minijinja::value::Serde(context))).map_err(fail)
}
