//! What can go wrong reading a sync for review.

/// An explorer error; each variant is something the caller tells the user to fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read (not a `.c1z`, corrupt, unreadable).
    #[error("reading the sync file")]
    Read(#[from] c1z::Error),
    /// The file holds no sync to read.
    #[error("the file holds no sync: run a sync into it first")]
    NoSync,
    /// A stored trait (of a user or a role) does not decode.
    #[error("the trait of {resource} does not decode")]
    Trait {
        /// The resource (`user:<id>`, `role:<id>`).
        resource: String,
        /// The decoding error.
        #[source]
        source: prost::DecodeError,
    },
    /// The explorer cannot listen on the address.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The server stopped on an I/O error.
    #[error("the explorer's server stopped")]
    Serve(#[source] std::io::Error),
    /// The explorer is stopping and has closed the file.
    #[error("the explorer is stopping")]
    Closed,
    /// Loading was cut short (the runtime is shutting down).
    #[error("interrupted while reading the sync")]
    Interrupted,
}

/// Result of explorer operations.
pub type Result<T> = std::result::Result<T, Error>;
