//! Gives the shared library the soname glibc's NSS loader asks for.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libnss_iana.so.2");
    }
}
