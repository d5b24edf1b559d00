//! Assignee and contact ids as indices into the table of ids: every person
//! of the XML's people table (sorted by id), then every bare id, one a CSV
//! names without the people table listing it.

use std::collections::HashMap;

use super::{Overflow, to_u16};
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
    pub(super) fn new(registry: &'a Registry) -> Result<Self, Overflow> {
        let mut index: HashMap<&str, u16> = HashMap::new();
        for (i, person) in registry.people.iter().enumerate() {
            index.insert(&person.id, to_u16(i, "the count of people")?);
        }
        let mut bare = Vec::new();
        for (row, r) in registry.rows.iter().enumerate() {
            for id in r.assignee.iter().chain(&r.contact) {
                if !index.contains_key(id.as_str()) {
                    index.insert(id, to_u16(index.len(), "the count of contact ids").map_err(|o| o.at_row(row))?);
                    bare.push(id.as_str());
                }
            }
        }
        Ok(IdLists { index, bare, lists: HashMap::new(), start: Vec::new(), pool: Vec::new() })
    }

    /// `ids` as one `u16`: 0 when empty, `1 + p` for the single id of index
    /// `p`, and `1 + ids + i` for the pooled list `i` of two or more.
    pub(super) fn intern(&mut self, ids: &[String]) -> Result<u16, Overflow> {
        // Every id was indexed by `new`; 0 only if a caller passed another registry's.
        let indices: Vec<u16> = ids.iter().map(|id| self.index.get(id.as_str()).copied().unwrap_or(0)).collect();
        match indices[..] {
            [] => return Ok(0),
            [one] => return to_u16(usize::from(one) + 1, "the count of contact ids"),
            _ => {}
        }
        let singles = self.index.len() + 1;
        if let Some(&list) = self.lists.get(&indices) {
            return Ok(list);
        }
        let list = to_u16(singles + self.start.len(), "the count of contact ids and lists of them")?;
        self.start.push(to_u16(self.pool.len(), "the pool of contact id lists")?);
        self.pool.extend_from_slice(&indices);
        self.lists.insert(indices, list);
        Ok(list)
    }
}
