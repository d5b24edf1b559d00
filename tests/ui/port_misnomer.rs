// A common name that is not IANA's: the registered one comes first.
fn main() {
    let _ = iana_ports::port!("dns/udp");
}
