from django.urls import include, path, re_path

from qingdan.api import api, no_such_endpoint
from qingdan.web.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>[\s\S]*)\Z", no_such_endpoint),  # JSON 404 for addresses no endpoint serves
    path("accounts/", include("qingdan.accounts.urls")),
    path("divisions/", include("qingdan.orgs.urls")),
    path("catalogs/", include("qingdan.duties.urls")),
    path("audit/", include("qingdan.audit.urls")),
    path("jobs/", include("qingdan.jobs.urls")),
    path("orders/", include("qingdan.admission.urls")),
    path("notifications/", include("qingdan.notifications.urls")),
    path("checklists/", include("qingdan.tasks.urls")),
    path("bodies/", include("qingdan.bodies.urls")),
    path("staffing/", include("qingdan.staffing.urls")),
    path("assessment/", include("qingdan.assessment.urls")),
    path("cadres/", include("qingdan.cadres.urls")),
    path("forms/", include("qingdan.forms.urls")),
    path("forms/", include("qingdan.registers.urls")),  # the registers keep their /forms/ addresses
    path("burden/ledger/", include("qingdan.burden.ledger.urls")),
    path("burden/", include("qingdan.burden.urls")),
    path("", include("qingdan.web.urls")),
]
