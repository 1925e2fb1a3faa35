"""Formula safety for text a spreadsheet opens: a protective quote, added on export, removed on import."""

# A spreadsheet may run a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def neutralise(value: str) -> str:
    """Prefix one single quote to a value a spreadsheet could run as a formula.

    The rule looks past leading quotes, so a value that already starts with quotes before a formula
    character gets one more: restore() then removes exactly the one added here, and every value
    round-trips unchanged (``-1`` → ``'-1`` → ``-1``; ``'=x`` → ``''=x`` → ``'=x``).
    """
    if value.lstrip("'")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo neutralise(): drop one leading quote when a formula character follows the quotes."""
    if value.startswith("'") and value.lstrip("'")[:1] in FORMULA_STARTS:
        return value[1:]
    return value
