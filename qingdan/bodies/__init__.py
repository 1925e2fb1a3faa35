"""Coordination bodies (议事协调机构): the ledger of a county's bodies, the cap on how many may be
active, set-up and revocation, meetings and documents, and the import of an existing ledger.
"""
