//! Reading TLS failures out of error chains, so an untrusted certificate is reported as
//! such (a fix for the operator) rather than as a transient network error.

use std::error::Error;

/// The certificate problem somewhere in `error`'s chain, if there is one.
pub(crate) fn certificate_problem(error: &(dyn Error + 'static)) -> Option<String> {
    chain(error).find_map(|cause| {
        let tls = cause.downcast_ref::<rustls::Error>().or_else(|| {
            cause
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        })?;
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

fn chain<'a>(error: &'a (dyn Error + 'static)) -> impl Iterator<Item = &'a (dyn Error + 'static)> {
    std::iter::successors(Some(error), |cause: &&'a (dyn Error + 'static)| {
        (*cause).source()
    })
}
