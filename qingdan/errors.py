"""The exceptions the project raises on purpose. Their messages are fit to show the user (Chinese).

refusal_shown is the one way a page turns an ActionRefused into a message or a form error.
"""

from __future__ import annotations


class ActionRefused(Exception):
    """An action cannot be done as asked: bad input, wrong state, a conflict. Nothing was changed."""

    def __init__(self, message: str, *, problems: list | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class refusal_shown:  # lower case: it reads as `with refusal_shown(...)`
    """The one way a page shows an ActionRefused: as an error message, or as the form's own error.

        with refusal_shown(request) as shown:        # the message goes to django.contrib.messages
            actions.remove_row(user=user, row=row)
        if not shown.refused:
            messages.success(request, ...)

        with refusal_shown(form=form) as shown:      # the message is the form's non-field error
            actions.update_body(...)

        with refusal_shown(form=form, field="value"):  # … or the error of one of its fields
            actions.set_village_fact(...)

    Only ActionRefused stops here (nothing was changed); every other exception passes on.
    """

    def __init__(self, request=None, *, form=None, field: str | None = None):
        if (request is None) == (form is None):
            raise TypeError("refusal_shown takes a request or a form, not both")
        self.request = request
        self.form = form
        self.field = field
        self.refused = False
        self.message = ""

    def __enter__(self) -> refusal_shown:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if not isinstance(error, ActionRefused):
            return False
        self.refused = True
        self.message = error.message
        if self.form is not None:
            self.form.add_error(self.field, error.message)
        else:
            from django.contrib import messages

            messages.error(self.request, error.message)
        return True
