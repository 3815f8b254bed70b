"""POST /api/v1/planning/proposals."""

from ninja import Router

router = Router(tags=["planning"])
