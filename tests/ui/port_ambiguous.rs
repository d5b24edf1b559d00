// No protocol given and the protocols disagree.
fn main() {
    let _ = iana_ports::port!("raid-am");
}
