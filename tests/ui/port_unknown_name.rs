// An unknown name: quoted, with the three closest names on the protocol.
fn main() {
    let _ = iana_ports::port!("htps/tcp");
}
