//! The Zoom connector behind the daemon: syncs with the sync engine, provisions with the
//! provisioning engine (trusting ConductorOne's entitlements, reading Zoom before writing).

use std::num::NonZeroUsize;
use std::path::Path;

use c1_proto::connector::{
    ConnectorMetadata, CreateAccountRequest, CreateAccountResponse, CreateAccountResult,
    DeleteResourceResponse, GrantManagerServiceGrantResponse, GrantManagerServiceRevokeResponse,
    SuccessResult,
};
use c1_service::{Code, Connector, TaskError};
use c1z::{Annotated, Entitlement, Grant, Resource, ResourceId, UserTrait};
use connector::provision::{
    DeleteOptions, NewAccount, Outcome, Principal, ProvisionError, Provisioner, Request,
};
use connector::sync::{NoProgress, SyncError, SyncOptions};
use zoom_api::Client;

/// A Zoom account as the daemon's connector.
pub struct ZoomConnector {
    client: Client,
    provisioner: Provisioner,
}

impl ZoomConnector {
    /// The connector for the account behind `client`.
    pub fn new(client: Client) -> ZoomConnector {
        let provisioner =
            Provisioner::new(client.clone(), connector::provision::Mode::Apply).trusting_caller();
        ZoomConnector {
            client,
            provisioner,
        }
    }

    async fn provision(&self, request: Request) -> Result<Outcome, TaskError> {
        self.provisioner
            .run(&request)
            .await
            .map(|report| report.outcome)
            .map_err(|error| provision_error(&error))
    }
}

impl Connector for ZoomConnector {
    fn metadata(&self) -> ConnectorMetadata {
        crate::metadata::connector_metadata()
    }

    async fn sync(&self, file: &Path, temp_dir: &Path) -> Result<(), TaskError> {
        // The uploaded file holds this sync only, as the Go SDK's fresh file per task does.
        let options = SyncOptions {
            temp_dir: Some(temp_dir.to_path_buf()),
            ..SyncOptions::new(file).with_cleanup(c1z::Cleanup::KeepNewest(NonZeroUsize::MIN))
        };
        let report = connector::sync::sync(&self.client, &options, &NoProgress)
            .await
            .map_err(|error| sync_error(&error))?;
        tracing::info!(
            sync_id = %report.sync_id,
            resumed = report.resumed,
            grants = report.grants,
            api_calls = report.api.total_calls(),
            "sync finished"
        );
        Ok(())
    }

    async fn grant(
        &self,
        entitlement: Entitlement,
        principal: Resource,
    ) -> Result<GrantManagerServiceGrantResponse, TaskError> {
        let principal = principal.id.unwrap_or_default();
        self.provision(Request::Grant {
            entitlement: entitlement.id,
            principal: Principal::new(principal.resource_type, principal.resource),
        })
        .await?;
        Ok(GrantManagerServiceGrantResponse::default())
    }

    async fn revoke(&self, grant: Grant) -> Result<GrantManagerServiceRevokeResponse, TaskError> {
        self.provision(Request::Revoke { grant: grant.id }).await?;
        Ok(GrantManagerServiceRevokeResponse::default())
    }

    async fn create_account(
        &self,
        request: CreateAccountRequest,
    ) -> Result<CreateAccountResponse, TaskError> {
        let info = request.account_info.unwrap_or_default();
        let email = info
            .emails
            .iter()
            .find(|email| email.is_primary)
            .or(info.emails.first())
            .map(|email| email.address.clone());
        let profile = info
            .profile
            .as_ref()
            .map(|profile| serde_json::Value::Object(c1z::json_from_struct(profile)).to_string());
        let login = Some(info.login.as_str()).filter(|login| !login.is_empty());
        let account = NewAccount::from_profile(profile.as_deref(), login, email.as_deref())
            .map_err(|error| provision_error(&error))?;
        let address = account.email.clone();
        let user_id = match self.provision(Request::CreateAccount(account)).await? {
            Outcome::Created { user_id, .. } | Outcome::AlreadyExists { user_id } => user_id,
            _ => None,
        };
        let user = Resource::new(
            ResourceId::new(connector::ids::USER, user_id.unwrap_or_default()),
            "",
        )
        .annotate(&UserTrait::new().with_email(address, true));
        Ok(CreateAccountResponse {
            result: Some(CreateAccountResult::Success(SuccessResult {
                resource: Some(user),
                is_create_account_result: true,
            })),
            ..CreateAccountResponse::default()
        })
    }

    async fn delete_resource(
        &self,
        resource_id: ResourceId,
    ) -> Result<DeleteResourceResponse, TaskError> {
        self.provision(Request::Delete {
            resource_type: resource_id.resource_type,
            resource_id: resource_id.resource,
            options: DeleteOptions::default(),
        })
        .await?;
        Ok(DeleteResourceResponse::default())
    }
}

/// A provisioning failure as ConductorOne sees it: a gRPC code that says what kind of
/// failure it is, retryable only when Zoom did not answer clearly (repeating the request
/// is safe: provisioning reads Zoom's state before every write).
fn provision_error(error: &ProvisionError) -> TaskError {
    let message = error.to_string();
    let code = match error {
        ProvisionError::MalformedId(_)
        | ProvisionError::MalformedPrincipal(_)
        | ProvisionError::UnknownEntitlement { .. }
        | ProvisionError::WrongPrincipalType { .. }
        | ProvisionError::InvalidProfile(_)
        | ProvisionError::MissingField { .. } => Code::InvalidArgument,
        ProvisionError::PrincipalNotFound { .. } | ProvisionError::ResourceNotFound { .. } => {
            Code::NotFound
        }
        ProvisionError::MissingScopes(_) => Code::PermissionDenied,
        ProvisionError::FixedRole { .. }
        | ProvisionError::OwnerProtected { .. }
        | ProvisionError::LicenseNotSettable { .. }
        | ProvisionError::PendingUser { .. }
        | ProvisionError::WrongResourceKind { .. }
        | ProvisionError::Refused(_)
        | ProvisionError::NotDeletable { .. } => Code::FailedPrecondition,
        ProvisionError::Zoom { error, .. } if is_transient(error) => {
            return TaskError::transient(Code::Unavailable, message);
        }
        _ => Code::Unknown,
    };
    TaskError::permanent(code, message)
}

/// A sync failure: retryable (the next run resumes), with a code for what went wrong.
fn sync_error(error: &SyncError) -> TaskError {
    let code = match error {
        SyncError::Zoom(source) if is_transient(source) => Code::Unavailable,
        SyncError::Zoom(zoom_api::Error::MissingScopes(_)) => Code::PermissionDenied,
        SyncError::Zoom(zoom_api::Error::Auth(_)) => Code::Unauthenticated,
        _ => Code::Unknown,
    };
    TaskError::transient(code, error.to_string())
}

fn is_transient(error: &zoom_api::Error) -> bool {
    matches!(
        error,
        zoom_api::Error::Transport { .. }
            | zoom_api::Error::Server { .. }
            | zoom_api::Error::RateLimited { .. }
    )
}
