// Registered, but not on this protocol.
fn main() {
    let _ = iana_ports::port!("rift-lies/tcp");
}
