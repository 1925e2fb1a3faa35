"""Sign-in, sign-out, password change and API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission

from . import actions
from .forms import LoginForm, TokenForm
from .models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lockout_failures"] = settings.QINGDAN_LOCKOUT_FAILURES
        context["lockout_minutes"] = settings.QINGDAN_LOCKOUT_MINUTES
        return context


class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule), so a link or an image cannot sign anyone out."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:token_list")

    def form_valid(self, form):
        actions.change_password(actor=self.request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return redirect(self.get_success_url())


def _token_page(request, form, status=200):
    tokens = access.visible(ApiToken.objects.all(), request.user)
    context = {
        "tokens": tokens,
        "form": form,
        "may_manage_tokens": access.can(request.user, Permission.MANAGE_TOKENS),
    }
    return render(request, "accounts/token_list.html", context, status=status)


@login_required
def token_list(request):
    return _token_page(request, TokenForm())


@never_cache
@login_required
@require_POST
def token_create(request):
    access.require(request.user, Permission.MANAGE_TOKENS)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _token_page(request, form, status=400)
    token, raw = actions.create_token(actor=request.user, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request, pk: int):
    access.require(request.user, Permission.MANAGE_TOKENS)
    token = access.get_visible_or_404(ApiToken, request.user, pk=pk)
    actions.revoke_token(actor=request.user, token=token)
    messages.success(request, _('The token "%(name)s" has been revoked.') % {"name": token.name})
    return redirect("accounts:token_list")
