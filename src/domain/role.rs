//! Roles, users, departments and categories, and which cases each role's scope covers.

use serde::{Deserialize, Serialize};

use super::case::Case;

pub type UserId = u32;
pub type DeptId = u32;
pub type CategoryId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// 接线员: registers cases, sees own registrations.
    Operator,
    /// 承办人: handles the department's cases.
    Officer,
    /// 信访专员: triage, assignment, review, feedback, follow-up, archive.
    Clerk,
    /// 督办领导: everything a clerk does plus approvals and urging.
    Supervisor,
    /// 管理员: users, departments, categories, policy, calendar.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Operator,
        Role::Officer,
        Role::Clerk,
        Role::Supervisor,
        Role::Admin,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The command-line spelling.
    pub fn code(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Officer => "officer",
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == text)
    }
}

/// A set of roles; a person may hold several.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Roles(u8);

impl Roles {
    pub fn all() -> Roles {
        Role::ALL.into_iter().collect()
    }

    pub fn has(self, r: Role) -> bool {
        self.0 & r.bit() != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.has(*r))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Role> for Roles {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Roles {
        Roles(iter.into_iter().fold(0, |acc, r| acc | r.bit()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    /// The OS login name; the shared server maps a socket peer to it.
    pub login: String,
    pub name: String,
    pub roles: Roles,
    pub dept: Option<DeptId>,
    pub active: bool,
}

impl User {
    /// Whether this role of the user reaches the case (DESIGN §3 "see cases").
    pub fn role_reaches(&self, role: Role, case: &Case) -> bool {
        if !self.roles.has(role) {
            return false;
        }
        match role {
            Role::Operator => case.registered_by == self.id,
            Role::Officer => self.dept.is_some() && case.department == self.dept,
            Role::Clerk | Role::Supervisor => true,
            Role::Admin => false,
        }
    }

    pub fn can_see(&self, case: &Case) -> bool {
        self.roles.iter().any(|r| self.role_reaches(r, case))
    }

    /// A confidential report's identity is hidden from everyone who reaches the case only as
    /// its handling department (《信访工作条例》第三十条).
    pub fn sees_identity(&self, case: &Case) -> bool {
        if !case.intake.complainant.confidential {
            return self.can_see(case);
        }
        [Role::Operator, Role::Clerk, Role::Supervisor]
            .into_iter()
            .any(|r| self.role_reaches(r, case))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: DeptId,
    pub name: String,
    /// Short code typed on the command line, e.g. `zjj`.
    pub code: String,
    pub active: bool,
    /// Other names people use for it (`市住建局`), so an accused unit typed that way is found.
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    /// The department that usually handles it, offered first at assignment.
    pub dept: Option<DeptId>,
    pub active: bool,
}
