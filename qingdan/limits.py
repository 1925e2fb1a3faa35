"""Limits on what people type and send, each named once with the reason for its value.

Models, forms, actions and the API take their bounds from here, so a page, the API and the database
cannot disagree. A limit that is also a column's max_length changes only with a migration (and we do not
shrink columns that already hold data).
"""

MEGABYTE = 1024 * 1024

# Titles of checklists, work orders, form requests and catalog versions: one line a person reads in a
# list; 200 characters hold the longest official document titles in shared/data with room to spare.
# (A body's document title is 300 in its column: official document titles quoted in full.)
TITLE_CHARS = 200

# Free text that carries the substance: an order's text and its three statements, a form's purpose,
# a complaint, a screening request. 20,000 characters is about ten printed pages.
TEXT_CHARS = 20_000

# Reasons and notes beside a decision (review reasons, a revealed ID number's purpose, a value typed in
# a register). The API already bounds them at 2,000; a few sentences are what a reviewer writes, and the
# page shows them in full. Where actions still accept TEXT_CHARS for a reason, the API's 2,000 is the one
# to keep: no column is shorter than either.
REASON_CHARS = 2_000

# An uploaded spreadsheet or attachment through a page or the API: a county's catalog or a checklist is
# well under 1 MB; 20 MB leaves room for scanned attachments without letting one request fill the disk.
UPLOAD_BYTES = 20 * MEGABYTE

# The residents register import: a whole county (about a million rows) as .tsv is 60-90 MB, so this one
# import alone may be larger. settings.QINGDAN_MAX_IMPORT_BYTES overrides it.
REGISTER_IMPORT_BYTES = 100 * MEGABYTE
