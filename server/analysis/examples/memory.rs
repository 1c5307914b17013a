//! Where the memory of one large file goes: builds the benchmark workspace
//! of a chosen size (`benches/support`), opens it in an `AnalysisHost`, and
//! reports the heap after each step of what an editor does with the module
//! communication: the texts, the value model, the first diagnostics (which
//! build the semantic model of the communication and of the parameters it
//! reads), and a keystroke followed by the diagnostics again.
//!
//! Usage: `cargo run --release -p iml-analysis --example memory -- [SIZE]`
//! (SIZE is one of the bench sizes, 1MB by default). Heap figures come from a
//! counting allocator that lives only in this program; the peak resident set
//! (`VmHWM`) is read from `/proc/self/status` where there is one.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use iml_analysis::{AnalysisHost, TextRange, TextSize, semantic};

#[path = "../benches/support/mod.rs"]
mod support;

/// The system allocator, counting the bytes live now and at the peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to `System` with the caller's own layout.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        ALLOCATIONS.fetch_sub(1, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = (1 << 20) as f64;

fn megabytes(bytes: usize) -> String {
    format!("{:7.1} MB", bytes as f64 / MB)
}

/// `VmHWM` (peak resident set) in bytes, where `/proc` has it.
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// Prints the heap held now, what `step` added to it, and the live
/// allocation count.
struct Report {
    before: usize,
}

impl Report {
    fn step(&mut self, name: &str) {
        let live = LIVE.load(Ordering::Relaxed);
        let added = live as isize - self.before as isize;
        println!(
            "{name:<44} heap {}  ({:+7.1} MB, {:>9} allocations)",
            megabytes(live),
            added as f64 / MB,
            ALLOCATIONS.load(Ordering::Relaxed),
        );
        self.before = live;
    }
}

fn main() {
    let label = std::env::args().nth(1).unwrap_or_else(|| "1MB".to_owned());
    let Some(size) = support::size_of(&label) else {
        eprintln!("memory: unknown size {label}");
        std::process::exit(2);
    };
    let root = support::sample_app();
    let communication = root.join(support::COMMUNICATION);
    let files = support::workspace_files(size);
    let total: usize = files.iter().map(|(_, text)| text.len()).sum();
    let communication_len = files
        .iter()
        .find(|(relative, _)| relative == support::COMMUNICATION)
        .map_or(0, |(_, text)| text.len());
    println!(
        "workspace {label}: {} files, {} bytes of text ({} in the communication)",
        files.len(),
        total,
        communication_len
    );
    let mut report = Report { before: 0 };
    report.step("texts generated");

    let mut host = AnalysisHost::new();
    for (relative, text) in files {
        host.set_file(root.join(relative), text);
    }
    report.step("files set in the host (texts only)");

    let params = root.join(support::MAPPABLE_PARAMS);
    let analysis = host.snapshot();
    black_box(analysis.root_value(&communication));
    report.step("value model of the communication");
    black_box(analysis.root_value(&params));
    report.step("value model of the parameters");
    black_box(semantic::sites(&analysis, &communication));
    report.step("sites of the communication");
    black_box(semantic::facts(&analysis, &communication));
    report.step("facts of the communication");
    black_box(semantic::facts(&analysis, &params));
    report.step("sites and facts of the parameters");

    let diagnostics = analysis.diagnostics(&communication);
    report.step("first diagnostics of the communication");
    println!("  ({} diagnostics)", diagnostics.len());
    drop(diagnostics);
    drop(analysis);

    let text = host.snapshot().file_text(&communication).map(str::to_owned);
    let at = TextSize::from(support::keystroke_offset(&text.unwrap_or_default()) as u32);
    host.apply_edit(&communication, TextRange::empty(at), "x")
        .expect("the keystroke lands inside the text");
    black_box(host.snapshot().diagnostics(&communication));
    report.step("keystroke, then diagnostics again");

    println!(
        "peak heap {}   peak RSS (VmHWM) {}",
        megabytes(PEAK.load(Ordering::Relaxed)),
        peak_rss().map_or_else(|| "unknown".to_owned(), megabytes),
    );
}
