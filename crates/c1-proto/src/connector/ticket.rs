//! Ticketing messages, which only ticket tasks carry.
//!
//! A Zoom connector has no ticketing, so their fields are not modelled: decoding a ticket
//! task skips them, and the task is answered as unsupported.

/// `c1.connector.v2.TicketRequest` (fields not modelled, see the module doc).
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct TicketRequest {}

/// `c1.connector.v2.TicketSchema` (fields not modelled, see the module doc).
#[derive(Clone, Copy, PartialEq, Eq, Hash, prost::Message)]
pub struct TicketSchema {}
