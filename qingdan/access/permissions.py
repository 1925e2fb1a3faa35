"""What each role may do. Reading is decided by scope (gate.visible); this table decides writing."""

from enum import StrEnum

from qingdan.orgs.choices import Role


class Permission(StrEnum):
    IMPORT_CATALOG = "duties.import_catalog"
    EXPORT_CATALOG = "duties.export_catalog"
    PUBLISH_TEMPLATE = "duties.publish_template"
    ADOPT_TEMPLATE = "duties.adopt_template"
    APPLY_AMENDMENT = "duties.apply_amendment"
    CONSULT_AMENDMENT = "duties.consult_amendment"
    DECIDE_AMENDMENT = "duties.decide_amendment"
    VIEW_MIRROR = "duties.view_mirror"
    VIEW_AUDIT = "audit.view"
    MANAGE_ACCOUNTS = "orgs.manage_accounts"
    MANAGE_TOKENS = "accounts.manage_own_tokens"


_ALL_READERS = set(Role)

ROLE_PERMISSIONS: dict[Permission, set[Role]] = {
    Permission.IMPORT_CATALOG: {Role.CATALOG_OFFICE},
    Permission.EXPORT_CATALOG: _ALL_READERS,
    Permission.PUBLISH_TEMPLATE: {Role.CATALOG_OFFICE},
    Permission.ADOPT_TEMPLATE: {Role.CATALOG_OFFICE, Role.TOWNSHIP_DISPATCHER, Role.VILLAGE_CADRE},
    Permission.APPLY_AMENDMENT: {Role.CATALOG_OFFICE, Role.TOWNSHIP_DISPATCHER, Role.VILLAGE_CADRE},
    Permission.CONSULT_AMENDMENT: {Role.CATALOG_OFFICE, Role.REVIEWER},
    Permission.DECIDE_AMENDMENT: {Role.CATALOG_OFFICE},
    # The mirror page: a clerk reads their own department's (see gate.mirror_units), county roles any.
    Permission.VIEW_MIRROR: {Role.DEPT_CLERK, Role.CATALOG_OFFICE, Role.REVIEWER, Role.SUPERVISOR},
    Permission.VIEW_AUDIT: {Role.SUPERVISOR, Role.PLATFORM_ADMIN},
    Permission.MANAGE_ACCOUNTS: {Role.PLATFORM_ADMIN},
    Permission.MANAGE_TOKENS: set(Role) - {Role.SUPERVISOR},
}

# Permissions that only read; every other permission changes something.
READ_PERMISSIONS = {Permission.EXPORT_CATALOG, Permission.VIEW_MIRROR, Permission.VIEW_AUDIT}

# Roles that read their whole scope and change nothing.
READ_ONLY_ROLES = {Role.SUPERVISOR}
