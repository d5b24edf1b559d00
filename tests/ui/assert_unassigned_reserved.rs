// A nameless reserved port.
iana_ports::assert_unassigned!(0, udp);

fn main() {}
