//! The module through glibc itself: getent, glibc's NSS front end
//! (`getservbyname_r`, `getservbyport_r`, `getservent_r`) in a C program,
//! glibc's files backend reading the `--etc-services` export, Python and
//! iptables. Nothing on the machine changes: the library is found through
//! `LD_LIBRARY_PATH`, `getent -s` and `__nss_configure_lookup` pick the
//! backend, and files under /etc are replaced only inside private mount
//! namespaces (skipped, saying why, where none can be made).

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{Expected, PROTOS, build_c, export, export_entries, in_namespace, lib_dir, no_namespace, run_with_module};

fn getent(args: &[&str]) -> Result<(bool, String), String> {
    let mut command = Command::new("getent");
    command.args(["-s", "services:iana", "services"]).args(args);
    let out = run_with_module(&mut command, "");
    if out.status.code() == Some(1) || !out.stderr.is_empty() {
        return Err(format!("getent failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok((out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned()))
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn getent_answers_from_the_module() {
    if Command::new("getent").arg("--version").output().is_err() {
        println!("SKIPPED getent_answers_from_the_module: no getent");
        return;
    }
    let ask = |key: &str| getent(&[key]).unwrap();
    assert_eq!(words(&ask("matrix-fed").1), ["matrix-fed", "8448/tcp"]);
    assert_eq!(words(&ask("8448/tcp").1), ["matrix-fed", "8448/tcp"]);
    assert_eq!(words(&ask("BESApi").1), ["BESApi", "3408/tcp", "besapi"]);
    assert_eq!(words(&ask("besapi/udp").1), ["BESApi", "3408/udp", "besapi"]);
    assert_eq!(words(&ask("matrix_vnet").1), ["matrix-vnet", "4360/tcp", "matrix_vnet"]);
    assert_eq!(words(&ask("6010/tcp").1), ["x11", "6010/tcp"]);
    assert_eq!(words(&ask("x11/udp").1), ["x11", "6000/udp"]);
    assert_eq!(ask("4/udp"), (false, String::new()));
    assert_eq!(ask("no-such-service"), (false, String::new()));
}

#[test]
fn getent_lists_every_line_of_the_export() {
    if Command::new("getent").arg("--version").output().is_err() {
        println!("SKIPPED getent_lists_every_line_of_the_export: no getent");
        return;
    }
    let (ok, listing) = getent(&[]).unwrap();
    assert!(ok);
    let listed: Vec<Vec<&str>> = listing.lines().map(words).collect();
    let lines = export().lines().filter(|l| !l.starts_with('#')).count();
    assert_eq!(listed.len(), lines, "getent lists one entry per service line of the export");
    let entries = export_entries();
    assert_eq!(listed.len(), entries.len());
    for (got, want) in listed.iter().zip(entries) {
        assert_eq!(got, want);
    }
}

/// Every registry name as registered, in lower and upper case, and every
/// name and alias of the export (names with white space cannot be asked
/// through the query lines; tests/c/hostile.c asks for those).
fn names() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for record in iana_ports::records() {
        if let Some(name) = record.service_name() {
            for n in [name.to_owned(), name.to_ascii_lowercase(), name.to_ascii_uppercase()] {
                names.insert(n);
            }
        }
    }
    for entry in export_entries() {
        names.insert(entry[0].clone());
        names.extend(entry[2..].iter().cloned());
    }
    names.retain(|n| !n.is_empty() && !n.contains(char::is_whitespace));
    names
}

fn queries(ports: impl Iterator<Item = u16>, names: &BTreeSet<String>) -> Vec<String> {
    let mut queries = Vec::new();
    for port in ports {
        queries.extend(PROTOS.iter().map(|p| format!("port {port} {p}")));
    }
    for name in names {
        queries.extend(PROTOS.iter().map(|p| format!("name {name} {p}")));
    }
    queries
}

/// Runs tests/c/agree.c on `queries` with the services database set to
/// `backend`, optionally inside `namespace` (bind mounts).
fn agree(backend: &str, queries: &[String], namespace: Option<&[(&std::path::Path, &str)]>) -> Result<String, String> {
    let exe = build_c("agree", &[])?;
    let mut command = match namespace {
        Some(mounts) => in_namespace(mounts, &format!("exec '{}' {backend}", exe.display())),
        None => {
            let mut c = Command::new(&exe);
            c.arg(backend);
            c
        }
    };
    let mut input = queries.join("\n");
    input.push('\n');
    let out = run_with_module(&mut command, &input);
    assert!(out.status.success(), "agree {backend}: {}", String::from_utf8_lossy(&out.stderr));
    Ok(String::from_utf8(out.stdout).unwrap())
}

fn compare(what: &str, queries: &[String], got: &str, expected: &Expected) {
    let answers: Vec<&str> = got.lines().collect();
    assert_eq!(answers.len(), queries.len(), "{what}: one answer per query");
    let wrong: Vec<String> = queries
        .iter()
        .zip(&answers)
        .filter_map(|(q, a)| {
            let want = expected.answer(q);
            (want != *a).then(|| format!("{q}: got {a:?}, the export gives {want:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{what}: {} of {} answers differ:\n{}",
        wrong.len(),
        queries.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
}

#[test]
fn every_port_and_name_agrees_with_the_export() {
    let names = names();
    let queries = queries(0..=u16::MAX, &names);
    let got = match agree("iana", &queries, None) {
        Ok(got) => got,
        Err(why) => {
            println!("SKIPPED every_port_and_name_agrees_with_the_export: {why}");
            return;
        }
    };
    compare("module through glibc vs the export", &queries, &got, &Expected::new());
    println!("{} queries ({} names) agree", queries.len(), names.len());
}

#[test]
fn the_files_backend_reads_the_export_as_the_tests_do() {
    if let Some(why) = no_namespace() {
        println!("SKIPPED the_files_backend_reads_the_export_as_the_tests_do: {why}");
        return;
    }
    // glibc's files backend reads the whole file for each lookup: a sample
    // of ports and names (every port and name is checked against the
    // export above); its enumeration is compared whole.
    let names = names().into_iter().step_by(37).collect();
    let mut queries = queries((0..=u16::MAX).step_by(389).chain([80, 443, 3408, 4360, 6010, 8448]), &names);
    queries.push("enum".into());
    let dir = common::scratch("files");
    let services = dir.join("services");
    std::fs::write(&services, export()).unwrap();
    let got = agree("files", &queries, Some(&[(&services, "/etc/services")])).unwrap();
    let mut answers: Vec<&str> = got.lines().collect();
    let end = answers.pop().unwrap();
    assert_eq!(end, format!("end {}", export_entries().len()));
    let listed = answers.split_off(queries.len() - 1);
    for (got, want) in listed.iter().zip(export_entries()) {
        assert_eq!(words(got), *want);
    }
    assert_eq!(listed.len(), export_entries().len());
    queries.pop();
    compare("glibc files backend vs the tests' reading of the export", &queries, &answers.join("\n"), &Expected::new());
}

/// An `nsswitch.conf` and an `/etc/services` of the test's own, to be
/// bind-mounted over the machine's in a private mount namespace.
struct PrivateEtc {
    nsswitch: std::path::PathBuf,
    services: std::path::PathBuf,
}

impl PrivateEtc {
    fn mounts(&self) -> [(&std::path::Path, &'static str); 2] {
        [(&self.nsswitch, "/etc/nsswitch.conf"), (&self.services, "/etc/services")]
    }
}

/// The files for `test`, or `None` (having said why) where no mount
/// namespace can be made.
fn private_etc(test: &str, nsswitch: &str, services: &str) -> Option<PrivateEtc> {
    if let Some(why) = no_namespace() {
        println!("SKIPPED {test}: {why}");
        return None;
    }
    let dir = common::scratch(test);
    let etc = PrivateEtc { nsswitch: dir.join("nsswitch.conf"), services: dir.join("services") };
    std::fs::write(&etc.nsswitch, nsswitch).unwrap();
    std::fs::write(&etc.services, services).unwrap();
    Some(etc)
}

#[test]
fn python_and_iptables_resolve_through_the_module() {
    let Some(etc) = private_etc("python_and_iptables_resolve_through_the_module", "services: iana\n", "") else {
        return;
    };
    let mounts = etc.mounts();
    let lib = lib_dir().display().to_string();

    // glibc with the files backend alone now knows nothing.
    let mut getent = in_namespace(&mounts, "getent -s services:files services imaps; echo \"files=$?\"");
    let out = run_with_module(&mut getent, "");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "files=2", "{out:?}");

    if Command::new("python3").arg("--version").output().is_err() {
        println!("SKIPPED python_and_iptables_resolve_through_the_module (python part): no python3");
    } else {
        let script =
            "import socket; print(socket.getservbyname('matrix-fed', 'tcp'), socket.getservbyport(993, 'tcp'))";
        let mut python = in_namespace(&mounts, &format!("exec python3 -c \"{script}\""));
        let out = run_with_module(&mut python, "");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "8448 imaps", "LD_LIBRARY_PATH={lib}");
    }

    if Command::new("iptables-restore").arg("--version").output().is_err() {
        println!(
            "SKIPPED python_and_iptables_resolve_through_the_module (iptables part): no iptables-restore (apt-get install iptables)"
        );
        return;
    }
    // A numeric port first: where iptables cannot work at all (no netfilter,
    // no CAP_NET_ADMIN), that is not the module's fault.
    let mut control = in_namespace(&mounts, "exec iptables-restore --test");
    let out = run_with_module(&mut control, "*filter\n-A INPUT -p tcp --dport 993 -j ACCEPT\nCOMMIT\n");
    if !out.status.success() {
        println!(
            "SKIPPED python_and_iptables_resolve_through_the_module (iptables part): iptables-restore --test fails even on a numeric port here: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
        return;
    }
    let rules = "*filter\n-A INPUT -p tcp --dport imaps -j ACCEPT\nCOMMIT\n";
    let mut iptables = in_namespace(&mounts, "exec iptables-restore --test");
    let out = run_with_module(&mut iptables, rules);
    assert!(out.status.success(), "iptables-restore --test: {}", String::from_utf8_lossy(&out.stderr));
    // And without the module the name is unknown, so the test means something.
    let mut iptables = in_namespace(&mounts, "LD_LIBRARY_PATH= exec iptables-restore --test");
    let out = run_with_module(&mut iptables, rules);
    assert!(!out.status.success(), "iptables-restore resolved imaps without the module");
}

#[test]
fn files_then_iana_as_the_install_script_advises() {
    // `services: files iana`: a local file's entries win, the module
    // answers the rest.
    let test = "files_then_iana_as_the_install_script_advises";
    let Some(etc) = private_etc(test, "services: files iana\n", "http 8080/tcp local-web\n") else {
        return;
    };
    let mounts = etc.mounts();
    let mut getent =
        in_namespace(&mounts, "getent services http/tcp matrix-fed 8448/tcp no-such-service; echo \"exit=$?\"");
    let out = run_with_module(&mut getent, "");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Vec<&str>> = text.lines().map(words).collect();
    assert_eq!(
        lines,
        [
            vec!["http", "8080/tcp", "local-web"],
            vec!["matrix-fed", "8448/tcp"],
            vec!["matrix-fed", "8448/tcp"],
            vec!["exit=2"],
        ],
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
