// `ports!` with a DNS-SD name that has no port, and a name without a port on
// the protocol given.
fn main() {
    let _ = iana_ports::ports!("matrix");
    let _ = iana_ports::ports!("rift-lies/tcp");
}
