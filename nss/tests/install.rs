//! scripts/install-nss.sh into a scratch directory (`--libdir`) with the
//! library cargo built for the tests (`--lib`): the file glibc loads
//! appears and works, the nsswitch line is printed, `--uninstall` removes it.

mod common;

use std::process::Command;

use common::{lib_dir, scratch};

#[test]
fn install_script_installs_and_uninstalls() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/install-nss.sh");
    let into = scratch("installed");
    let lib = lib_dir().join("libnss_iana.so.2");
    let out = Command::new("sh").arg(script).arg("--lib").arg(&lib).arg("--libdir").arg(&into).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("services:       files iana"), "{stdout}");
    let installed = into.join("libnss_iana.so.2");
    assert!(installed.exists());
    if Command::new("getent").arg("--version").output().is_ok() {
        let out = Command::new("getent")
            .args(["-s", "services:iana", "services", "matrix-fed"])
            .env("LD_LIBRARY_PATH", &into)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>(),
            ["matrix-fed", "8448/tcp"]
        );
    }
    let out = Command::new("sh").arg(script).arg("--uninstall").arg("--libdir").arg(&into).output().unwrap();
    assert!(out.status.success());
    assert!(!installed.exists());
}
