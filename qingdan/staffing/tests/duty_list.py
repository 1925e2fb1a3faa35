"""A township's published duty list, written directly (as the catalog import would leave it)."""

from qingdan.duties.choices import ListKind
from qingdan.duties.models import Catalog, CatalogVersion, DutyItem


def township_list(township):
    catalog = Catalog.objects.create(
        division=township, county=township.county, level="township", name=f"{township.name}履职事项清单"
    )
    version = CatalogVersion.objects.create(
        catalog=catalog, county=township.county, number=1, status="published", source="import"
    )
    catalog.current_version = version
    catalog.save()
    kinds = [ListKind.BASIC, ListKind.BASIC, ListKind.COOPERATE, ListKind.WITHDRAWN]
    return [
        DutyItem.objects.create(
            version=version,
            county=township.county,
            position=n,
            list_kind=kind,
            item_no=str(n),
            name=f"事项{n}",
        )
        for n, kind in enumerate(kinds, start=1)
    ][:3]
