"""The burden ledger (减负台账): how much load reaches each village, and how much the county took off.

It holds figures, not events: ``sources.py`` names every figure (a ``Measure``) and the modules that
count them; ``derived.py`` counts what the platform already holds (orders, refusals, complaints, forms,
checklists, coordination bodies); the light ledger in ``burden.ledger`` counts what the platform cannot
see. ``refresh.py`` stores the counts in ``MonthlyFigure`` (one row per village, issuer, month and
measure), refreshed by a job after a change and fully by ``qingdan refresh-burden`` each night; pages
read only that table.
"""
