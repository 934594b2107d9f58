//! The messages pinned byte for byte by the Go SDK's serialisations in `fixtures/`: each
//! fixture decodes to the values its README states, and the same values encode back to
//! exactly its bytes (client-sent and server-sent alike), so a wrong field number, wire type
//! or missing field fails here.

mod finish;
mod hello;
mod paths;
mod polling;
mod support;
mod tasks;
mod upload;
