// A misspelt constant: rustc suggests a similar name.
fn main() {
    let _ = iana_ports::Tcp::HTPS;
    let _ = iana_ports::Udp::DOMIAN;
}
