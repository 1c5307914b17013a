//! `iml-ls eval` through the real binary.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_iml-ls"))
        .arg("eval")
        .args(args)
        .output()
        .expect("iml-ls runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn prints_the_value_as_json() {
    assert_eq!(
        run(&["{{upper('make')}}"]),
        (0, "\"MAKE\"\n".into(), String::new())
    );
}

#[test]
fn data_now_and_timezone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.json");
    std::fs::write(
        &data,
        r#"{"parameters": {"days": 30}, "body": {"expires_in": 3600}}"#,
    )
    .unwrap();
    let data = data.to_str().unwrap();
    let (code, out, _) = run(&[
        "{{addDays(now, parameters.days)}}",
        "--data",
        data,
        "--now",
        "2024-01-01T00:00:00Z",
    ]);
    assert_eq!((code, out.as_str()), (0, "\"2024-01-31T00:00:00.000Z\"\n"));
    let (code, out, _) = run(&[
        "{{formatDate(addSeconds(now, body.expires_in), 'YYYY-MM-DD HH:mm Z')}}",
        "--data",
        data,
        "--now",
        "2024-07-01T10:00:00Z",
        "--timezone",
        "Europe/Prague",
    ]);
    assert_eq!((code, out.as_str()), (0, "\"2024-07-01 13:00 +02:00\"\n"));
}

#[test]
fn errors_name_their_position_and_exit_1() {
    let (code, out, err) = run(&["a {{parseNumber('x', ',')}}"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("column 5"), "{err}");
    assert!(err.contains("parseNumber"), "{err}");
    let (code, _, err) = run(&["{{mySign('x')}}"]);
    assert_eq!(code, 1);
    assert!(err.contains("custom function `mySign`"), "{err}");
    let (code, _, err) = run(&["{{now}}", "--timezone", "Mars/Olympus"]);
    assert_eq!(code, 1);
    assert!(err.contains("Mars/Olympus"), "{err}");
}
