//! The simulator's TLS: a CA it makes at start (its PEM is written to a file a client can
//! trust, e.g. through `SSL_CERT_FILE`) and a server certificate from that CA for
//! `127.0.0.1` and `localhost`. ALPN offers `h2` (gRPC needs it) and `http/1.1` (for token
//! requests from HTTP/1 clients).

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::aws_lc_rs;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::error::SimError;

/// The made certificates, ready to serve.
pub(crate) struct Tls {
    pub(crate) server_config: Arc<ServerConfig>,
    /// The CA certificate in PEM.
    pub(crate) ca_pem: String,
}

/// A fresh CA and a server certificate it signed.
pub(crate) fn generate() -> Result<Tls, SimError> {
    let certificate_error = |e: rcgen::Error| SimError::Certificate(e.to_string());
    let ca_key = KeyPair::generate().map_err(certificate_error)?;
    let mut ca_params = CertificateParams::default();
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "c1-sim test CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca_params.self_signed(&ca_key).map_err(certificate_error)?;
    let issuer = Issuer::new(ca_params, ca_key);

    let server_key = KeyPair::generate().map_err(certificate_error)?;
    let mut server_params =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .map_err(certificate_error)?;
    server_params
        .distinguished_name
        .push(DnType::CommonName, "c1-sim");
    server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    server_params.use_authority_key_identifier_extension = true;
    let server_cert = server_params
        .signed_by(&server_key, &issuer)
        .map_err(certificate_error)?;

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let mut config = ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
        .with_safe_default_protocol_versions()
        .and_then(|builder| {
            builder
                .with_no_client_auth()
                .with_single_cert(vec![server_cert.der().clone()], key)
        })
        .map_err(|e| SimError::Certificate(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Tls {
        server_config: Arc::new(config),
        ca_pem: ca_cert.pem(),
    })
}
