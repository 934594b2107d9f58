//! The simulator seen from outside, over TLS on loopback: the token endpoint's checks, the
//! bearer token on every call, validation, the task script driven by the Go SDK's own
//! serialised messages, uploads, outages, and the `c1-sim serve` process.

mod auth;
mod outage;
mod round_trip;
mod serve;
mod support;
mod tasks;
mod token;
mod upload;
