// The port belongs to another service: named.
iana_ports::assert_unassigned!(4444, tcp);

fn main() {}
