// An unknown protocol: the name on each protocol it is registered on.
fn main() {
    let _ = iana_ports::port!("https/tpc");
}
