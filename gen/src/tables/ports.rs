//! The port indexes: every row covering a port (segments) and the first
//! name on a port (a two-level dense index).

use std::collections::{BTreeSet, HashMap};

use super::{Overflow, to_u16};
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

/// Three-level dense index of the first name on each port, per protocol:
/// with `n = layout::named_block_number(port, proto)`, the name id is
/// `data[block[page[n >> P] + n % 2^P] + port % 2^B]`. Identical blocks of
/// 2^B ports are stored once (high ports are mostly empty, tcp/udp twins
/// share names), and so are identical pages of 2^P block offsets (sctp and
/// dccp are nearly empty): three loads, no popcount, 46 KiB instead of the
/// 72 KiB of two levels or 512 KiB of a dense array.
#[derive(Debug, Default)]
pub struct NamedIndex {
    /// Per page of blocks (every protocol back to back): offset in `block`
    /// of its distinct page.
    pub page: Vec<u16>,
    /// Distinct pages of 2^P block offsets into `data`.
    pub block: Vec<u16>,
    /// Distinct blocks of 2^B name ids (0 = no named row); block 0 is empty.
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

pub(super) fn build_segments(registry: &Registry) -> Result<Segments, Overflow> {
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
            // Blamed on the row that joined last: its range made the segment.
            let blame = |o: Overflow| o.at_row(now.last().copied().unwrap_or(0));
            seg.start.push(bound as u16);
            for &i in &now {
                seg.pool.push(to_u16(i, "the count of rows").map_err(blame)?);
            }
            seg.end.push(to_u16(seg.pool.len(), "the rows listed per port segment (SEG_POOL)").map_err(blame)?);
            last = Some(now);
        }
        let past = seg.start.len();
        for block in 0..(layout::SEG_BLOCK_STRIDE - 1) as u32 {
            let port = block << layout::SEG_BLOCK_BITS;
            let within = seg.start[first..past].partition_point(|&s| u32::from(s) <= port) - 1;
            seg.block.push(to_u16(first + within, "the count of port segments")?);
        }
        seg.block.push(to_u16(past, "the count of port segments")?);
    }
    Ok(seg)
}

pub(super) fn build_named(registry: &Registry, rec_name: &[u16]) -> Result<NamedIndex, Overflow> {
    let mut named = NamedIndex::default();
    let empty = vec![0u16; 1 << layout::NAMED_BLOCK_BITS];
    named.data.extend_from_slice(&empty);
    let mut blocks: HashMap<Vec<u16>, usize> = HashMap::from([(empty, 0)]);
    // Per block of every protocol, back to back: offset of its block in `data`.
    let mut offsets: Vec<u16> = Vec::new();
    for proto in Proto::ALL {
        let mut first: Vec<u16> = vec![0; 65536];
        // Per port: the row that gave it its name, to blame for an overflow.
        let mut giver: Vec<usize> = vec![0; 65536];
        for (i, a, b) in covering_rows(registry, proto) {
            if rec_name[i] == 0 {
                continue;
            }
            for port in a..=b {
                let slot = &mut first[usize::from(port)];
                if *slot == 0 {
                    *slot = rec_name[i];
                    giver[usize::from(port)] = i;
                }
            }
        }
        let block_len = 1 << layout::NAMED_BLOCK_BITS;
        for (b, chunk) in first.chunks(block_len).enumerate() {
            let at = match blocks.get(chunk) {
                Some(&at) => at,
                None => {
                    let at = named.data.len();
                    blocks.insert(chunk.to_vec(), at);
                    named.data.extend_from_slice(chunk);
                    at
                }
            };
            let what = "the first-name index's distinct blocks, in entries (NAMED_DATA)";
            let blame = giver[b * block_len..][..block_len].iter().copied().max().unwrap_or(0);
            offsets.push(to_u16(at, what).map_err(|o| o.at_row(blame))?);
        }
    }
    let mut pages: HashMap<&[u16], usize> = HashMap::new();
    for chunk in offsets.chunks(1 << layout::NAMED_PAGE_BITS) {
        let at = match pages.get(chunk) {
            Some(&at) => at,
            None => {
                let at = named.block.len();
                pages.insert(chunk, at);
                named.block.extend_from_slice(chunk);
                at
            }
        };
        // At most 4 x 2^13 block offsets: the pages always fit 16 bits.
        named.page.push(to_u16(at, "the first-name index's distinct pages, in entries (NAMED_BLOCK)")?);
    }
    Ok(named)
}
