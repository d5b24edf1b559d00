//! Go itself as the oracle: `split_host_port`, `join_host_port` and
//! `lookup_port`'s number reading against Go's `net.SplitHostPort`,
//! `net.JoinHostPort` and `net.LookupPort` (tests/go_oracle/main.go, run
//! with the `go` on PATH) on tens of thousands of generated inputs.
//!
//! Without `go` it skips, saying so; CI installs it (`golang-go`).

use std::io::Write;
use std::process::{Command, Stdio};

use iana_ports::{LookupErrorKind, Protocol, join_host_port, lookup_port, split_host_port};

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// xorshift64*: a fixed sequence, so every run checks the same inputs.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }

    fn text(&mut self, alphabet: &[&str], max_len: usize) -> String {
        (0..self.below(max_len + 1)).map(|_| alphabet[self.below(alphabet.len())]).collect()
    }
}

/// Addresses: every split outcome is reachable from this alphabet.
fn addresses() -> Vec<String> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = ["[", "]", ":", ":", "%", "a", "1", ".", " ", "é", "::1", "[::1]", "lo0"];
    let mut out: Vec<String> = (0..30_000).map(|_| rng.text(&alphabet, 8)).collect();
    out.extend(["", ":", "[]:", "[:", "]:", "[::1]:80", "[fe80::1%lo0]:443", "a:b:c", "[a]:[b]:c"].map(String::from));
    out
}

/// Port texts made of a sign and digits: what Go reads without
/// `/etc/services` (names are the registry's here, the system's there).
fn numbers() -> Vec<String> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut out: Vec<String> = (0..20_000)
        .map(|_| {
            let sign = ["", "", "+", "-"][rng.below(4)];
            let digits = rng.text(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], 24);
            format!("{sign}{}", if digits.is_empty() { "0".into() } else { digits })
        })
        .collect();
    for edge in [
        "0",
        "-0",
        "+0",
        "65535",
        "65536",
        "+65535",
        "-65535",
        "000000000000065535",
        "1073741823",
        "1073741824",
        "-1073741824",
        "-1073741825",
        "4294967295",
        "4294967296",
        "18446744073709551616",
        "99999999999999999999",
    ] {
        out.push(edge.into());
    }
    out
}

#[test]
fn go_agrees_on_splitting_joining_and_reading_numbers() {
    if Command::new("go").arg("version").output().is_err() {
        println!("SKIPPED go_agrees_on_splitting_joining_and_reading_numbers: no `go` on PATH");
        return;
    }
    let addresses = addresses();
    let numbers = numbers();
    let mut input = String::new();
    for a in &addresses {
        input += &format!("s {}\n", hex(a));
        if let Ok((host, port)) = split_host_port(a) {
            input += &format!("j {} {}\n", hex(host), hex(port));
        }
    }
    for n in &numbers {
        input += &format!("p {}\n", hex(n));
    }

    let work = std::env::temp_dir().join(format!("iana-ports-go-oracle-{}", std::process::id()));
    let mut child = Command::new("go")
        .args(["run", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/go_oracle/main.go")])
        .env("GOCACHE", work.join("cache"))
        .env("GOPATH", work.join("path"))
        .env("GOTOOLCHAIN", "local")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("go run");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let _ = std::fs::remove_dir_all(&work);
    assert!(output.status.success(), "go run failed");
    let text = String::from_utf8(output.stdout).unwrap();
    let mut answers = text.lines();
    let mut next = || answers.next().expect("Go answered fewer lines than asked");

    let (mut splits, mut errors) = (0, 0);
    let mut kinds = std::collections::BTreeSet::new();
    for a in &addresses {
        let go = next();
        match split_host_port(a) {
            Ok((host, port)) => {
                assert_eq!(go, format!("ok {} {}", hex(host), hex(port)), "split {a:?}");
                let joined = join_host_port(host, port).to_string();
                assert_eq!(next(), format!("ok {}", hex(&joined)), "join {host:?} {port:?}");
                splits += 1;
            }
            Err(e) => {
                assert_eq!(go, format!("err {}", e.kind().as_str()), "split {a:?}");
                kinds.insert(e.kind().as_str());
                errors += 1;
            }
        }
    }
    let (mut ports, mut invalid) = (0, 0);
    for n in &numbers {
        let go = next();
        match lookup_port(n, Protocol::Tcp) {
            Ok(port) => {
                assert_eq!(go, format!("ok {port}"), "lookup_port {n:?}");
                ports += 1;
            }
            Err(e) => {
                assert_eq!(e.kind(), LookupErrorKind::InvalidPort, "{n:?}");
                assert_eq!(go, "err invalid port", "lookup_port {n:?}");
                invalid += 1;
            }
        }
    }
    assert!(answers.next().is_none(), "Go answered more lines than asked");
    assert_eq!(kinds.len(), 5, "every error of Go's reached: {kinds:?}");
    println!(
        "Go agrees: {splits} splits (each joined back), {errors} split errors, {ports} ports, {invalid} invalid ports"
    );
    assert!(splits > 1000 && errors > 1000 && ports > 1000 && invalid > 1000, "{splits} {errors} {ports} {invalid}");
}
