//! BatonService over gRPC: one TLS channel (system roots, `SSL_CERT_FILE` honoured), an
//! access token in the `authorization` metadata of every call, the SDK's user agent.

use std::time::Duration;

use c1_proto::baton::{
    BatonServiceFinishTaskRequest, BatonServiceFinishTaskResponse, BatonServiceGetTaskRequest,
    BatonServiceGetTaskResponse, BatonServiceHeartbeatRequest, BatonServiceHeartbeatResponse,
    BatonServiceHelloRequest, BatonServiceHelloResponse, BatonServiceUploadAssetRequest,
    BatonServiceUploadAssetResponse, path,
};
use futures::Stream;
use tonic::codegen::http::uri::PathAndQuery;
use tonic::metadata::MetadataValue;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint};
use tonic_prost::ProstCodec;

use crate::api::{BatonApi, RpcError};
use crate::credentials::{ClientId, ClientSecret};
use crate::tls;
use crate::token::{self, TokenSource};

/// How long dialling may take, as the Go SDK's blocking dial.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the client could not be set up (before any traffic).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The API host does not make a valid URL.
    #[error("invalid ConductorOne API host {host:?}: {reason}")]
    InvalidHost {
        /// The host as given.
        host: String,
        /// Why.
        reason: String,
    },
}

/// Which certificate authorities the client trusts for ConductorOne's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// The system's roots, where `SSL_CERT_FILE` and `SSL_CERT_DIR` are honoured as the Go
    /// connector honours them: what production uses.
    System,
    /// Only this CA certificate (PEM), e.g. a simulator's own, without touching the process
    /// environment.
    Only(String),
}

/// A BatonService client for one set of credentials.
#[derive(Debug, Clone)]
pub struct GrpcBaton {
    channel: Channel,
    address: String,
    tokens: std::sync::Arc<TokenSource>,
}

impl GrpcBaton {
    /// A client for `client_id`, talking to `api_host` (`BATON_C1_API_HOST`) when given, else
    /// to the client id's host; port 443 unless the host names one; trusting the
    /// certificates `trust` says. Makes no connection yet.
    pub fn new(
        client_id: ClientId,
        secret: ClientSecret,
        api_host: Option<&str>,
        trust: &Trust,
    ) -> Result<GrpcBaton, SetupError> {
        let host = api_host.unwrap_or(client_id.token_host()).to_owned();
        let invalid = |reason: String| SetupError::InvalidHost {
            host: host.clone(),
            reason,
        };
        let address = with_default_port(&host);
        let user_agent = format!("{} baton-sdk/{}", client_id.name(), crate::SDK_VERSION);
        let tls = match trust {
            Trust::System => ClientTlsConfig::new().with_native_roots(),
            Trust::Only(pem) => ClientTlsConfig::new().ca_certificate(Certificate::from_pem(pem)),
        }
        .domain_name(crate::assertion::audience(&host));
        let channel = Endpoint::from_shared(format!("https://{address}"))
            .and_then(|endpoint| endpoint.tls_config(tls))
            .and_then(|endpoint| endpoint.user_agent(user_agent))
            .map_err(|e| invalid(e.to_string()))?
            .connect_timeout(CONNECT_TIMEOUT)
            .connect_lazy();
        let tokens = TokenSource::new(client_id, secret, &host, trust)
            .map_err(|e| invalid(e.to_string()))?;
        Ok(GrpcBaton {
            channel,
            address,
            tokens: std::sync::Arc::new(tokens),
        })
    }

    /// A request carrying `message` and the access token.
    async fn request<M>(&self, message: M) -> Result<tonic::Request<M>, RpcError> {
        let authorization = self.tokens.authorization().await?;
        let mut value: MetadataValue<_> =
            token::expose(&authorization)
                .parse()
                .map_err(|_| RpcError::Status {
                    method: "authorization",
                    code: tonic::Code::Unauthenticated,
                    message: "the access token is not a valid header value".into(),
                })?;
        value.set_sensitive(true);
        let mut request = tonic::Request::new(message);
        request.metadata_mut().insert("authorization", value);
        Ok(request)
    }

    /// Makes one unary call.
    async fn unary<Req, Resp>(
        &self,
        method: &'static str,
        path: &'static str,
        mut request: tonic::Request<Req>,
        deadline: Option<Duration>,
    ) -> Result<Resp, RpcError>
    where
        Req: prost::Message + Send + Sync + 'static,
        Resp: prost::Message + Default + Send + Sync + 'static,
    {
        if let Some(deadline) = deadline {
            request.set_timeout(deadline);
        }
        let mut grpc = self.ready(method).await?;
        let call = grpc.unary(
            request,
            PathAndQuery::from_static(path),
            ProstCodec::default(),
        );
        let reply = match deadline {
            Some(deadline) => tokio::time::timeout(deadline, call)
                .await
                .unwrap_or_else(|_| Err(tonic::Status::deadline_exceeded("no reply in time"))),
            None => call.await,
        };
        reply
            .map(tonic::Response::into_inner)
            .map_err(|status| self.status_error(method, &status))
    }

    async fn ready(&self, method: &'static str) -> Result<tonic::client::Grpc<Channel>, RpcError> {
        let mut grpc = tonic::client::Grpc::new(self.channel.clone());
        grpc.ready().await.map_err(|error| RpcError::Status {
            method,
            code: tonic::Code::Unavailable,
            message: tls::innermost(&error),
        })?;
        Ok(grpc)
    }

    fn status_error(&self, method: &'static str, status: &tonic::Status) -> RpcError {
        if let Some(reason) = tls::certificate_problem(status) {
            return RpcError::UntrustedCertificate {
                address: self.address.clone(),
                reason,
            };
        }
        let message = match std::error::Error::source(status) {
            Some(_) => format!("{}: {}", status.message(), tls::innermost(status)),
            None => status.message().to_owned(),
        };
        RpcError::Status {
            method,
            code: status.code(),
            message,
        }
    }
}

impl BatonApi for GrpcBaton {
    async fn hello(&self, request: BatonServiceHelloRequest) -> Result<(), RpcError> {
        let request = self.request(request).await?;
        self.unary::<_, BatonServiceHelloResponse>("Hello", path::HELLO, request, None)
            .await
            .map(drop)
    }

    async fn get_task(
        &self,
        request: BatonServiceGetTaskRequest,
    ) -> Result<BatonServiceGetTaskResponse, RpcError> {
        let request = self.request(request).await?;
        self.unary("GetTask", path::GET_TASK, request, None).await
    }

    async fn heartbeat(
        &self,
        request: BatonServiceHeartbeatRequest,
    ) -> Result<BatonServiceHeartbeatResponse, RpcError> {
        let request = self.request(request).await?;
        self.unary("Heartbeat", path::HEARTBEAT, request, None)
            .await
    }

    async fn finish_task(
        &self,
        request: BatonServiceFinishTaskRequest,
        deadline: Duration,
    ) -> Result<(), RpcError> {
        let call = async {
            let request = self.request(request).await?;
            self.unary::<_, BatonServiceFinishTaskResponse>(
                "FinishTask",
                path::FINISH_TASK,
                request,
                Some(deadline),
            )
            .await
        };
        // The deadline covers fetching the token too.
        match tokio::time::timeout(deadline, call).await {
            Ok(result) => result.map(drop),
            Err(_) => Err(RpcError::Status {
                method: "FinishTask",
                code: tonic::Code::DeadlineExceeded,
                message: format!("no reply within {deadline:?}"),
            }),
        }
    }

    async fn upload_asset<S>(&self, messages: S) -> Result<(), RpcError>
    where
        S: Stream<Item = BatonServiceUploadAssetRequest> + Send + 'static,
    {
        let request = self.request(messages).await?;
        let mut grpc = self.ready("UploadAsset").await?;
        grpc.client_streaming::<_, _, BatonServiceUploadAssetResponse, _>(
            request,
            PathAndQuery::from_static(path::UPLOAD_ASSET),
            ProstCodec::default(),
        )
        .await
        .map(drop)
        .map_err(|status| self.status_error("UploadAsset", &status))
    }
}

/// `host:port`, with 443 when the host names no port.
fn with_default_port(host: &str) -> String {
    let has_port = match host.rsplit_once(':') {
        Some((name, port)) => {
            (!name.contains(':') || name.ends_with(']')) && port.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    };
    if has_port {
        host.to_owned()
    } else if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:443")
    } else {
        format!("{host}:443")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_443_unless_the_host_names_one() {
        assert_eq!(
            with_default_port("tenant.conductor.one"),
            "tenant.conductor.one:443"
        );
        assert_eq!(with_default_port("127.0.0.1:8443"), "127.0.0.1:8443");
        assert_eq!(with_default_port("[::1]:8443"), "[::1]:8443");
        assert_eq!(with_default_port("::1"), "[::1]:443");
    }
}
