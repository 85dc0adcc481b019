//! How the CLI prints links: a table for people, JSON (the admin API's shapes) for programs.

use std::fmt::Write as _;

use crate::domain::JoinWith;
use crate::portal::{Codes, RoleLink, RoomLinks};

/// How links are printed.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Listing {
    /// Print JSON (the admin API's shapes) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also print the room codes of roles that join with per-visit tokens (codes never expire:
    /// whoever has one joins in that role).
    #[arg(long)]
    pub codes: bool,
}

impl Listing {
    pub(super) fn codes(self) -> Codes {
        if self.codes {
            Codes::All
        } else {
            Codes::OfCodeRoles
        }
    }
}

pub(super) fn print_links(links: &RoomLinks, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(links)?);
    } else {
        println!(
            "{} ({}, 100ms room {})",
            links.title, links.name, links.room_id
        );
        print!("{}", table(&links.links));
    }
    Ok(())
}

pub(super) fn print_link(link: &RoleLink, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(link)?);
    } else {
        print!("{}", table(std::slice::from_ref(link)));
    }
    Ok(())
}

fn table(links: &[RoleLink]) -> String {
    let header = ["ROLE", "CODE", "JOIN URL", "PREBUILT URL"];
    let rows: Vec<[&str; 4]> = links
        .iter()
        .map(|l| {
            [
                l.role.as_str(),
                l.code.as_deref().unwrap_or(match l.join_with {
                    JoinWith::Token => "(token)",
                    JoinWith::Code => "-",
                }),
                l.join_url.as_str(),
                l.prebuilt_url.as_deref().unwrap_or("-"),
            ]
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].len())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for row in std::iter::once(header).chain(rows) {
        let _ = writeln!(
            out,
            "{:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
    out
}
