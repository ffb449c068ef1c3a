//! The HTML templates, compiled into the binary. File names end in `.html`, so minijinja
//! escapes every `{{ value }}` for HTML: OCR text and field values are untrusted.

use minijinja::{AutoEscape, Environment};

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // Escape everything whatever the name (belt and braces over the default for `.html`).
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    for (name, src) in [
        ("base.html", include_str!("templates/base.html")),
        ("queue.html", include_str!("templates/queue.html")),
        ("document.html", include_str!("templates/document.html")),
        ("patient.html", include_str!("templates/patient.html")),
        ("message.html", include_str!("templates/message.html")),
    ] {
        env.add_template(name, src)
            .expect("built-in template is valid");
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    #[test]
    fn values_are_escaped() {
        let env = environment();
        let html = env
            .get_template("message.html")
            .unwrap()
            .render(
                context! { title => "t", message => "<script>alert(1)</script>", status => 422 },
            )
            .unwrap();
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(!html.contains("<script>alert"));
    }
}
