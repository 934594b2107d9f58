//! Lookups in the sync file, as the Go SDK makes them before a grant or revoke: the
//! entitlement (and the principal) by id in the latest sync.
//!
//! The file is the catalogue of what may be provisioned: an entitlement missing from it is
//! refused. It is not the truth about who holds what; that is always read from Zoom.

use std::path::{Path, PathBuf};

use c1z::{ReadOptions, Reader, ResourceId};

use super::ProvisionError;

/// Where the sync file is and how to read it.
#[derive(Debug, Clone)]
pub(crate) struct SyncFile {
    pub(crate) path: PathBuf,
    pub(crate) options: ReadOptions,
}

/// What the latest sync knows of a grant's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Listed {
    /// The principal is a resource of the sync.
    pub(crate) principal: bool,
    /// The entitled resource is a resource of the sync.
    pub(crate) resource: bool,
}

impl SyncFile {
    /// Checks that `entitlement` is in the latest sync and tells whether the principal and
    /// the entitled resource are. Reads on a blocking thread (SQLite).
    pub(crate) async fn lookup(
        &self,
        entitlement: &str,
        resource: ResourceId,
        principal: ResourceId,
    ) -> Result<Listed, ProvisionError> {
        let file = self.clone();
        let id = entitlement.to_owned();
        tokio::task::spawn_blocking(move || file.lookup_blocking(&id, &resource, &principal))
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
    }

    fn lookup_blocking(
        &self,
        entitlement: &str,
        resource: &ResourceId,
        principal: &ResourceId,
    ) -> Result<Listed, ProvisionError> {
        let failed = |error| ProvisionError::SyncFile {
            path: self.path.clone(),
            error,
        };
        if !self.path.exists() {
            return Err(ProvisionError::SyncFileMissing {
                path: self.path.clone(),
            });
        }
        let reader = Reader::open(&self.path, &self.options).map_err(failed)?;
        let view = reader.view(None).map_err(failed)?;
        if view.entitlement(entitlement).map_err(failed)?.is_none() {
            return Err(ProvisionError::UnknownEntitlement {
                id: entitlement.to_owned(),
                reason: not_synced(&self.path),
            });
        }
        Ok(Listed {
            principal: view.resource(principal).map_err(failed)?.is_some(),
            resource: view.resource(resource).map_err(failed)?.is_some(),
        })
    }
}

fn not_synced(path: &Path) -> String {
    format!(
        "it is not in the latest sync of {}; list valid ids with `baton-zoom entitlements`, or run a sync if it is new",
        path.display()
    )
}
