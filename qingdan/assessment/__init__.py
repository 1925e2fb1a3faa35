"""Village assessment (村级考核): yearly schemes under a cap that only goes down, each indicator tied to one
primary duty (主责事项) of the village lists, one indicator set per village type, scores computed from the
platform's own records, one joint visit per village a year, results, appeals and the cadres' pay link.

    AssessmentCap       the most indicators a village may be assessed on in a year (the county sets it)
    Scheme              a county's (or a township's, within the county's frame) scheme for one year
    Indicator           one indicator of one village type's set, linked to one primary duty item
    DroppedIndicator    why an indicator of last year's scheme is gone this year
    VillageKind         a village's type (城市社区 / 城郊村 / 园中村 / 农业村)
    JointTeam, Visit    the county's one team a year, and its one visit to each village
    Score               one indicator's value for one village: computed, self-reported, verified
    Result, CadrePay    a village's total, rank and grade; each cadre's performance pay and bonus
    Appeal, AppealEntry a village's appeal against its result, decided by the county (qingdan.review)

Every change goes through qingdan.assessment.actions.
"""
