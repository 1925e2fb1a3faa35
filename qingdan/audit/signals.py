"""Login, logout and failed-login events go to the audit trail (see qingdan.accounts)."""
