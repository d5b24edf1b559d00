// Nothing close: said so.
fn main() {
    let _ = iana_ports::port!("no-such-service");
}
