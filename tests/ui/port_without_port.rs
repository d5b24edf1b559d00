// A DNS-SD service name without a port.
fn main() {
    let _ = iana_ports::port!("rdp");
}
