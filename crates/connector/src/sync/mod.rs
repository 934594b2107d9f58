//! The sync engine: Zoom listings run concurrently and stream rows into a `.c1z`.
