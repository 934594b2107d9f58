//! Reading TLS failures out of error chains, so an untrusted certificate is reported as
//! such (a fix for the operator) rather than as a transient network error.

use std::error::Error;

/// The certificate problem somewhere in `error`'s chain, if there is one.
pub(crate) fn certificate_problem(error: &(dyn Error + 'static)) -> Option<String> {
    chain(error).find_map(|cause| {
        let tls = cause.downcast_ref::<rustls::Error>()?;
        matches!(
            tls,
            rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented
        )
        .then(|| tls.to_string())
    })
}

/// The text of the innermost cause, which names what really failed (e.g. "Connection
/// refused") where the outer ones only say "error sending request".
pub(crate) fn innermost(error: &(dyn Error + 'static)) -> String {
    chain(error)
        .last()
        .map_or_else(|| error.to_string(), ToString::to_string)
}

/// `error` and its causes. An `io::Error` wrapping another error is followed into that
/// error: its own `source()` skips it (and HTTP stacks wrap TLS failures in `io::Error`s,
/// sometimes twice).
fn chain<'a>(error: &'a (dyn Error + 'static)) -> impl Iterator<Item = &'a (dyn Error + 'static)> {
    std::iter::successors(Some(error), |&cause| next_cause(cause))
}

fn next_cause<'a>(cause: &'a (dyn Error + 'static)) -> Option<&'a (dyn Error + 'static)> {
    match cause
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        Some(wrapped) => Some(wrapped as &(dyn Error + 'static)),
        None => cause.source(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error whose source is an `io::Error` wrapping another `io::Error` that wraps a
    /// rustls error, as reqwest reports a refused certificate.
    #[derive(Debug, thiserror::Error)]
    #[error("error sending request")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn a_certificate_error_is_found_inside_nested_io_errors() {
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let inner = std::io::Error::new(std::io::ErrorKind::InvalidData, tls);
        let error = Outer(std::io::Error::other(inner));
        assert_eq!(
            certificate_problem(&error).as_deref(),
            Some("invalid peer certificate: UnknownIssuer")
        );
        assert_eq!(innermost(&error), "invalid peer certificate: UnknownIssuer");
    }

    #[test]
    fn other_failures_are_no_certificate_problem() {
        let error = Outer(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert_eq!(certificate_problem(&error), None);
        assert_eq!(innermost(&error), "connection refused");
    }
}
