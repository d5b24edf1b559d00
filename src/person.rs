//! The registry's people (contacts) table, from the XML, and the contact
//! id lists of records that point into it.

use core::fmt;

use crate::tables::{self, person_text, string};

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
        person_text(self.name)
    }

    /// Organisation, if any.
    ///
    /// ```
    /// assert_eq!(iana_ports::person("_3GPP").unwrap().org(), Some("3GPP"));
    /// ```
    pub const fn org(&self) -> Option<&'static str> {
        person_text(self.org)
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
        let text = person_text(self.uris).unwrap_or("");
        text.split('\n').filter(|u| !u.is_empty())
    }

    /// When the entry was last updated (`2003-11`), if known.
    ///
    /// ```
    /// assert_eq!(iana_ports::person("_3GPP").unwrap().updated(), Some("2026-01-23"));
    /// ```
    pub const fn updated(&self) -> Option<&'static str> {
        person_text(self.updated)
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

/// The people table: the first `PERSON_NAME.len()` ids of `ID_TEXT`.
pub(crate) static PEOPLE: [Person; tables::PERSON_NAME.len()] = {
    let mut out = [Person { id: 0, name: 0, org: 0, uris: 0, updated: 0 }; tables::PERSON_NAME.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = Person {
            id: tables::ID_TEXT[i],
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

/// A list of contact ids (`[Vera_Heinau][Heiko_Schlichting]` in the CSV),
/// iterated without brackets; [`Display`](fmt::Display) writes them as the
/// CSV does.
///
/// The ids are stored as indices into the registry's table of ids: first
/// every person of the XML's people table, then the ids a CSV names that the
/// people table lacks (a CSV of another date can name someone IANA has
/// dropped since). Such a bare id iterates and displays as written, and
/// [`people`](Ids::people) simply has no entry for it.
///
/// ```
/// let http = iana_ports::by_name("http").next().unwrap();
/// assert_eq!(http.assignee().collect::<Vec<_>>(), ["IESG"]);
/// assert_eq!(http.contact().to_string(), "[IETF_Chair]");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ids {
    /// `1 +` the index of the first person, when it is stored inline (0 when
    /// not: then every person is in `rest`).
    first: u16,
    /// Indices of the other people.
    rest: &'static [u16],
}

impl Ids {
    /// The ids encoded as `DETAIL_ASSIGNEE` writes them: 0 none, `1 + p` the
    /// single id `p` of `ID_TEXT`, `1 + ID_TEXT.len() + i` list `i` of
    /// `ID_LIST_START`.
    pub(crate) fn decode(code: u16) -> Ids {
        let singles = tables::ID_TEXT.len() + 1;
        match (code as usize).checked_sub(singles) {
            None => Ids { first: code, rest: &[] },
            Some(list) => {
                let start = tables::ID_LIST_START[list] as usize;
                let end = tables::ID_LIST_START[list + 1] as usize;
                Ids { first: 0, rest: &tables::ID_POOL[start..end] }
            }
        }
    }

    /// Whether there are no ids.
    ///
    /// ```
    /// assert!(iana_ports::by_name("9pfs").next().unwrap().contact().is_empty());
    /// ```
    pub const fn is_empty(&self) -> bool {
        self.first == 0 && self.rest.is_empty()
    }

    /// The people these ids name, from the XML's people table; an id the
    /// people table lacks has no entry.
    ///
    /// ```
    /// let fed = iana_ports::by_name("matrix-fed").next().unwrap();
    /// let who = fed.contact().people().next().unwrap();
    /// assert_eq!(who.name(), Some("Travis Ralston"));
    /// ```
    pub fn people(self) -> impl Iterator<Item = &'static Person> {
        self.indices().filter_map(|p| PEOPLE.get(usize::from(p)))
    }

    /// Indices into `ID_TEXT`, in order.
    fn indices(self) -> impl DoubleEndedIterator<Item = u16> + Clone {
        self.first.checked_sub(1).into_iter().chain(self.rest.iter().copied())
    }

    /// The bytes [`Display`](fmt::Display) writes (`[A][B]`), for `search`.
    pub(crate) fn csv_bytes(self) -> impl Iterator<Item = u8> + Clone {
        self.indices().flat_map(|p| {
            let id = person_id(p).as_bytes().iter().copied();
            core::iter::once(b'[').chain(id).chain(core::iter::once(b']'))
        })
    }
}

/// Id `index` of `ID_TEXT`: a person's, or a bare id's.
fn person_id(index: u16) -> &'static str {
    string(tables::ID_TEXT[index as usize])
}

impl Iterator for Ids {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        if self.first != 0 {
            let id = person_id(self.first - 1);
            self.first = 0;
            return Some(id);
        }
        let (&p, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(person_id(p))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = usize::from(self.first != 0) + self.rest.len();
        (len, Some(len))
    }
}

impl DoubleEndedIterator for Ids {
    fn next_back(&mut self) -> Option<&'static str> {
        if let Some((&p, rest)) = self.rest.split_last() {
            self.rest = rest;
            return Some(person_id(p));
        }
        if self.first == 0 {
            return None;
        }
        let id = person_id(self.first - 1);
        self.first = 0;
        Some(id)
    }
}

impl ExactSizeIterator for Ids {}

impl core::iter::FusedIterator for Ids {}

impl fmt::Display for Ids {
    /// The ids as the CSV writes them, with brackets: `[Jon_Postel]`,
    /// `[A][B]`, nothing when there are none.
    ///
    /// ```
    /// assert_eq!(iana_ports::by_name("echo").next().unwrap().contact().to_string(), "[Jon_Postel]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for id in *self {
            write!(f, "[{id}]")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Ids {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(*self).finish()
    }
}

#[cfg(test)]
mod tests {
    use crate::tables;

    /// Person texts live in `PERSON_STRINGS` alone: the record columns' blob
    /// (read by every column and by `search`) holds none of them; no CSV row
    /// holds a `mailto:` URI or a person's full name.
    #[test]
    fn person_texts_are_not_in_the_record_columns_blob() {
        let postel = crate::person("Jon_Postel").unwrap();
        for text in [postel.name().unwrap(), postel.uri().unwrap(), "mailto:"] {
            assert!(tables::PERSON_STRINGS.contains(text), "{text:?} is not in the people blob");
            assert!(!tables::STRINGS.contains(text), "{text:?} is in the record columns' blob");
        }
        assert!(tables::STRINGS.contains("Jon_Postel"), "contact ids are record-column text");
    }
}
