//! Nothing is lost and no input crashes: atomic fixture writes with one
//! backup, a writer killed many times never leaves a truncated fixture, the
//! raw page is never written, and hostile inputs get a one-line error.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use proofdesk::io::{backup_path_for, page_from_bytes, read_fixture, write_atomic, write_fixture};

const SEED: &[u8] = include_bytes!("data/seed_page.txt");

fn proofdesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_proofdesk"))
}

#[test]
fn every_write_keeps_one_backup_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.txt.proofdesk.json");
    let mut page = page_from_bytes("p.txt", SEED).expect("seed");
    write_fixture(&page, &path).expect("first write");
    assert!(
        !backup_path_for(&path).exists(),
        "nothing to back up the first time"
    );
    page.status = proofdesk::page::Status::Draft;
    write_fixture(&page, &path).expect("second write");
    assert_eq!(
        read_fixture(&path).expect("valid").status,
        proofdesk::page::Status::Draft
    );
    let backup = read_fixture(&backup_path_for(&path)).expect("the backup is a valid fixture");
    assert_eq!(
        backup.status,
        proofdesk::page::Status::Auto,
        "the backup is the previous version"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_failed_write_leaves_the_old_file_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("f.json");
    write_atomic(&path, b"old").expect("writes");
    // A folder where the file's temporary sibling should go cannot be made:
    // the parent is a regular file (root ignores permissions, this it cannot).
    let blocked = dir.path().join("f.json").join("child.json");
    let err = write_atomic(&blocked, b"new").expect_err("a file is not a folder");
    assert!(err.to_string().contains("cannot write"), "{err}");
    assert_eq!(std::fs::read(&path).expect("reads"), b"old");
}

/// A small linear congruential generator: enough to vary kill times.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

#[test]
fn killed_writers_never_leave_a_truncated_fixture() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A 1 MB page: its fixture is about 3 MB, so the kill often lands mid-write.
    let page = dir.path().join("big.txt");
    let text = std::str::from_utf8(SEED).expect("utf-8").repeat(42);
    std::fs::write(&page, &text).expect("writes the page");
    let out = dir.path().join("out");
    let fixture = out.join("big.txt.proofdesk.json");
    // Full runs tell how long a write takes on this machine and build, over
    // a fixture already there as in the runs below: the fastest of three,
    // for one slow run (a cold cache, a busy machine) would stretch every
    // sleep below past the end of most runs.
    let full_us = (0..4)
        .map(|_| {
            let started = Instant::now();
            let status = proofdesk()
                .args(["normalize", "--out"])
                .arg(&out)
                .arg(&page)
                .stderr(Stdio::null())
                .status()
                .expect("runs");
            assert!(status.success());
            u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX)
        })
        .skip(1)
        .min()
        .unwrap_or(u64::MAX)
        .max(1_000);
    std::fs::remove_dir_all(&out).expect("cleans");
    let started = Instant::now();
    let mut seed = 0x5EED_u64;
    let (mut killed_running, mut completed) = (0, 0);
    for _ in 0..80 {
        let mut child = proofdesk()
            .args(["normalize", "--out"])
            .arg(&out)
            .arg(&page)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        // Anywhere from the start to half again a full run.
        std::thread::sleep(Duration::from_micros(
            next(&mut seed) % (full_us + full_us / 2),
        ));
        if child.try_wait().expect("waits").is_none() {
            killed_running += 1;
        } else {
            completed += 1;
        }
        let _already_gone = child.kill();
        child.wait().expect("reaped");
        for path in [fixture.clone(), backup_path_for(&fixture)] {
            if path.exists() {
                let f = read_fixture(&path)
                    .unwrap_or_else(|e| panic!("{} is damaged after a kill: {e}", path.display()));
                assert_eq!(f.source.text, text, "the fixture is whole");
            }
        }
    }
    println!(
        "killed while running: {killed_running}, completed: {completed}, {:.1} s (a full run {full_us} µs)",
        started.elapsed().as_secs_f64()
    );
    assert!(
        killed_running >= 20,
        "the test must really interrupt writers ({killed_running} of 80)"
    );
    assert!(fixture.exists(), "some runs got to write");
    let leftovers: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("lists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    // A kill between creating and renaming a temporary file can leave one;
    // it is never mistaken for a fixture, and the next save goes on.
    println!("temporary files left by kills: {}", leftovers.len());
}

fn sha(path: &Path) -> String {
    proofdesk::page::sha256_hex(&String::from_utf8_lossy(
        &std::fs::read(path).expect("reads"),
    ))
}

#[test]
fn the_raw_page_is_never_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("p.txt");
    std::fs::write(&page, SEED).expect("writes");
    let before = sha(&page);
    let status = proofdesk()
        .args(["normalize", "--out"])
        .arg(dir.path())
        .arg(&page)
        .status()
        .expect("runs");
    assert!(status.success());
    let mut p = proofdesk::io::read_page(&page).expect("reads");
    p.status = proofdesk::page::Status::Done;
    write_fixture(&p, &proofdesk::io::fixture_path_for(&page)).expect("saves twice");
    assert_eq!(sha(&page), before);
}

/// Runs `normalize` on `bytes` and returns (success, stderr).
fn normalize_bytes(name: &str, bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("writes");
    let out = proofdesk()
        .arg("normalize")
        .arg(&path)
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hostile_inputs_get_one_clear_line() {
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.txt", vec![], "empty"),
        ("blank.txt", b" \n\n\t\r\n\xE3\x80\x80\n".to_vec(), "empty"),
        (
            "scan.pdf",
            b"%PDF-1.7\n\x00\x01\x02binary".to_vec(),
            "binary",
        ),
        ("bad.txt", vec![0xFF, 0xFE, 0x00, 0xD8, 0x41], "not valid"),
        (
            "zip.bin",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(),
            "binary",
        ),
    ];
    for (name, bytes, what) in cases {
        let (ok, err) = normalize_bytes(name, &bytes);
        assert!(!ok, "{name} is refused");
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        assert!(err.contains(what), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let not_json = dir.path().join("page.proofdesk.json");
    std::fs::write(&not_json, "本报讯（记者 王凤侠）").expect("writes");
    let not_json = not_json.to_str().expect("utf-8 path").to_owned();
    for args in [
        vec!["normalize", "/"],
        vec!["normalize", "/no/such/page.txt"],
        vec!["validate", not_json.as_str()],
    ] {
        let out = proofdesk().args(&args).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            err.lines().count() == 1 && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn long_lines_and_legacy_encodings_are_read() {
    // One 1 MB line: no line breaks at all.
    let line = "为深入打好污染防治攻坚战，坚持精准、科学、依法治污。".repeat(14_000);
    let (ok, err) = normalize_bytes("one-line.txt", line.as_bytes());
    assert!(ok, "{err}");
    // UTF-16 without a byte-order mark, recognised by its zero bytes.
    for be in [false, true] {
        let text = "本报讯（记者 王凤侠）11月20日\n日下午，鹤山区。\n";
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect();
        let page = page_from_bytes("utf16.txt", &bytes).expect("UTF-16 without BOM decodes");
        assert_eq!(page.raw.text(), text);
    }
    // Invalid UTF-8 that is valid GBK falls back to GB18030.
    let gbk = encoding_rs::GBK
        .encode("本报讯（记者 王凤侠）思德河、沬水河。")
        .0
        .into_owned();
    let page = page_from_bytes("gbk.txt", &gbk).expect("GBK decodes");
    assert_eq!(page.raw.encoding, proofdesk::decode::Encoding::Gb18030);
    assert!(page.to_text().contains("沬水河"));
}
