"""Cadres seconded to communities (选派干部到社区实践锻炼), after Wuhan's programme (seed 004).

Programme        the county's rules: age limit (45), rank limit (副处级以下), full time, assessment
                 weights, and the organising unit. qingdan.orgs has no "organisation department" role, so
                 the programme names a county department Unit (the 县委组织部); that unit's department
                 clerks act as the organisation department: they approve batches, post, rotate, commend.
NominationBatch  one sending unit's list of nominees for a year, reviewed through qingdan.review
Cadre            a nominee: name, birth date, rank, education; ID number and phone encrypted, masked,
                 revealed with an audited reason exactly as residents' are (qingdan.registers.personal)
CommunityTag     why a community needs a cadre: large (管理幅度大), weak (薄弱), new (成立时间短)
Grid             a residential compound (小区) or grid (网格) of a community
Posting          a cadre in one community at a time, as 专职副书记 or 主任助理, covering compounds/grids
                 (a posting with none is incomplete and flagged); ended by rotation with a handover note
Resource, Need,  the three lists (资源清单、需求清单、项目清单): a sending unit offers, a community asks,
Project          a project links resources to needs and records what it achieved
WorkRecord       a short note of work done (attachments optional, never required)
Attendance       days present and on leave, confirmed once a month by the community — no check-in, no
                 location, no online time (the 2023–2026 rules on 指尖上的形式主义 forbid them)
Assessment       the year-end scores of community, street and sending unit, weighted by the county
Commendation     a list of cadres commended (通报表扬) in one batch

The county's limits read as published: "45岁以下" and "副处级以下" include the limit itself (以下 includes
the number), so a 45-year-old 副处级 cadre may be nominated and a 46-year-old or a 正处级 one may not.

Every change goes through actions.py; who sees what is in qingdan.access.rules (a sending unit its own
cadres, a community the cadres posted to it, the organiser and county roles the county, supervisors read).
sources.py offers the figures to the burden ledger (qingdan.burden.sources); the audit trail names its
actions in qingdan.audit.labels.
"""
