"""Work admission (准入): a department's work order for townships and villages is screened against the
duty catalogs, reviewed by the county (through qingdan.review), dispatched by townships and worked by
villages as tasks, with complaints about work that bypassed admission.

    models.py     WorkOrder, its targets, screenings, review entries, attachments, assignments, VillageTask
    actions/      every state change (orders, review, dispatch, tasks, complaints), audited
    screen.py     the order's screening against each target's catalog
"""
