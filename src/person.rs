//! The registry's people (contacts) table, from the XML.

use core::fmt;

use crate::tables::{self, optional, string};

/// One person or organisation of the registry's contact table.
///
/// ```
/// let postel = iana_ports::person("Jon_Postel").unwrap();
/// assert_eq!(postel.id(), "Jon_Postel");
/// assert_eq!(postel.name(), Some("Jon Postel"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Person {
    pub(crate) id: u16,
    pub(crate) name: u16,
    pub(crate) org: u16,
    pub(crate) uris: u16,
    pub(crate) updated: u16,
}

impl Person {
    /// The id the CSV writes in brackets (`[Jon_Postel]` → `Jon_Postel`).
    ///
    /// ```
    /// assert_eq!(iana_ports::person("IESG").unwrap().id(), "IESG");
    /// ```
    pub const fn id(&self) -> &'static str {
        string(self.id)
    }

    /// Full name, if the registry gives one.
    ///
    /// ```
    /// assert_eq!(iana_ports::person("Travis_Ralston").unwrap().name(), Some("Travis Ralston"));
    /// ```
    pub const fn name(&self) -> Option<&'static str> {
        optional(self.name)
    }

    /// Organisation, if any.
    ///
    /// ```
    /// assert_eq!(iana_ports::person("_3GPP").unwrap().org(), Some("3GPP"));
    /// ```
    pub const fn org(&self) -> Option<&'static str> {
        optional(self.org)
    }

    /// First contact URI (IANA writes `@` as `&`: `mailto:a&b.org`).
    ///
    /// ```
    /// assert_eq!(iana_ports::person("_3GPP").unwrap().uri(), Some("mailto:dongwook.kim&etsi.org"));
    /// ```
    pub fn uri(&self) -> Option<&'static str> {
        self.uris().next()
    }

    /// Every contact URI, in registry order (a few people have two).
    ///
    /// ```
    /// assert_eq!(iana_ports::person("_3GPP").unwrap().uris().count(), 1);
    /// ```
    pub fn uris(&self) -> impl Iterator<Item = &'static str> + use<> {
        let text = string(self.uris);
        text.split('\n').filter(|u| !u.is_empty())
    }

    /// When the entry was last updated (`2003-11`), if known.
    ///
    /// ```
    /// assert_eq!(iana_ports::person("_3GPP").unwrap().updated(), Some("2026-01-23"));
    /// ```
    pub const fn updated(&self) -> Option<&'static str> {
        optional(self.updated)
    }
}

impl fmt::Debug for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Person")
            .field("id", &self.id())
            .field("name", &self.name())
            .field("org", &self.org())
            .field("uri", &self.uri())
            .field("updated", &self.updated())
            .finish()
    }
}

pub(crate) static PEOPLE: [Person; tables::PERSON_ID.len()] = {
    let mut out = [Person { id: 0, name: 0, org: 0, uris: 0, updated: 0 }; tables::PERSON_ID.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = Person {
            id: tables::PERSON_ID[i],
            name: tables::PERSON_NAME[i],
            org: tables::PERSON_ORG[i],
            uris: tables::PERSON_URIS[i],
            updated: tables::PERSON_UPDATED[i],
        };
        i += 1;
    }
    out
};

/// The person or organisation with this id (exact, as in the CSV without
/// brackets), from the registry's people table.
///
/// ```
/// assert!(iana_ports::person("Jon_Postel").is_some());
/// assert!(iana_ports::person("[Jon_Postel]").is_none());
/// ```
pub fn person(id: &str) -> Option<&'static Person> {
    PEOPLE.binary_search_by(|p| p.id().cmp(id)).ok().map(|i| &PEOPLE[i])
}

/// The whole people table, sorted by id.
///
/// ```
/// assert!(iana_ports::people().len() > 5000);
/// ```
pub fn people() -> &'static [Person] {
    &PEOPLE
}
