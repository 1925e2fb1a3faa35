"""The burden pages and downloads."""

from .files import area_export, area_print, department_export, village_export
from .pages import area_dashboard, area_heat, department_page, rebuild, reform_date, start, village_page

__all__ = [
    "area_dashboard",
    "area_export",
    "area_heat",
    "area_print",
    "department_export",
    "department_page",
    "rebuild",
    "reform_date",
    "start",
    "village_export",
    "village_page",
]
