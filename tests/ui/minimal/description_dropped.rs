// Built without the `descriptions` feature, the accessor does not exist.
fn main() {
    let record = iana_ports::by_name("https").next().unwrap();
    let _ = record.description();
    let _ = record.contact();
    let _ = record.registration_date();
    let _ = record.reference();
    let _ = record.notes();
}
