"""The audit trail (审计日志): an append-only, hash-chained record of every state change and every
revealed personal number, readable within one's scope, filterable and exportable.

    actions.record   the one way any app writes an event
    chain.py         the hash chain that shows the trail was not edited
"""
