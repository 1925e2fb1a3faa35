"""The queued refresh: after a change, recompute the county's marked divisions (refresh.mark queues it)."""

from django_tasks import task

from qingdan.orgs.models import Division


@task()
def refresh_county(county_id: int) -> int:
    from .refresh import refresh_marked

    county = Division.objects.filter(pk=county_id).first()
    return refresh_marked(county) if county is not None else 0
