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
    PROPOSE_ELEMENT = "forms.propose_element"
    MANAGE_DICTIONARY = "forms.manage_dictionary"
    VIEW_REGISTERS = "forms.view_registers"
    MANAGE_REGISTERS = "forms.manage_registers"
    REVEAL_PERSONAL = "forms.reveal_personal"
    REQUEST_FORM = "forms.request_form"
    REVIEW_FORM = "forms.review_form"
    FILL_FORM = "forms.fill_form"
    SUBMIT_ORDER = "admission.submit_order"
    REVIEW_ORDER = "admission.review_order"
    DISPATCH_ORDER = "admission.dispatch_order"
    WORK_TASK = "admission.work_task"
    FILE_COMPLAINT = "admission.file_complaint"
    HANDLE_COMPLAINT = "admission.handle_complaint"
    MANAGE_ACCOUNTS = "orgs.manage_accounts"
    MANAGE_TOKENS = "accounts.manage_own_tokens"
    VIEW_BODIES = "bodies.view"
    MANAGE_BODIES = "bodies.manage"
    CADRES_ORGANISE = "cadres.organise"
    CADRES_SEND = "cadres.send"
    CADRES_HOST = "cadres.host"
    CADRES_ASSESS_STREET = "cadres.assess_street"
    CADRES_MATCH = "cadres.match"
    CADRES_REVEAL = "cadres.reveal_personal"
    RECORD_BODY_WORK = "bodies.record_work"
    MANAGE_CHECKLIST = "tasks.manage_checklist"
    REPORT_PROGRESS = "tasks.report_progress"
    VIEW_STAFFING = "staffing.view"
    MANAGE_STAFFING = "staffing.manage"
    MANAGE_QUOTAS = "staffing.manage_quotas"
    STAFFING_REVEAL = "staffing.reveal_personal"
    MARK_MONITORING_POINT = "burden_ledger.mark_point"
    RECORD_LEDGER = "burden_ledger.record"
    REVIEW_VIOLATION = "burden_ledger.review_violation"
    MANAGE_ASSESSMENT = "assessment.manage"
    ASSESS_VILLAGES = "assessment.assess"
    REPORT_ASSESSMENT = "assessment.report"
    SET_REFORM_DATE = "burden.set_reform_date"
    REFRESH_BURDEN = "burden.refresh"


_ALL_READERS = set(Role)

ROLE_PERMISSIONS: dict[Permission, set[Role]] = {
    Permission.IMPORT_CATALOG: {Role.CATALOG_OFFICE},
    Permission.EXPORT_CATALOG: _ALL_READERS,
    Permission.PUBLISH_TEMPLATE: {Role.CATALOG_OFFICE},
    Permission.ADOPT_TEMPLATE: {Role.CATALOG_OFFICE, Role.TOWNSHIP_DISPATCHER, Role.VILLAGE_CADRE},
    # Reviewers apply too: a not-listed work order can become a request to amend the catalog.
    Permission.APPLY_AMENDMENT: {
        Role.CATALOG_OFFICE,
        Role.REVIEWER,
        Role.TOWNSHIP_DISPATCHER,
        Role.VILLAGE_CADRE,
    },
    Permission.CONSULT_AMENDMENT: {Role.CATALOG_OFFICE, Role.REVIEWER},
    Permission.DECIDE_AMENDMENT: {Role.CATALOG_OFFICE},
    # The mirror page: a clerk reads their own department's (see gate.mirror_units), county roles any.
    Permission.VIEW_MIRROR: {Role.DEPT_CLERK, Role.CATALOG_OFFICE, Role.REVIEWER, Role.SUPERVISOR},
    Permission.VIEW_AUDIT: {Role.SUPERVISOR, Role.PLATFORM_ADMIN},
    # One set of forms (一套表): departments request, the reviewer admits, villages fill from the registers.
    Permission.PROPOSE_ELEMENT: {Role.DEPT_CLERK, Role.CATALOG_OFFICE},
    Permission.MANAGE_DICTIONARY: {Role.CATALOG_OFFICE},
    # The registers (village profile, residents) are read down the tree; a department reads only the
    # results of its own forms, never the registers themselves (gate: _register_rule).
    Permission.VIEW_REGISTERS: set(Role) - {Role.DEPT_CLERK},
    Permission.MANAGE_REGISTERS: {Role.VILLAGE_CADRE, Role.TOWNSHIP_DISPATCHER, Role.CATALOG_OFFICE},
    # Revealing a masked ID number or phone is a read, but always with a reason that is audited.
    Permission.REVEAL_PERSONAL: {Role.VILLAGE_CADRE, Role.TOWNSHIP_DISPATCHER, Role.SUPERVISOR},
    Permission.REQUEST_FORM: {Role.DEPT_CLERK},
    Permission.REVIEW_FORM: {Role.REVIEWER},
    Permission.FILL_FORM: {Role.VILLAGE_CADRE},
    # Work admission (准入派单): department files → reviewer decides → township dispatches → village works.
    Permission.SUBMIT_ORDER: {Role.DEPT_CLERK},
    Permission.REVIEW_ORDER: {Role.REVIEWER},
    Permission.DISPATCH_ORDER: {Role.TOWNSHIP_DISPATCHER},
    Permission.WORK_TASK: {Role.VILLAGE_CADRE},
    Permission.FILE_COMPLAINT: {Role.TOWNSHIP_DISPATCHER, Role.VILLAGE_CADRE},
    Permission.HANDLE_COMPLAINT: {Role.REVIEWER},
    Permission.MANAGE_ACCOUNTS: {Role.PLATFORM_ADMIN},
    Permission.MANAGE_TOKENS: set(Role) - {Role.SUPERVISOR},
    # Coordination bodies (议事协调机构): everyone in the county reads the register; the catalog office sets
    # bodies up, revokes them and sets the caps; a department clerk records the meetings and documents of
    # the bodies their unit leads (objects.OBJECT_RULES adds "own unit"), a township office its own.
    Permission.VIEW_BODIES: _ALL_READERS,
    Permission.MANAGE_BODIES: {Role.CATALOG_OFFICE},
    Permission.RECORD_BODY_WORK: {Role.CATALOG_OFFICE, Role.DEPT_CLERK, Role.TOWNSHIP_DISPATCHER},
    # Cadres seconded to communities (选派干部到社区): no role is the organisation department, so the
    # county's programme names its organising unit and that unit's clerks organise (objects.OBJECT_RULES);
    # a sending unit's clerk nominates and lists resources; the community confirms attendance, records
    # work, lists needs and scores; the street scores; a sending unit or the community runs projects.
    Permission.CADRES_ORGANISE: {Role.DEPT_CLERK},
    Permission.CADRES_SEND: {Role.DEPT_CLERK},
    Permission.CADRES_HOST: {Role.VILLAGE_CADRE},
    Permission.CADRES_ASSESS_STREET: {Role.TOWNSHIP_DISPATCHER},
    Permission.CADRES_MATCH: {Role.DEPT_CLERK, Role.VILLAGE_CADRE},
    Permission.CADRES_REVEAL: {Role.DEPT_CLERK, Role.SUPERVISOR},
    # Task checklists (任务清单): county offices, departments and township offices keep their own unit's
    # checklists (objects.OBJECT_RULES adds "own unit"); the person named responsible on a row
    # reports its progress, whatever their role.
    Permission.MANAGE_CHECKLIST: {
        Role.CATALOG_OFFICE,
        Role.REVIEWER,
        Role.DEPT_CLERK,
        Role.TOWNSHIP_DISPATCHER,
    },
    Permission.REPORT_PROGRESS: set(Role) - {Role.SUPERVISOR},
    # Staffing (机构编制): a township keeps its own structure, roster and positions, the catalog office the
    # county's; only the catalog office sets and moves quotas, the module catalogue, reforms and rules.
    Permission.VIEW_STAFFING: _ALL_READERS,
    Permission.MANAGE_STAFFING: {Role.CATALOG_OFFICE, Role.TOWNSHIP_DISPATCHER},
    Permission.MANAGE_QUOTAS: {Role.CATALOG_OFFICE},
    # A roster person's ID number or phone, for an audited reason: the township for its own people, the
    # catalog office (编办) for the county's, supervisors in their scope.
    Permission.STAFFING_REVEAL: {Role.CATALOG_OFFICE, Role.TOWNSHIP_DISPATCHER, Role.SUPERVISOR},
    # The light ledger (burden.ledger): the county marks monitoring points; a point's village cadre (or
    # its township office, for its villages) keeps the ledger; the reviewer or the catalog office
    # confirms or dismisses a cap the rules set.
    Permission.MARK_MONITORING_POINT: {Role.CATALOG_OFFICE},
    Permission.RECORD_LEDGER: {Role.VILLAGE_CADRE, Role.TOWNSHIP_DISPATCHER},
    Permission.REVIEW_VIOLATION: {Role.REVIEWER, Role.CATALOG_OFFICE},
    # Village assessment (村级考核): county offices draw up the county's scheme and set the cap, a township
    # office its own scheme within the county's frame (the default object rule keeps each in its scope);
    # only the county's joint team assesses (departments run no assessments of their own); a village
    # reports what the platform cannot count and appeals its result.
    Permission.MANAGE_ASSESSMENT: {Role.CATALOG_OFFICE, Role.REVIEWER, Role.TOWNSHIP_DISPATCHER},
    Permission.ASSESS_VILLAGES: {Role.CATALOG_OFFICE, Role.REVIEWER},
    Permission.REPORT_ASSESSMENT: {Role.VILLAGE_CADRE},
    # The burden figures (burden): everyone reads those of their scope; the county's catalog office or
    # reviewer sets the reform date and asks for the figures to be computed again at once.
    Permission.SET_REFORM_DATE: {Role.CATALOG_OFFICE, Role.REVIEWER},
    Permission.REFRESH_BURDEN: {Role.CATALOG_OFFICE, Role.REVIEWER, Role.PLATFORM_ADMIN},
}

# Permissions that only read; every other permission changes something.
READ_PERMISSIONS = {
    Permission.VIEW_REGISTERS,
    Permission.REVEAL_PERSONAL,
    Permission.CADRES_REVEAL,
    Permission.STAFFING_REVEAL,
    Permission.EXPORT_CATALOG,
    Permission.VIEW_MIRROR,
    Permission.VIEW_AUDIT,
    Permission.VIEW_BODIES,
    Permission.VIEW_STAFFING,
}

# Roles that read their whole scope and change nothing.
READ_ONLY_ROLES = {Role.SUPERVISOR}
