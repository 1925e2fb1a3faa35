"""The exceptions the project raises on purpose. Their messages are fit to show the user (Chinese)."""


class ActionRefused(Exception):
    """An action cannot be done as asked: bad input, wrong state, a conflict. Nothing was changed."""

    def __init__(self, message: str, *, problems: list | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []
