// `ports!` with an unknown protocol: a name's registrations are offered.
fn main() {
    let _ = iana_ports::ports!("https/tcpp");
}
