//! The gRPC method paths of BatonService.

use c1_proto::baton::{PACKAGE, path};

#[test]
fn method_paths_name_the_baton_service_methods() {
    assert_eq!(PACKAGE, "c1.connectorapi.baton.v1");
    assert_eq!(
        [
            path::HELLO,
            path::GET_TASK,
            path::HEARTBEAT,
            path::FINISH_TASK,
            path::UPLOAD_ASSET,
            path::START_DEBUGGING,
        ],
        [
            "/c1.connectorapi.baton.v1.BatonService/Hello",
            "/c1.connectorapi.baton.v1.BatonService/GetTask",
            "/c1.connectorapi.baton.v1.BatonService/Heartbeat",
            "/c1.connectorapi.baton.v1.BatonService/FinishTask",
            "/c1.connectorapi.baton.v1.BatonService/UploadAsset",
            "/c1.connectorapi.baton.v1.BatonService/StartDebugging",
        ]
    );
}

#[test]
fn packed_responses_carry_go_type_urls() {
    use c1_proto::connector::*;
    use prost::Name;
    assert_eq!(
        [
            GrantManagerServiceGrantResponse::type_url(),
            GrantManagerServiceRevokeResponse::type_url(),
            CreateAccountResponse::type_url(),
            DeleteResourceResponse::type_url(),
            RotateCredentialResponse::type_url(),
            CreateResourceResponse::type_url(),
            c1z::RateLimitDescription::type_url(),
            c1_proto::rpc::Status::type_url(),
        ],
        [
            "type.googleapis.com/c1.connector.v2.GrantManagerServiceGrantResponse",
            "type.googleapis.com/c1.connector.v2.GrantManagerServiceRevokeResponse",
            "type.googleapis.com/c1.connector.v2.CreateAccountResponse",
            "type.googleapis.com/c1.connector.v2.DeleteResourceResponse",
            "type.googleapis.com/c1.connector.v2.RotateCredentialResponse",
            "type.googleapis.com/c1.connector.v2.CreateResourceResponse",
            "type.googleapis.com/c1.connector.v2.RateLimitDescription",
            "type.googleapis.com/google.rpc.Status",
        ]
    );
}
