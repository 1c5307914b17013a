//! `iml-ls check` against trees holding things that are not plain files
//! inside the tree: FIFOs, links out of it, to `/dev/stdin` and to `/proc`,
//! and hard links. Run through the real binary with a deadline, since the
//! failures these guard against are hangs.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `iml-ls check ARGS` in `cwd`; stdin is a pipe that stays open and
/// silent, as in a CI job, so a read of `/dev/stdin` would wait forever.
fn check(cwd: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iml-ls"))
        .arg("check")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _stdin = child.stdin.take();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            panic!("`iml-ls check {args:?}` still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// (path, code) of every diagnostic of a JSON report.
fn codes(stdout: &str) -> Vec<(String, String)> {
    let document: serde_json::Value = serde_json::from_str(stdout).expect("JSON on stdout");
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_owned(),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

const MODULE: &str = "{ \"url\": \"/items\", \"heaers\": {} }\n";

#[test]
fn fifos_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/makecomapp.json", "{}");
    mkfifo(&root.join("app/x.iml.json"));
    mkfifo(&root.join("loose.iml.json"));

    let walked = check(root, &["--format", "json", "app"]);
    assert_eq!(
        codes(&walked.stdout),
        [("app/x.iml.json".to_owned(), "F006".to_owned())],
        "{}",
        walked.stderr
    );
    assert!(walked.stdout.contains("not a regular file (a FIFO"));

    let named = check(root, &["--format", "json", "loose.iml.json"]);
    assert_eq!(
        codes(&named.stdout),
        [("loose.iml.json".to_owned(), "F006".to_owned())]
    );
    assert_eq!(named.code, Some(1));
}

#[test]
fn links_out_of_the_tree_are_not_read_and_their_content_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "secret/token.iml.json", "{ \"SECRET-MARKER\": 1 }");
    write(root, "app/makecomapp.json", "{}");
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, root.join("app").join(name)).unwrap();
    };
    link(&root.join("secret/token.iml.json"), "leak.iml.json");
    link(Path::new("/dev/stdin"), "stdin.iml.json");
    link(Path::new("/proc"), "proc");
    link(&root.join("secret"), "secrets");

    for format in ["json", "human", "sarif", "github"] {
        let run = check(root, &["--format", format, "app"]);
        assert!(
            !run.stdout.contains("SECRET-MARKER"),
            "{format}: {}",
            run.stdout
        );
        assert!(
            !run.stderr.contains("SECRET-MARKER"),
            "{format}: {}",
            run.stderr
        );
    }
    let run = check(root, &["--format", "json", "app"]);
    let mut found = codes(&run.stdout);
    found.sort();
    assert_eq!(
        found,
        [
            ("app/leak.iml.json".to_owned(), "F005".to_owned()),
            ("app/proc".to_owned(), "F005".to_owned()),
            ("app/secrets".to_owned(), "F005".to_owned()),
            ("app/stdin.iml.json".to_owned(), "F005".to_owned()),
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn fix_writes_no_link_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "outside/list.communication.iml.json", MODULE);
    write(root, "app/makecomapp.json", "{}");
    write(root, "app/modules/list/list.communication.iml.json", MODULE);
    fs::hard_link(
        root.join("outside/list.communication.iml.json"),
        root.join("app/modules/list/other.communication.iml.json"),
    )
    .unwrap();

    let run = check(root, &["--fix", "--format", "json", "app"]);
    let fixed = fs::read_to_string(root.join("app/modules/list/list.communication.iml.json"));
    assert!(fixed.unwrap().contains("\"headers\""), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(root.join("outside/list.communication.iml.json")).unwrap(),
        MODULE
    );
    assert!(run.stderr.contains("hard links"), "{}", run.stderr);
    let names: Vec<String> = fs::read_dir(root.join("app/modules/list"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
