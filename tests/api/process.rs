//! The real binary as a child process, for what only a whole process shows: logs, signals.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("prebuilt-portal")
}

pub struct Portal {
    pub child: Child,
    lines: mpsc::Receiver<String>,
    log: String,
    pub port: u16,
    pub emulator_port: u16,
}

impl Portal {
    /// Starts `command` (the binary, with its environment) as `serve` on free ports and waits for
    /// both "listening" log lines. Its store is in memory unless the command names one.
    pub fn start(mut command: Command) -> Self {
        let store_given = command
            .get_envs()
            .any(|(key, value)| key == "PORTAL__STORE__URL" && value.is_some());
        if !store_given {
            command.env("PORTAL__STORE__URL", "sqlite::memory:");
        }
        let mut child = command
            .env("PORTAL__SERVER__PORT", "0")
            .env("PORTAL__EMULATOR__PORT", "0")
            .env("PORTAL__METRICS__PORT", "0")
            .arg("serve")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the portal starts");
        let (sender, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stderr.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stdout.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
        }
        let mut portal = Self {
            child,
            lines,
            log: String::new(),
            port: 0,
            emulator_port: 0,
        };
        while portal.port == 0 || portal.emulator_port == 0 {
            let line = portal
                .lines
                .recv_timeout(Duration::from_secs(20))
                .expect("the portal logs that it listens");
            // Text ("port=8080 …") or JSON ("\"port\":8080,…") log lines.
            let port = line
                .split("port=")
                .nth(1)
                .or_else(|| line.split("\"port\":").nth(1))
                .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|p| p.parse().ok());
            if line.contains("emulator is listening") {
                portal.emulator_port = port.unwrap();
            } else if line.contains("prebuilt-portal is listening") {
                portal.port = port.unwrap();
            }
            portal.log.push_str(&line);
            portal.log.push('\n');
        }
        portal
    }

    /// Waits up to `limit` for a log line containing `needle`; whether one came.
    pub fn wait_for_line(&mut self, needle: &str, limit: Duration) -> bool {
        let started = std::time::Instant::now();
        while let Some(left) = limit.checked_sub(started.elapsed()) {
            let Ok(line) = self.lines.recv_timeout(left) else {
                return false;
            };
            self.log.push_str(&line);
            self.log.push('\n');
            if line.contains(needle) {
                return true;
            }
        }
        false
    }

    /// Its address, e.g. `http://127.0.0.1:41234`.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Kills the process; everything it logged.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(2)) {
            self.log.push_str(&line);
            self.log.push('\n');
        }
        self.log
    }
}

impl Portal {
    /// Waits for the process to exit (after a signal) and returns its exit status and log.
    pub fn wait(mut self) -> (std::process::ExitStatus, String) {
        let status = self.child.wait().expect("the portal exits");
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(2)) {
            self.log.push_str(&line);
            self.log.push('\n');
        }
        (status, self.log)
    }
}
