//! The log writer: request threads append lines to a shared buffer and never wait on the
//! terminal or disk, nor wake anyone per line; a background thread writes the buffer out every
//! few milliseconds while lines keep coming, and sleeps while none do. (tracing-appender's
//! writer woke its thread for nearly every line under load: about 7 % of a cached page view.)

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::thread::{self, JoinHandle, Thread};
use std::time::Duration;

/// How long lines gather before they are written, while they keep coming.
const GATHER: Duration = Duration::from_millis(20);
/// Past this much unwritten output (the output is stuck), new lines are dropped, not queued.
const MAX_PENDING: usize = 8 * 1024 * 1024;

static DROPPED_LINES: AtomicU64 = AtomicU64::new(0);

/// Lines dropped so far in this process because the output was stuck.
pub fn dropped_lines() -> u64 {
    DROPPED_LINES.load(Ordering::Relaxed)
}

struct Shared {
    pending: Mutex<Vec<u8>>,
    /// The writer thread is parked until a line arrives.
    idle: AtomicBool,
    stopping: AtomicBool,
    flusher: OnceLock<Thread>,
}

impl Shared {
    fn pending(&self) -> MutexGuard<'_, Vec<u8>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A cheap handle for appending whole lines; clone it freely.
#[derive(Clone)]
pub struct LineWriter {
    shared: Arc<Shared>,
}

/// Writes what is left and stops the writer thread when dropped: keep it until exit.
pub struct FlushGuard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// Starts the writer thread for `out`.
pub fn spawn(mut out: impl Write + Send + 'static) -> io::Result<(LineWriter, FlushGuard)> {
    let shared = Arc::new(Shared {
        pending: Mutex::new(Vec::with_capacity(64 * 1024)),
        idle: AtomicBool::new(false),
        stopping: AtomicBool::new(false),
        flusher: OnceLock::new(),
    });
    let for_thread = shared.clone();
    let thread = thread::Builder::new()
        .name("log-writer".into())
        .spawn(move || {
            // Before the thread ever reports itself idle, so writers can always wake it.
            let _ = for_thread.flusher.set(thread::current());
            write_until_stopped(&for_thread, &mut out);
        })?;
    let writer = LineWriter {
        shared: shared.clone(),
    };
    let guard = FlushGuard {
        shared,
        thread: Some(thread),
    };
    Ok((writer, guard))
}

fn write_until_stopped(shared: &Shared, out: &mut impl Write) {
    let mut batch = Vec::with_capacity(64 * 1024);
    loop {
        std::mem::swap(&mut *shared.pending(), &mut batch);
        if !batch.is_empty() {
            // Nowhere to report a failed log write; the next batch tries again.
            let _ = out.write_all(&batch).and_then(|()| out.flush());
            batch.clear();
            thread::park_timeout(GATHER);
            continue;
        }
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        shared.idle.store(true, Ordering::SeqCst);
        // A line may have landed before `idle` was visible to its writer.
        if shared.pending().is_empty() && !shared.stopping.load(Ordering::SeqCst) {
            thread::park();
        }
        shared.idle.store(false, Ordering::SeqCst);
    }
}

impl LineWriter {
    /// Appends one or more whole lines.
    pub fn append(&self, lines: &[u8]) {
        {
            let mut pending = self.shared.pending();
            if pending.len() + lines.len() > MAX_PENDING {
                DROPPED_LINES.fetch_add(1, Ordering::Relaxed);
                return;
            }
            pending.extend_from_slice(lines);
        }
        if self.shared.idle.swap(false, Ordering::SeqCst)
            && let Some(flusher) = self.shared.flusher.get()
        {
            flusher.unpark();
        }
    }
}

impl Write for LineWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.append(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LineWriter {
    type Writer = LineWriter;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Drop for FlushGuard {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `Write` whose bytes the test can read.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_in_order_by_the_time_the_guard_drops() {
        let captured = Captured::default();
        let (writer, guard) = spawn(captured.clone()).unwrap();
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let writer = writer.clone();
                thread::spawn(move || {
                    for i in 0..1000 {
                        writer.append(format!("{t} {i}\n").as_bytes());
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        drop(guard);
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        for t in 0..4 {
            let numbers: Vec<usize> = text
                .lines()
                .filter_map(|l| l.strip_prefix(&format!("{t} ")))
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(numbers, (0..1000).collect::<Vec<_>>());
        }
    }

    /// A `Write` that blocks until the test lets it go, like a stuck terminal or pipe, and
    /// says when it is first stuck.
    struct Stuck {
        entered: std::sync::mpsc::Sender<()>,
        release: std::sync::mpsc::Receiver<()>,
    }

    impl Write for Stuck {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let _ = self.entered.send(());
            let _ = self.release.recv();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_past_the_limit_are_dropped_and_counted_while_the_output_is_stuck() {
        let (entered_tx, entered) = std::sync::mpsc::channel();
        let (release, release_rx) = std::sync::mpsc::channel();
        let stuck = Stuck {
            entered: entered_tx,
            release: release_rx,
        };
        let (writer, guard) = spawn(stuck).unwrap();
        writer.append(b"first\n");
        entered.recv().unwrap();
        let before = dropped_lines();
        let line = vec![b'x'; 1024];
        let lines_that_fit = MAX_PENDING / line.len();
        for _ in 0..2 * lines_that_fit {
            writer.append(&line);
        }
        let dropped = dropped_lines() - before;
        drop(release);
        drop(guard);
        assert!(
            dropped >= lines_that_fit as u64,
            "only {dropped} lines over the limit were counted"
        );
    }

    #[test]
    fn a_line_after_a_quiet_spell_is_written_without_waiting_for_more() {
        let captured = Captured::default();
        let (writer, _guard) = spawn(captured.clone()).unwrap();
        writer.append(b"first\n");
        thread::sleep(GATHER * 3);
        writer.append(b"second\n");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !captured.0.lock().unwrap().ends_with(b"second\n") {
            assert!(
                std::time::Instant::now() < deadline,
                "the line stayed unwritten"
            );
            thread::sleep(Duration::from_millis(1));
        }
    }
}
