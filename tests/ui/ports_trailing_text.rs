// `ports!` takes one protocol per spec: `ssh/tcp/udp` is not `ssh/tcp`.
fn main() {
    let _ = iana_ports::ports!("ssh/tcp/udp");
}
