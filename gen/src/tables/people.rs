//! Assignee and contact ids as indices into the table of ids: every person
//! of the XML's people table (sorted by id), then every bare id, one a CSV
//! names without the people table listing it.

use std::collections::HashMap;

use super::to_u16;
use crate::model::Registry;

/// Assignee and contact id lists as indices into the ids. Nearly every list
/// is one id, stored inline; longer lists are stored once each in a pool.
pub(super) struct IdLists<'a> {
    /// Id -> its index: people first, then bare ids in order of first use.
    index: HashMap<&'a str, u16>,
    /// The bare ids, in index order after the people.
    pub(super) bare: Vec<&'a str>,
    lists: HashMap<Vec<u16>, u16>,
    pub(super) start: Vec<u16>,
    pub(super) pool: Vec<u16>,
}

impl<'a> IdLists<'a> {
    /// Indexes the people, then every id of `registry`'s rows the people
    /// table lacks, so that every code is final before the first is handed out.
    pub(super) fn new(registry: &'a Registry) -> Self {
        let mut index: HashMap<&str, u16> =
            registry.people.iter().enumerate().map(|(i, p)| (p.id.as_str(), to_u16(i, "people"))).collect();
        let mut bare = Vec::new();
        for id in registry.rows.iter().flat_map(|r| r.assignee.iter().chain(&r.contact)) {
            if !index.contains_key(id.as_str()) {
                index.insert(id, to_u16(index.len(), "contact ids"));
                bare.push(id.as_str());
            }
        }
        IdLists { index, bare, lists: HashMap::new(), start: Vec::new(), pool: Vec::new() }
    }

    /// `ids` as one `u16`: 0 when empty, `1 + p` for the single id of index
    /// `p`, and `1 + ids + i` for the pooled list `i` of two or more.
    pub(super) fn intern(&mut self, ids: &[String]) -> u16 {
        // Every id was indexed by `new`; 0 only if a caller passed another registry's.
        let indices: Vec<u16> = ids.iter().map(|id| self.index.get(id.as_str()).copied().unwrap_or(0)).collect();
        match indices[..] {
            [] => return 0,
            [one] => return one + 1,
            _ => {}
        }
        let singles = self.index.len() + 1;
        if let Some(&list) = self.lists.get(&indices) {
            return list;
        }
        let list = to_u16(singles + self.start.len(), "ids and lists of ids");
        self.start.push(to_u16(self.pool.len(), "id list pool"));
        self.pool.extend_from_slice(&indices);
        self.lists.insert(indices, list);
        list
    }
}
