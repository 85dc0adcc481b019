//! Turns the English catalogue's message ids into a Rust enum (`Msg`) and one method per
//! message on `Words`, so a page can only ask for messages that exist, with the variables they
//! take, and a view looks its words up by index rather than by hashing a name.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    let source = "locales/en.ftl";
    println!("cargo::rerun-if-changed={source}");
    let text = fs::read_to_string(source).expect("locales/en.ftl is readable");
    let messages = messages(&text);
    let mut out = String::new();
    out.push_str("/// A message of the catalogues (ids from `locales/en.ftl`).\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum Msg {\n");
    for (id, _) in &messages {
        let _ = writeln!(out, "    {},", camel(id));
    }
    out.push_str("}\n\nimpl Msg {\n    pub const ALL: &'static [Msg] = &[\n");
    for (id, _) in &messages {
        let _ = writeln!(out, "        Msg::{},", camel(id));
    }
    out.push_str("    ];\n\n    pub fn id(self) -> &'static str {\n        match self {\n");
    for (id, _) in &messages {
        let _ = writeln!(out, "            Msg::{} => {id:?},", camel(id));
    }
    out.push_str(
        "        }\n    }\n\n    /// Its variables, in the order its method takes them.\n",
    );
    out.push_str("    pub fn vars(self) -> &'static [&'static str] {\n        match self {\n");
    for (id, vars) in &messages {
        let _ = writeln!(out, "            Msg::{} => &{vars:?},", camel(id));
    }
    out.push_str("        }\n    }\n}\n\n#[allow(dead_code)]\nimpl Words {\n");
    for (id, vars) in &messages {
        let method = id.replace('-', "_");
        if vars.is_empty() {
            let _ = writeln!(
                out,
                "    /// `{id}`\n    pub fn {method}(&self) -> Html<'_> {{ self.text(Msg::{}) }}",
                camel(id)
            );
        } else {
            let params: Vec<String> = vars
                .iter()
                .map(|v| format!("{v}: impl ToArg<'a>"))
                .collect();
            let args: Vec<String> = vars.iter().map(|v| format!("{v}.to_arg()")).collect();
            let _ = writeln!(
                out,
                "    /// `{id}`\n    pub fn {method}<'a>(&'a self, {}) -> Filled<'a, {}> {{ self.fill(Msg::{}, [{}]) }}",
                params.join(", "),
                vars.len(),
                camel(id),
                args.join(", ")
            );
        }
    }
    out.push_str("}\n");
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("messages.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}

/// Each message's id and its variables in order of first use.
fn messages(text: &str) -> Vec<(String, Vec<String>)> {
    let mut messages: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let starts_message = line.starts_with(|c: char| c.is_ascii_lowercase());
        let body = if starts_message {
            let (id, rest) = line.split_once('=').expect("a message line has '='");
            messages.push((id.trim().to_owned(), Vec::new()));
            rest
        } else if line.starts_with(' ') {
            line
        } else {
            continue;
        };
        let Some((_, vars)) = messages.last_mut() else {
            continue;
        };
        for (at, _) in body.match_indices('$') {
            let name: String = body[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !vars.contains(&name) {
                vars.push(name);
            }
        }
    }
    messages
}

fn camel(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}
