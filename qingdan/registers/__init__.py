"""The base registers (基础台账) of villages: village profiles and residents, every value with its
history (models), the personal data kept encrypted (personal), value checks (values), the register
importers (importer), their pages, API and demo data. Every state change is in actions; read-only
helpers are in queries. The data dictionary the registers are keyed by is qingdan.forms'."""
