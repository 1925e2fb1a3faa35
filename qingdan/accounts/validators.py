"""Password rules whose messages read in Chinese.

Django 5.2's MinimumLengthValidator message no longer matches its own Chinese catalog, so it would
show in English; this subclass says the same thing through our catalog. It also counts only characters
that are not whitespace: spaces of any width (ASCII, ideographic U+3000, no-break, zero-width) do not
make a password long.
"""

import unicodedata

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


def counted_length(password: str) -> int:
    """Characters that are not whitespace or invisible formatting (categories Z* and Cc, Cf)."""
    return sum(
        1
        for ch in password
        if not ch.isspace() and unicodedata.category(ch) not in {"Zs", "Zl", "Zp", "Cc", "Cf"}
    )


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if counted_length(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_error_message(self):
        return ngettext(
            "This password is too short: it needs at least %(min_length)d character, not counting spaces.",
            "This password is too short: it needs at least %(min_length)d characters, not counting spaces.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Use at least %(min_length)d character, not counting spaces.",
            "Use at least %(min_length)d characters, not counting spaces.",
            self.min_length,
        ) % {"min_length": self.min_length}
