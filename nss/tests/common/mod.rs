//! Shared by the tests that drive the module through glibc: the library
//! under the name glibc loads, C programs built with the system `cc`, the
//! `--etc-services` export and how glibc's files backend reads it, and
//! private mount namespaces.
#![allow(dead_code)] // each test binary uses its own part

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// A directory of this test binary's own holding `libnss_iana.so.2` (the
/// cdylib cargo built for these tests, under the name glibc dlopens), for
/// `LD_LIBRARY_PATH`.
pub fn lib_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // target/<profile>/deps/<test binary> -> target/<profile>
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        // `cargo build` puts the cdylib in target/<profile>; `cargo test`
        // alone builds it only as the tests' dependency, in deps/.
        let candidates = [profile_dir.join("libnss_iana.so"), profile_dir.join("deps/libnss_iana.so")];
        let built = candidates
            .iter()
            .filter(|p| p.exists())
            .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
            .unwrap_or_else(|| panic!("libnss_iana.so not built: looked for {candidates:?}"));
        let dir = scratch("lib");
        std::fs::copy(built, dir.join("libnss_iana.so.2")).unwrap();
        dir
    })
}

/// A fresh directory for this test binary's files.
pub fn scratch(what: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let stem = exe.file_stem().unwrap().to_string_lossy().into_owned();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{stem}-{}-{what}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Compiles the C program `nss/tests/c/<name>.c` with the system `cc`
/// (extra flags appended); `Err` says why not (no compiler).
pub fn build_c(name: &str, flags: &[&str]) -> Result<PathBuf, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c").join(format!("{name}.c"));
    let exe = scratch("c").join(name);
    let out = Command::new("cc")
        .args(["-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&exe)
        .arg(&src)
        .args(flags)
        .output()
        .map_err(|e| format!("no C compiler (`cc`: {e})"))?;
    if !out.status.success() {
        return Err(format!("cc failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(exe)
}

/// Runs `program` with the module on `LD_LIBRARY_PATH`, `input` on stdin.
pub fn run_with_module(program: &mut Command, input: &str) -> Output {
    program.env("LD_LIBRARY_PATH", lib_dir()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = program.spawn().expect("spawn");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().unwrap();
    out
}

/// Why no private mount namespace can be made here, if none can (not
/// root, no `unshare`, no CAP_SYS_ADMIN as in an unprivileged container).
pub fn no_namespace() -> Option<String> {
    let root = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root.unwrap_or(false) {
        return Some("not root, cannot bind-mount over /etc".into());
    }
    match Command::new("unshare").args(["-m", "--propagation", "private", "true"]).output() {
        Err(e) => Some(format!("cannot run `unshare` ({e})")),
        Ok(o) if !o.status.success() => {
            Some(format!("no mount namespace here (no CAP_SYS_ADMIN?): {}", String::from_utf8_lossy(&o.stderr).trim()))
        }
        Ok(_) => None,
    }
}

/// `unshare -m` running `sh -c "<mounts> && exec <rest>"`: each (file,
/// target) is bind-mounted first, in the private namespace only.
pub fn in_namespace(mounts: &[(&Path, &str)], rest: &str) -> Command {
    let mut script = String::new();
    for (file, target) in mounts {
        script.push_str(&format!("mount --bind '{}' '{target}' || exit 97\n", file.display()));
    }
    script.push_str(rest);
    let mut command = Command::new("unshare");
    command.args(["-m", "--propagation", "private", "sh", "-c", &script]);
    command
}

/// The `--etc-services` export.
pub fn export() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| iana_ports_cli::etc_services::render().0)
}

/// One entry as glibc's files backend parses a line, printed as the C
/// programs and getent print it: `name port/proto alias ...`.
pub type Entry = Vec<String>;

/// The export's entries, parsed as nss_files does: cut at `#`, split at
/// white space; name, `port/proto`, aliases.
pub fn export_entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        export()
            .lines()
            .map(|l| l.split('#').next().unwrap())
            .map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .filter(|fields| fields.len() >= 2)
            .collect()
    })
}

/// What glibc's files backend answers over the export: the first entry
/// that matches (port and protocol; name or alias and protocol).
pub struct Expected {
    by_port: HashMap<(u16, Option<String>), usize>,
    by_name: HashMap<(String, Option<String>), usize>,
}

fn port_proto(entry: &Entry) -> (u16, String) {
    let (port, proto) = entry[1].split_once('/').unwrap();
    (port.parse().unwrap(), proto.to_owned())
}

impl Expected {
    pub fn new() -> Expected {
        let mut by_port = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, entry) in export_entries().iter().enumerate() {
            let (port, proto) = port_proto(entry);
            for p in [Some(proto.clone()), None] {
                by_port.entry((port, p.clone())).or_insert(i);
                for name in entry.iter().take(1).chain(&entry[2..]) {
                    by_name.entry((name.clone(), p.clone())).or_insert(i);
                }
            }
        }
        Expected { by_port, by_name }
    }

    /// The answer line for a query line (see tests/c/agree.c).
    pub fn answer(&self, query: &str) -> String {
        let words: Vec<&str> = query.split(' ').collect();
        let proto = (words[2] != "-").then(|| words[2].to_owned());
        let hit = match words[0] {
            "port" => self.by_port.get(&(words[1].parse().unwrap(), proto)),
            _ => self.by_name.get(&(words[1].to_owned(), proto)),
        };
        hit.map_or_else(|| "-".to_owned(), |&i| export_entries()[i].join(" "))
    }
}

pub const PROTOS: [&str; 5] = ["tcp", "udp", "sctp", "dccp", "-"];
