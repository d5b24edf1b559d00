//! The port indexes: every row covering a port (the rows starting there,
//! found through [`RunIndex`], and the ranges begun before it, from the
//! range list of [`super::Tables`]) and the first name on a port (a
//! two-level dense index).

use std::collections::HashMap;

use super::{Overflow, to_u16};
use crate::layout;
use crate::model::{Proto, Registry};

/// Two-level dense index of the first name on each port, per protocol, up
/// to the last named block of any protocol: with
/// `n = min(port >> B, stride)`, the name id on protocol `p` is
/// `data[block[n * 4 + p] + port % 2^B]` (past `stride` blocks no port is
/// named: the last four entries are the empty block, and the `min` is a
/// conditional move, not a branch; the four protocols of a block are
/// neighbours, a shift away). Identical blocks of 2^B ports are stored once (high
/// ports are mostly empty, tcp/udp twins share names). Two dependent loads,
/// no popcount, and the stride a constant: 63 KiB instead of 72 KiB
/// untrimmed or 512 KiB dense.
///
/// Measured and dropped: a third level (deduplicated pages of block
/// offsets, 46 KiB) costs a third dependent load, 3.2x the dense index
/// instead of 2.2x; per-protocol trimming (60 KiB) puts a load of the
/// protocol's start at the head of the chain (2.6-2.8x).
#[derive(Debug, Default)]
pub struct NamedIndex {
    /// Named blocks per protocol.
    pub stride: usize,
    /// Per block of 2^B ports up to `stride`, per protocol: the offset of
    /// its distinct block in `data`; then four 0 (the empty block) that
    /// ports past `stride` blocks read.
    pub block: Vec<u16>,
    /// Distinct blocks of 2^B name ids (0 = no named row); block 0 is empty.
    pub data: Vec<u16>,
}

/// Where the rows starting at each port lie: the rows are sorted by first
/// port ([`super::limits`] checks it), so the rows starting at `port` are
/// one run of consecutive rows in block `port >> layout::RUN_BLOCK_BITS`.
#[derive(Debug, Default)]
pub struct RunIndex {
    /// Per block of `2^layout::RUN_BLOCK_BITS` ports, then one past the
    /// last: the first row starting in or after it (rows without a port,
    /// which come last, are past every block).
    pub block: Vec<u16>,
}

pub(super) fn build_runs(registry: &Registry) -> Result<RunIndex, Overflow> {
    let starts: Vec<u32> = registry.rows.iter().map_while(|r| r.ports.map(|(a, _)| u32::from(a))).collect();
    let block = (0..=(1u32 << (16 - layout::RUN_BLOCK_BITS)))
        .map(|b| to_u16(starts.partition_point(|&s| s < b << layout::RUN_BLOCK_BITS), "the count of rows"))
        .collect::<Result<_, _>>()?;
    Ok(RunIndex { block })
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

pub(super) fn build_named(registry: &Registry, rec_name: &[u16]) -> Result<NamedIndex, Overflow> {
    let mut named = NamedIndex::default();
    let block_len = 1 << layout::NAMED_BLOCK_BITS;
    let empty = vec![0u16; block_len];
    named.data.extend_from_slice(&empty);
    let mut blocks: HashMap<Vec<u16>, usize> = HashMap::from([(empty, 0)]);
    // Per protocol and port: the first name id, and the row that gave it
    // (to blame for an overflow).
    let mut first = vec![vec![0u16; 65536]; Proto::ALL.len()];
    let mut giver = vec![vec![0usize; 65536]; Proto::ALL.len()];
    for proto in Proto::ALL {
        let (first, giver) = (&mut first[proto.index()], &mut giver[proto.index()]);
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
    }
    // Blocks up to the last named port of any protocol: past it every lookup misses.
    let last = first.iter().filter_map(|f| f.iter().rposition(|&id| id != 0)).max();
    named.stride = last.map_or(0, |last| last / block_len + 1);
    for b in 0..named.stride {
        for proto in Proto::ALL {
            let chunk = &first[proto.index()][b * block_len..][..block_len];
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
            let blame = giver[proto.index()][b * block_len..][..block_len].iter().copied().max().unwrap_or(0);
            named.block.push(to_u16(at, what).map_err(|o| o.at_row(blame))?);
        }
    }
    // The empty block, for ports past the last named block.
    named.block.extend([0; 4]);
    Ok(named)
}
