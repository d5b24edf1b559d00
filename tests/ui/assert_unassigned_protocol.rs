// An unknown protocol.
iana_ports::assert_unassigned!(4444, tpc);

fn main() {}
