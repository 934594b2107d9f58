//! `google.rpc.Status`, which prost-types does not ship: the code and message a task that
//! failed is finished with.

use prost_types::Any;

/// `google.rpc.Status`: a gRPC status code with its message and details.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Status {
    /// The gRPC code (`google.rpc.Code`): Unknown is 2, NotFound 5, Unimplemented 12 ...
    #[prost(int32, tag = "1")]
    pub code: i32,
    /// The error text.
    #[prost(string, tag = "2")]
    pub message: String,
    /// Typed details.
    #[prost(message, repeated, tag = "3")]
    pub details: Vec<Any>,
}

c1z::proto_name!("google.rpc"; Status => "Status");
