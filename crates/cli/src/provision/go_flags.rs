//! The Go SDK's one-shot provisioning flags, with its names, environment variables, hidden
//! status, "required together" and "mutually exclusive" rules and dispatch order (grant,
//! revoke, create account, delete resource: the first one given wins).

use anyhow::bail;
use clap::{ArgGroup, Args};
use connector::provision::{DeleteOptions, NewAccount, Principal, Request};

/// The Go SDK's provisioning flags. Flags taking Zoom ids accept values starting with `-`
/// (Zoom ids may), as the Go SDK's flag parser does.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("go-action-login")
        .args(["grant_entitlement", "revoke_grant", "create_account_login", "delete_resource"])
        .multiple(false)
))]
#[command(group(
    ArgGroup::new("go-action-email")
        .args(["grant_entitlement", "revoke_grant", "create_account_email", "delete_resource_type"])
        .multiple(false)
))]
pub struct GoFlags {
    /// The id of the entitlement to grant to the supplied principal
    #[arg(
        long,
        env = "BATON_GRANT_ENTITLEMENT",
        hide = true,
        allow_hyphen_values = true,
        requires = "grant_principal"
    )]
    pub grant_entitlement: Option<String>,

    /// The id of the resource to grant the entitlement to
    #[arg(
        long,
        env = "BATON_GRANT_PRINCIPAL",
        hide = true,
        allow_hyphen_values = true,
        requires = "grant_entitlement"
    )]
    pub grant_principal: Option<String>,

    /// The resource type of the principal to grant the entitlement to
    #[arg(long, env = "BATON_GRANT_PRINCIPAL_TYPE", hide = true)]
    pub grant_principal_type: Option<String>,

    /// The grant to revoke
    #[arg(
        long,
        env = "BATON_REVOKE_GRANT",
        hide = true,
        allow_hyphen_values = true
    )]
    pub revoke_grant: Option<String>,

    /// The login of the account to create
    #[arg(long, env = "BATON_CREATE_ACCOUNT_LOGIN", hide = true)]
    pub create_account_login: Option<String>,

    /// The email of the account to create
    #[arg(long, env = "BATON_CREATE_ACCOUNT_EMAIL", hide = true)]
    pub create_account_email: Option<String>,

    /// JSON-formatted object of map keys and values like '{ "key": "value" }'
    #[arg(long, env = "BATON_CREATE_ACCOUNT_PROFILE", hide = true)]
    pub create_account_profile: Option<String>,

    /// The id of the resource to delete
    #[arg(
        long,
        env = "BATON_DELETE_RESOURCE",
        hide = true,
        allow_hyphen_values = true,
        requires = "delete_resource_type"
    )]
    pub delete_resource: Option<String>,

    /// The type of the resource to delete
    #[arg(
        long,
        env = "BATON_DELETE_RESOURCE_TYPE",
        hide = true,
        requires = "delete_resource"
    )]
    pub delete_resource_type: Option<String>,

    /// This must be set in order for provisioning actions to be enabled (one-shot
    /// provisioning flags enable it themselves)
    #[arg(short = 'p', long, env = "BATON_PROVISIONING")]
    pub provisioning: bool,

    /// With a provisioning flag: print the Zoom calls it would make, without making them
    #[arg(long, env = "BATON_DRY_RUN")]
    pub dry_run: bool,
}

impl GoFlags {
    /// Whether any one-shot provisioning action was asked for.
    pub fn is_requested(&self) -> bool {
        [
            &self.grant_entitlement,
            &self.grant_principal,
            &self.revoke_grant,
            &self.create_account_login,
            &self.create_account_email,
            &self.create_account_profile,
            &self.delete_resource,
            &self.delete_resource_type,
        ]
        .into_iter()
        .any(|flag| given(flag).is_some())
    }

    /// The request the flags ask for, in the Go SDK's dispatch order.
    pub fn request(&self) -> anyhow::Result<Request> {
        if let (Some(entitlement), Some(principal)) =
            (given(&self.grant_entitlement), given(&self.grant_principal))
        {
            let Some(principal_type) = given(&self.grant_principal_type) else {
                bail!(
                    "--grant-principal-type is required with --grant-entitlement and --grant-principal: give the principal's resource type, e.g. --grant-principal-type user ($BATON_GRANT_PRINCIPAL_TYPE)"
                );
            };
            return Ok(Request::Grant {
                entitlement: entitlement.to_owned(),
                principal: Principal::new(principal_type, principal),
            });
        }
        if let Some(grant) = given(&self.revoke_grant) {
            return Ok(Request::Revoke {
                grant: grant.to_owned(),
            });
        }
        let profile = given(&self.create_account_profile);
        let login = given(&self.create_account_login);
        let email = given(&self.create_account_email);
        if profile.is_some() || login.is_some() || email.is_some() {
            let account = NewAccount::from_profile(profile, login, email)?;
            return Ok(Request::CreateAccount(account));
        }
        if let (Some(id), Some(resource_type)) = (
            given(&self.delete_resource),
            given(&self.delete_resource_type),
        ) {
            return Ok(Request::Delete {
                resource_type: resource_type.to_owned(),
                resource_id: id.to_owned(),
                options: DeleteOptions::default(),
            });
        }
        bail!(
            "unknown provisioning action: give --grant-entitlement with --grant-principal and --grant-principal-type, --revoke-grant, --create-account-email/--create-account-login/--create-account-profile, or --delete-resource with --delete-resource-type"
        )
    }
}

/// A flag's value, with empty values (e.g. an empty environment variable) read as absent.
fn given(flag: &Option<String>) -> Option<&str> {
    flag.as_deref().map(str::trim).filter(|v| !v.is_empty())
}
