"""Township structure and staffing (机构编制).

Quotas and reforms (models/quotas.py, actions/quotas.py, actions/reforms.py)
    StaffedUnit     a unit's staffing facts: series, approved quotas by kind, leadership posts
    QuotaMove       the catalog office moving quotas down to townships in one act, with its document
    Reform          a reform's structure before and after and how old units map to new ones
    OfficeTemplate  which offices and centres a township sets up (五办三中心, 六办三中心, a county's own)
Modules and positions (models/positions.py, actions/positions.py, actions/scoring.py)
    Module          the county's module catalogue (6 main, 11 sub); TownModule what a town chose, and its lead
    Position        a post in a module, with its points and the duty-list items it carries
    StaffPerson     a person on the roster (行政/事业/编外/派驻), personal data kept as the registers keep it
    Placement       a person in a position (one primary, any secondary); Application the two-way choice
    ScoringRule     the county's four-part formula and caps; Score one person's year
"""
