"""What every page needs to draw its navigation: the user's scope and what they may do."""

from django.db.models import Q

from qingdan import access
from qingdan.access import Permission
from qingdan.notifications.models import Delivery, Notification


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "scope_root": access.scope_root(user),
        "may_view_audit": access.can(user, Permission.VIEW_AUDIT),
        "may_import_catalog": access.can(user, Permission.IMPORT_CATALOG),
        "may_view_mirror": access.can(user, Permission.VIEW_MIRROR),
        "may_manage_accounts": access.can(user, Permission.MANAGE_ACCOUNTS),
        "may_submit_orders": access.can(user, Permission.SUBMIT_ORDER),
        "may_review_orders": access.can(user, Permission.REVIEW_ORDER),
        "may_dispatch_orders": access.can(user, Permission.DISPATCH_ORDER),
        "may_work_tasks": access.can(user, Permission.WORK_TASK),
        # Task checklists: anyone with a scope may be named on a row, so everyone sees the link.
        "may_view_checklists": access.scope_root(user) is not None,
        "may_view_bodies": access.can(user, Permission.VIEW_BODIES),
        # One set of forms: a village cadre goes straight to the forms due; everyone else to the start page.
        "may_fill_forms": access.can(user, Permission.FILL_FORM),
        "unread_notifications": _unread(user),
    }


def _unread(user) -> int:
    """Unread entries of the person's notification list, in one query: a daily reader counts digests,
    everyone else single notifications (see qingdan.notifications.queries.inbox)."""
    daily = Q(recipient__notification_preference__delivery=Delivery.DAILY)
    each = Q(recipient__notification_preference__isnull=True) | Q(
        recipient__notification_preference__delivery=Delivery.EACH
    )
    shown = (Q(is_digest=True) & daily) | (Q(is_digest=False) & each)
    unread = Notification.objects.filter(read_at__isnull=True)
    return access.visible(unread, user).filter(shown).count()
