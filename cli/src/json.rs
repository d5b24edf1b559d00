//! The `--json` output: schema version 1, documented in `cli/README.md`.
//!
//! Keys are always present (`null` or `[]` when empty) and appear in the
//! documented order; new keys may be added in a later version, none will
//! be removed or change meaning without bumping `schema_version`.

use iana_ports::{PortRange, Protocol, Record};
use serde_json::{Value, json};

use crate::{Contact, Info, PortStatus, Query, Target};

/// The version of the JSON schema.
pub const SCHEMA_VERSION: u32 = 1;

fn registry() -> Value {
    json!({ "title": iana_ports::REGISTRY.title, "updated": iana_ports::REGISTRY.updated })
}

/// A person of the contact table, or a bare id the table lacks.
pub fn contact(c: &Contact) -> Value {
    person(c.id, c.person)
}

fn person(id: &str, person: Option<&iana_ports::Person>) -> Value {
    match person {
        Some(p) => json!({
            "id": id,
            "name": p.name(),
            "organization": p.org(),
            "uris": p.uris().collect::<Vec<_>>(),
            "updated": p.updated(),
        }),
        None => {
            json!({ "id": id, "name": null, "organization": null, "uris": [], "updated": null })
        }
    }
}

/// The columns of one row, typed: what [`fields`] prints. Built from a
/// compiled-in [`Record`] ([`RowFields::of`]) or from a row of another CSV
/// (`iana-ports diff`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFields<'a> {
    /// Service name.
    pub service_name: Option<&'a str>,
    /// Port range.
    pub ports: Option<PortRange>,
    /// The port column as written (`4748-4748` stays so).
    pub ports_text: Option<String>,
    /// Protocol.
    pub protocol: Option<Protocol>,
    /// `Assigned`, `Reserved` or `Unassigned`.
    pub status: &'a str,
    /// Description.
    pub description: Option<&'a str>,
    /// Assignee ids, without brackets.
    pub assignee: Vec<&'a str>,
    /// Contact ids, without brackets.
    pub contact: Vec<&'a str>,
    /// Registration date.
    pub registration_date: Option<&'a str>,
    /// Modification date.
    pub modification_date: Option<&'a str>,
    /// Reference.
    pub reference: Option<&'a str>,
    /// DCCP service code.
    pub service_code: Option<u32>,
    /// Unauthorized use reported.
    pub unauthorized_use: Option<&'a str>,
    /// Assignment notes.
    pub notes: Option<&'a str>,
    /// The name this row is a historic alias of.
    pub alias_of: Option<&'a str>,
}

impl RowFields<'static> {
    /// The columns of a compiled-in row.
    pub fn of(r: &Record) -> RowFields<'static> {
        RowFields {
            service_name: r.service_name(),
            ports: r.ports(),
            ports_text: r.port_text().map(|p| p.to_string()),
            protocol: r.protocol(),
            status: r.status().as_str(),
            description: r.description(),
            assignee: r.assignee().collect(),
            contact: r.contact().collect(),
            registration_date: r.registration_date(),
            modification_date: r.modification_date(),
            reference: r.reference(),
            service_code: r.service_code(),
            unauthorized_use: r.unauthorized_use(),
            notes: r.notes(),
            alias_of: r.alias_of(),
        }
    }
}

/// One registry row with every column, ids resolved.
pub fn record(r: &Record) -> Value {
    fields(&RowFields::of(r))
}

/// A row's columns as a JSON record (the form [`record`] prints).
pub fn fields(r: &RowFields<'_>) -> Value {
    let range = r.ports;
    json!({
        "service_name": r.service_name,
        "port": range.map(|p| p.start),
        "port_end": range.map(|p| p.end),
        "ports": r.ports_text,
        "protocol": r.protocol.map(Protocol::as_str),
        "status": r.status,
        "description": r.description,
        "assignee": r.assignee.iter().map(|id| person(id, iana_ports::person(id))).collect::<Vec<_>>(),
        "contact": r.contact.iter().map(|id| person(id, iana_ports::person(id))).collect::<Vec<_>>(),
        "registration_date": r.registration_date,
        "modification_date": r.modification_date,
        "reference": r.reference,
        "service_code": r.service_code,
        "unauthorized_use": r.unauthorized_use,
        "notes": r.notes,
        "alias_of": r.alias_of,
    })
}

/// What was asked: `kind` is `port`, `range`, `name` or `search`.
pub enum Asked<'a> {
    /// A parsed lookup query and its text as typed.
    Lookup(&'a str, &'a Query),
    /// `--search TEXT`.
    Search(&'a str),
}

fn query(asked: &Asked<'_>) -> Value {
    match asked {
        Asked::Search(text) => json!({
            "input": text, "kind": "search", "port": null, "port_end": null, "name": null, "protocol": null,
        }),
        Asked::Lookup(input, q) => {
            let (kind, port, end, name) = match &q.target {
                Target::Port(p) => ("port", Some(*p), Some(*p), None),
                Target::Range(r) => ("range", Some(r.start), Some(r.end), None),
                Target::Name(n) => ("name", None, None, Some(n.as_str())),
            };
            json!({
                "input": input, "kind": kind, "port": port, "port_end": end, "name": name,
                "protocol": q.protocol.map(Protocol::as_str),
            })
        }
    }
}

/// The whole answer to a lookup or a search.
pub fn answer(
    asked: &Asked<'_>,
    found: bool,
    statuses: &[PortStatus],
    rows: &[&'static Record],
    people: &[Contact],
    suggestions: &[iana_ports::Suggestion],
) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "registry": registry(),
        "query": query(asked),
        "found": found,
        "port_status": statuses.iter().map(|s| json!({
            "port": s.port,
            "protocol": s.protocol.as_str(),
            "status": s.status.as_str(),
            "rows": s.rows,
        })).collect::<Vec<_>>(),
        "records": rows.iter().map(|r| record(r)).collect::<Vec<_>>(),
        "contacts": people.iter().map(contact).collect::<Vec<_>>(),
        "suggestions": suggestions.iter().map(|s| json!({
            "name": s.name(),
            "port": s.port(),
            "protocol": s.protocol().map(Protocol::as_str),
        })).collect::<Vec<_>>(),
    })
}

/// `--info --json`.
pub fn info(i: &Info) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "registry": registry(),
        "rows": {
            "total": i.rows,
            "tcp": i.per_protocol[0],
            "udp": i.per_protocol[1],
            "sctp": i.per_protocol[2],
            "dccp": i.per_protocol[3],
            "no_protocol": i.no_protocol,
            "named": i.named,
            "without_port": i.without_port,
            "ranges": i.ranges,
            "assigned": i.per_status[0],
            "reserved": i.per_status[1],
            "unassigned": i.per_status[2],
        },
        "distinct_service_names": i.distinct_names,
        "contacts": { "people_table": i.people, "referenced_ids": i.referenced_ids },
    })
}
