//! `attendance <room>` (or `--event`, `--invitation`): who came, when they left, how they got
//! in; as a table, JSON or CSV.

use anyhow::{Context, bail};

use crate::domain::{InvitationId, RoomName};
use crate::portal::Portal;
use crate::portal::attendance::{AttendanceReport, time_ms};
use crate::settings::Settings;

#[derive(Debug, Clone, clap::Args)]
pub struct AttendanceOptions {
    /// The room (or give --event or --invitation).
    room: Option<String>,
    /// An event's attendance.
    #[arg(long, conflicts_with_all = ["room", "invitation"], allow_hyphen_values = true)]
    event: Option<String>,
    /// One invitation's attendance.
    #[arg(long, conflicts_with = "room", allow_hyphen_values = true)]
    invitation: Option<String>,
    /// Joined at or after (RFC 3339; default 30 days ago).
    #[arg(long)]
    from: Option<String>,
    /// …and before (RFC 3339; default now).
    #[arg(long)]
    to: Option<String>,
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[arg(long)]
    json: bool,
}

pub async fn attendance(settings: &Settings, options: AttendanceOptions) -> anyhow::Result<()> {
    let portal = Portal::connect(settings).await?;
    let attendance = portal.attendance();
    let time = |flag: &str, text: &Option<String>| -> anyhow::Result<Option<i64>> {
        text.as_deref()
            .map(|t| time_ms(t).with_context(|| format!("{flag}: not an RFC 3339 time")))
            .transpose()
    };
    let report = match (&options.room, &options.event, &options.invitation) {
        (Some(room), None, None) => {
            let room = RoomName::parse(room).context("room")?;
            let (from, to) = (time("--from", &options.from)?, time("--to", &options.to)?);
            attendance.of_room(&room, from, to).await?
        }
        (None, Some(event), None) => attendance.of_event(event).await?,
        (None, None, Some(id)) => {
            let id = InvitationId::parse(id).context("--invitation")?;
            attendance.of_invitation(&id).await?
        }
        _ => bail!("name a room, or give --event ID or --invitation ID"),
    };
    print(&report, &options)
}

fn print(report: &AttendanceReport, options: &AttendanceOptions) -> anyhow::Result<()> {
    if options.json {
        println!("{}", serde_json::to_string_pretty(report)?);
        return Ok(());
    }
    if options.csv {
        print!("{}", crate::portal::csv::write(&report.rows()));
        return Ok(());
    }
    println!(
        "{:<24} {:<10} {:<12} {:<24} {:<24} {:>8}  REASON",
        "NAME", "ROLE", "HOW", "JOINED (UTC)", "LEFT", "MINUTES"
    );
    for a in &report.attendees {
        println!(
            "{:<24} {:<10} {:<12} {:<24} {:<24} {:>8}  {}",
            a.name.as_deref().unwrap_or("-"),
            a.role.as_deref().unwrap_or("-"),
            a.how,
            a.joined_at.as_deref().unwrap_or("-"),
            a.left_at.as_deref().unwrap_or("(still there)"),
            a.duration_secs
                .map_or("-".to_owned(), |d| (d / 60).to_string()),
            a.reason.as_deref().unwrap_or("")
        );
    }
    println!(
        "{} people in {} sessions",
        report.attendees.len(),
        report.sessions
    );
    Ok(())
}
