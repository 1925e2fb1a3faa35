"""The project's pages without the task checklists: the revocation offers no checklist link."""

from qingdan.urls import urlpatterns as project_urlpatterns

urlpatterns = [p for p in project_urlpatterns if getattr(p, "namespace", None) != "tasks"]
