/// Filled in by scripts/size-report.sh.
const CONSTS: [u16; 0] = [];
