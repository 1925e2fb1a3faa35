"""A person's notifications: the list (digests for daily readers), marking read, the delivery choice."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.errors import refusal_shown

from . import actions, queries
from .models import Delivery, Notification

PAGE_SIZE = 50


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=gettext_lazy("How do you want to be told?"), choices=Delivery.choices, widget=forms.RadioSelect
    )


@login_required
def notification_list(request):
    user = request.user
    notifications = queries.inbox(user).prefetch_related("parts")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    delivery = actions.delivery_of(user)
    context = {
        "page": page,
        "delivery": delivery,
        "is_daily": delivery == Delivery.DAILY,
        "form": PreferenceForm(initial={"delivery": delivery}),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def mark_read(request):
    """Mark one notification read (`pk`), or all of them; then follow its link when asked to (`go`)."""
    user = request.user
    pk = request.POST.get("pk", "")
    if pk:
        notification = access.get_visible_or_404(Notification, user, pk=pk if pk.isdigit() else 0)
        actions.mark_read(user=user, notifications=Notification.objects.filter(pk=notification.pk))
        if request.htmx:
            notification.refresh_from_db()
            # The row, read now, and the unread counts of the link and the menu button (out-of-band swaps).
            return render(request, "notifications/_item.html", {"n": notification, "oob": True})
        target = notification.url
        if request.POST.get("go") and target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
            return redirect(target)
    else:
        count = actions.mark_read(user=user)
        messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_POST
def preference(request):
    form = PreferenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how you want to be told."))
        return redirect("notifications:list")
    with refusal_shown(request) as shown:
        actions.set_delivery(user=request.user, delivery=form.cleaned_data["delivery"])
    if not shown.refused:
        messages.success(request, _("Your choice has been saved."))
    return redirect("notifications:list")
