//! serde helpers (in progress).
