//! Provisioning subcommands a person can type: `grant`, `revoke`, `user create|activate|
//! deactivate|delete`, `invite delete`. Each becomes one connector request.

use clap::{Args, Subcommand, ValueEnum};
use connector::provision::{
    self, AccountStatus, DeleteOptions, NewAccount, Principal, Request, Transfer, TransferData,
};
use zoom_api::{CreateAction, DeleteAction, UserType};

/// Readable provisioning subcommands.
#[derive(Debug, Subcommand)]
pub enum ProvisionCommand {
    /// Grant an entitlement (e.g. group:abc:member) to a principal (user:xyz, group:abc, or a
    /// bare user id or email)
    Grant(GrantArgs),

    /// Revoke a grant, named by its id (e.g. group:abc:member:user:xyz)
    Revoke(RevokeArgs),

    /// Create, activate, deactivate or delete a Zoom user
    #[command(subcommand)]
    User(UserCommand),

    /// Remove a pending invitation
    #[command(subcommand)]
    Invite(InviteCommand),
}

/// `grant` arguments.
#[derive(Debug, Args)]
pub struct GrantArgs {
    /// Entitlement id: group:<id>:member, group:<id>:admin, role:<id>:member,
    /// contactGroup:<id>:member or license:<type>:assigned
    entitlement: String,

    /// Who receives it: user:<id>, group:<id> (contact groups only), or a user id or email
    #[arg(allow_hyphen_values = true)]
    principal: String,

    #[command(flatten)]
    change: ChangeArgs,
}

/// `revoke` arguments.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Grant id: <entitlement id>:<principal type>:<principal id>
    #[arg(allow_hyphen_values = true)]
    grant: String,

    #[command(flatten)]
    change: ChangeArgs,
}

/// `user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user: invite by email (action create, the default) or create it active
    Create(CreateArgs),

    /// Reactivate a deactivated user
    Activate(UserArgs),

    /// Deactivate a user: they cannot sign in and lose their licence
    Deactivate(UserArgs),

    /// Remove a user from the account (disassociate, the default) or delete it for good
    Delete(DeleteArgs),
}

/// `invite` subcommands.
#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Remove a pending invitation (Zoom disassociates it)
    Delete(InviteArgs),
}

/// `user create` arguments.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Email of the new user (their Zoom login)
    email: String,

    /// How Zoom creates the user: create (invitation, pending until accepted), autoCreate,
    /// custCreate or ssoCreate
    #[arg(long, default_value = "create", value_parser = create_action)]
    action: CreateAction,

    /// Licence type: basic, licensed, unassigned, none (ssoCreate only), or 1, 2, 4, 99
    #[arg(long, default_value = "basic", value_parser = license)]
    license: UserType,

    /// First name
    #[arg(long)]
    first_name: Option<String>,

    /// Last name
    #[arg(long)]
    last_name: Option<String>,

    /// Display name (Zoom uses first and last name when absent)
    #[arg(long)]
    display_name: Option<String>,

    /// A group to add the user to (with --action create, the invited user joins it on
    /// accepting)
    #[arg(long)]
    group: Option<String>,

    /// A role to give the user instead of Member (not with --action create: grant it once
    /// the invitation is accepted)
    #[arg(long)]
    role: Option<String>,

    #[command(flatten)]
    change: ChangeArgs,
}

/// Arguments naming one user.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// Zoom user id or email
    #[arg(allow_hyphen_values = true)]
    user: String,

    #[command(flatten)]
    change: ChangeArgs,
}

/// `user delete` arguments.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Zoom user id or email
    #[arg(allow_hyphen_values = true)]
    user: String,

    /// disassociate (the user keeps a free Zoom account) or delete (permanent)
    #[arg(long, value_enum, default_value_t = DeleteMode::Disassociate)]
    action: DeleteMode,

    /// Email of the user who receives the transferred data
    #[arg(long, requires = "transfer")]
    transfer_to: Option<String>,

    /// What to transfer, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', requires = "transfer_to")]
    transfer: Vec<TransferItem>,

    #[command(flatten)]
    change: ChangeArgs,
}

/// `invite delete` arguments.
#[derive(Debug, Args)]
pub struct InviteArgs {
    /// The invited email
    email: String,

    #[command(flatten)]
    change: ChangeArgs,
}

/// Flags every provisioning subcommand takes.
#[derive(Debug, Clone, Copy, Args)]
pub struct ChangeArgs {
    /// Print the Zoom calls the change would make, without making them
    #[arg(long, env = "BATON_DRY_RUN")]
    pub dry_run: bool,

    /// Output format of the result on stdout
    #[arg(short = 'o', long, value_enum, default_value_t = Output::Console)]
    pub output: Output,
}

/// How the result is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// A sentence, and in a dry run the calls, one per line.
    Console,
    /// One JSON object: action, object, subject, outcome, calls, dry_run.
    Json,
}

/// `--action` of `user delete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeleteMode {
    /// Unlink the user from the account; they keep a free Zoom account
    Disassociate,
    /// Delete the user permanently
    Delete,
}

/// One item of `--transfer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TransferItem {
    /// Upcoming meetings
    Meetings,
    /// Upcoming webinars
    Webinars,
    /// Cloud recordings
    Recordings,
    /// Whiteboards
    Whiteboards,
}

impl ProvisionCommand {
    /// The connector request and the change flags.
    pub fn request(&self) -> anyhow::Result<(Request, ChangeArgs)> {
        Ok(match self {
            ProvisionCommand::Grant(args) => (
                Request::Grant {
                    entitlement: args.entitlement.clone(),
                    principal: Principal::parse(&args.principal)?,
                },
                args.change,
            ),
            ProvisionCommand::Revoke(args) => (
                Request::Revoke {
                    grant: args.grant.clone(),
                },
                args.change,
            ),
            ProvisionCommand::User(UserCommand::Create(args)) => (
                Request::CreateAccount(NewAccount {
                    email: args.email.clone(),
                    action: args.action,
                    license: args.license,
                    first_name: args.first_name.clone(),
                    last_name: args.last_name.clone(),
                    display_name: args.display_name.clone(),
                    group_id: args.group.clone(),
                    role_id: args.role.clone(),
                }),
                args.change,
            ),
            ProvisionCommand::User(UserCommand::Activate(args)) => {
                (status(args, AccountStatus::Active), args.change)
            }
            ProvisionCommand::User(UserCommand::Deactivate(args)) => {
                (status(args, AccountStatus::Inactive), args.change)
            }
            ProvisionCommand::User(UserCommand::Delete(args)) => (
                Request::Delete {
                    resource_type: connector::ids::USER.to_owned(),
                    resource_id: args.user.clone(),
                    options: DeleteOptions {
                        action: match args.action {
                            DeleteMode::Disassociate => DeleteAction::Disassociate,
                            DeleteMode::Delete => DeleteAction::Delete,
                        },
                        transfer: args.transfer_to.as_ref().map(|to| Transfer {
                            to_email: to.clone(),
                            data: args.transfer.iter().map(|item| item.data()).collect(),
                        }),
                    },
                },
                args.change,
            ),
            ProvisionCommand::Invite(InviteCommand::Delete(args)) => (
                Request::Delete {
                    resource_type: connector::ids::INVITE.to_owned(),
                    resource_id: args.email.clone(),
                    options: DeleteOptions::default(),
                },
                args.change,
            ),
        })
    }
}

impl TransferItem {
    fn data(self) -> TransferData {
        match self {
            TransferItem::Meetings => TransferData::Meetings,
            TransferItem::Webinars => TransferData::Webinars,
            TransferItem::Recordings => TransferData::Recordings,
            TransferItem::Whiteboards => TransferData::Whiteboards,
        }
    }
}

fn status(args: &UserArgs, status: AccountStatus) -> Request {
    Request::SetStatus {
        user: args.user.clone(),
        status,
    }
}

fn create_action(text: &str) -> Result<CreateAction, String> {
    provision::parse_create_action(text).map_err(|e| e.to_string())
}

fn license(text: &str) -> Result<UserType, String> {
    provision::parse_license(text).map_err(|e| e.to_string())
}
