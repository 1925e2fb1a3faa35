from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's sign-in form. A wrong password, an unknown user and a locked account (refused by
    backends.LockoutBackend) get the same words, so nobody can probe which accounts exist or are locked;
    a locked person learns when the lock ends from the administrator, or by signing in after it."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong username or password."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the county data exchange platform."),
        error_messages={
            "required": _("Please name the token, so you can recognise it later."),
            "max_length": _("The name may be at most %(limit_value)d characters."),
        },
    )
