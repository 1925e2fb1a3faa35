"""Organisations: the division tree (county, townships, villages), units, and people with their role,
which with their unit decides their scope (see qingdan.access); account management pages and actions.
"""
