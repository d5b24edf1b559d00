// `ports!` with a typo among good specs: the bad one is quoted, with the
// three closest names on its protocol, as `port!` offers them.
const ALLOW: &[(iana_ports::Protocol, iana_ports::PortRange)] = iana_ports::ports!("ssh/tcp", "htps/tcp", "x11");

fn main() {
    let _ = ALLOW;
}
