//! The port indexes: every row covering a port (segments) and the first
//! name on a port (a two-level dense index).

use std::collections::{BTreeSet, HashMap};

use super::to_u16;
use crate::layout;
use crate::model::{Proto, Registry};

/// Per-protocol interval index: maximal port intervals over which the set of
/// covering rows is constant.
#[derive(Debug, Default)]
pub struct Segments {
    /// First port of each segment; protocols back to back.
    pub start: Vec<u16>,
    /// End (exclusive) of each segment's rows in `pool`.
    pub end: Vec<u16>,
    /// Record indices, registry order within a segment.
    pub pool: Vec<u16>,
    /// Per protocol, [`layout::SEG_BLOCK_STRIDE`] entries: the segment holding
    /// port `b << layout::SEG_BLOCK_BITS`, then
    /// one past the protocol's last segment.
    pub block: Vec<u16>,
}

/// Two-level dense index of the first name on each port, per protocol:
/// `data[block[proto << 12 | port >> 4] + port % 16]`. Identical blocks are
/// stored once (high ports are mostly empty, tcp/udp twins share names), so
/// the index stays compact while a lookup is two loads and no popcount.
#[derive(Debug, Default)]
pub struct NamedIndex {
    /// 4096 entries per protocol: offset in `data` of the block of 16 ports.
    pub block: Vec<u16>,
    /// Distinct blocks of 16 string ids (0 = no named row); block 0 is empty.
    pub data: Vec<u16>,
}

fn covering_rows(registry: &Registry, proto: Proto) -> Vec<(usize, u16, u16)> {
    registry
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.proto.is_none_or(|p| p == proto))
        .filter_map(|(i, r)| r.ports.map(|(a, b)| (i, a, b)))
        .collect()
}

pub(super) fn build_segments(registry: &Registry) -> Segments {
    let mut seg = Segments::default();
    for proto in Proto::ALL {
        let rows = covering_rows(registry, proto);
        // Sweep: at each boundary, rows whose range starts there join and
        // rows that ended just before leave.
        let mut starts: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut ends: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut bounds: BTreeSet<u32> = BTreeSet::from([0]);
        for &(i, a, b) in &rows {
            starts.entry(u32::from(a)).or_default().push(i);
            ends.entry(u32::from(b) + 1).or_default().push(i);
            bounds.insert(u32::from(a));
            bounds.insert(u32::from(b) + 1);
        }
        let mut active: BTreeSet<usize> = BTreeSet::new();
        let first = seg.start.len();
        let mut last: Option<Vec<usize>> = None;
        for &bound in bounds.iter().filter(|&&b| b <= 0xFFFF) {
            for i in ends.get(&bound).into_iter().flatten() {
                active.remove(i);
            }
            active.extend(starts.get(&bound).into_iter().flatten());
            let now: Vec<usize> = active.iter().copied().collect();
            if last.as_ref() == Some(&now) {
                continue; // same rows as the segment before: extend it
            }
            seg.start.push(bound as u16);
            seg.pool.extend(now.iter().map(|&i| to_u16(i, "record count")));
            seg.end.push(to_u16(seg.pool.len(), "segment rows"));
            last = Some(now);
        }
        let past = seg.start.len();
        for block in 0..(layout::SEG_BLOCK_STRIDE - 1) as u32 {
            let port = block << layout::SEG_BLOCK_BITS;
            let within = seg.start[first..past].partition_point(|&s| u32::from(s) <= port) - 1;
            seg.block.push(to_u16(first + within, "segments"));
        }
        seg.block.push(to_u16(past, "segments"));
    }
    seg
}

pub(super) fn build_named(registry: &Registry, rec_name: &[u16]) -> NamedIndex {
    let mut named = NamedIndex::default();
    let empty = vec![0u16; 1 << layout::NAMED_BLOCK_BITS];
    named.data.extend_from_slice(&empty);
    let mut blocks: HashMap<Vec<u16>, usize> = HashMap::from([(empty, 0)]);
    for proto in Proto::ALL {
        let mut first: Vec<u16> = vec![0; 65536];
        for (i, a, b) in covering_rows(registry, proto) {
            if rec_name[i] == 0 {
                continue;
            }
            for port in a..=b {
                let slot = &mut first[usize::from(port)];
                if *slot == 0 {
                    *slot = rec_name[i];
                }
            }
        }
        for chunk in first.chunks(1 << layout::NAMED_BLOCK_BITS) {
            let next = named.data.len();
            let at = *blocks.entry(chunk.to_vec()).or_insert_with(|| {
                named.data.extend_from_slice(chunk);
                next
            });
            named.block.push(to_u16(at, "named index data"));
        }
    }
    named
}
