"""The staffing tables, split by area: quotas and reforms, modules and positions."""

from .positions import (
    Application,
    Module,
    Placement,
    Position,
    PositionItem,
    Score,
    ScoringRule,
    StaffPerson,
    TownModule,
)
from .quotas import (
    OfficeTemplate,
    QuotaMove,
    QuotaMoveLine,
    Reform,
    ReformMapping,
    ReformUnit,
    StaffedUnit,
    TemplateOffice,
    TownshipTemplate,
)

__all__ = [
    "Application",
    "Module",
    "OfficeTemplate",
    "Placement",
    "Position",
    "PositionItem",
    "QuotaMove",
    "QuotaMoveLine",
    "Reform",
    "ReformMapping",
    "ReformUnit",
    "Score",
    "ScoringRule",
    "StaffPerson",
    "StaffedUnit",
    "TemplateOffice",
    "TownModule",
    "TownshipTemplate",
]
