"""Account management pages (信息中心): the people of the admin's scope, their units and roles.

Every page needs Permission.MANAGE_ACCOUNTS (403 without it); a person outside the admin's scope is a
404, the same as a missing one. The changes themselves are made by qingdan.orgs.actions.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from . import actions
from .filters import PersonFilter
from .forms import PersonCreateForm, PersonForm
from .models import User

PAGE_SIZE = 50


def _people(user):
    return access.visible(User.objects.select_related("unit__division__parent"), user)


def _person(request, pk: int) -> User:
    access.require(request.user, Permission.MANAGE_ACCOUNTS)
    return access.get_visible_or_404(_people(request.user), request.user, pk=pk)


def _password_page(request, person: User, password: str, *, created: bool):
    """The one time a password is shown. Never cached, never put in a URL or a message."""
    response = render(
        request, "orgs/people/password.html", {"person": person, "password": password, "created": created}
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def person_list(request):
    user = request.user
    access.require(user, Permission.MANAGE_ACCOUNTS)
    filters = PersonFilter(request.GET, queryset=_people(user), user=user)
    people = filters.qs.order_by("unit__division__code", "unit__name", "username")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters.form}
    return render(request, "orgs/people/person_list.html", context)


@login_required
def person_create(request):
    user = request.user
    access.require(user, Permission.MANAGE_ACCOUNTS)
    form = PersonCreateForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_shown(form=form) as shown:
            person, password = actions.create_person(
                user=user,
                username=data["username"],
                full_name=data["full_name"],
                unit=data["unit"],
                role=data["role"],
                password=data["password"],
            )
        if not shown.refused:
            return _password_page(request, person, password, created=True)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/people/person_form.html", {"form": form}, status=status)


@login_required
def person_edit(request, pk: int):
    user = request.user
    person = _person(request, pk)
    initial = {"full_name": person.full_name, "unit": str(person.unit_id), "role": person.role}
    posted = request.POST if request.method == "POST" else None
    form = PersonForm(posted, initial=initial, user=user, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_shown(form=form) as shown:
            updated = actions.update_person(
                user=user, person=person, full_name=data["full_name"], unit=data["unit"], role=data["role"]
            )
        if not shown.refused:
            messages.success(request, _("The changes to %(person)s are saved.") % {"person": updated})
            return redirect("orgs:person_edit", updated.pk)
    context = {"form": form, "person": person, "is_self": person.pk == user.pk}
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/people/person_form.html", context, status=status)


def _act(request, pk: int, action, done: str):
    person = _person(request, pk)
    with refusal_shown(request) as shown:
        action(user=request.user, person=person)
    if not shown.refused:
        messages.success(request, done % {"person": person})
    return redirect("orgs:person_edit", person.pk)


@login_required
@require_POST
def person_deactivate(request, pk: int):
    return _act(
        request, pk, actions.deactivate_person, _("%(person)s is deactivated and can no longer sign in.")
    )


@login_required
@require_POST
def person_reactivate(request, pk: int):
    return _act(request, pk, actions.reactivate_person, _("%(person)s is active again and can sign in."))


@login_required
@require_POST
def person_unlock(request, pk: int):
    return _act(request, pk, actions.unlock_person, _("%(person)s is unlocked and may sign in again."))


@login_required
@require_POST
def person_password_reset(request, pk: int):
    person = _person(request, pk)
    with refusal_shown(request) as shown:
        password = actions.reset_password(user=request.user, person=person)
    if shown.refused:
        return redirect("orgs:person_edit", person.pk)
    return _password_page(request, person, password, created=False)
