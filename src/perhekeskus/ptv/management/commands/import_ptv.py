"""`perhekeskus import-ptv`: read PTV Open API v11 JSON from files or from the PTV API and
create or update organisations, service locations and services by their PTV ids; all or
nothing, with a report."""

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import override

from perhekeskus.ptv.client import DEFAULT_API, PtvClient, Scope
from perhekeskus.ptv.models import ImportRun
from perhekeskus.ptv.services import ptv_import_api, ptv_import_files


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _area(value: str) -> tuple[str, str]:
    area_type, _sep, code = value.partition(":")
    if not area_type or not code:
        raise ValueError(value)
    return area_type, code


class Command(BaseCommand):
    help = (
        "Import PTV (Suomi.fi service catalogue) JSON: files or directories of *.json "
        "(services, service channels, organisations; single objects, lists or pages), or the "
        "PTV API with --api and a scope (--organization, --area). Everything is checked first; "
        "when anything is wrong nothing is written and every error is listed. Later API runs "
        "fetch only what changed since the previous successful run."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="PTV JSON files or directories")
        parser.add_argument(
            "--api",
            nargs="?",
            const=DEFAULT_API,
            help=f"read from the PTV API (default {DEFAULT_API})",
        )
        parser.add_argument(
            "--organization",
            action="append",
            type=uuid.UUID,
            default=[],
            help="PTV id of an organisation whose services and channels to read (repeatable)",
        )
        parser.add_argument(
            "--area",
            action="append",
            type=_area,
            default=[],
            help="an area to read, TYPE:CODE, e.g. Municipality:297 (repeatable)",
        )
        parser.add_argument(
            "--since",
            type=_moment,
            help="only changes after this moment (ISO 8601, UTC if no offset); by default the "
            "start of the previous successful run",
        )
        parser.add_argument(
            "--full", action="store_true", help="read the whole scope, not only the changes"
        )
        parser.add_argument(
            "--check", action="store_true", help="check the documents only; write nothing"
        )
        parser.add_argument(
            "--language", choices=["fi", "sv", "en"], default="fi", help="language of the report"
        )
        parser.add_argument("--timeout", type=float, default=60.0)

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"]
        with override(language):
            if options["api"] and options["paths"]:
                raise CommandError(_("Give either files or --api, not both."))
            if options["api"]:
                scope = Scope(options["organization"], options["area"])
                if not scope.organisations and not scope.areas:
                    raise CommandError(
                        _("Name what to read from the API: --organization or --area.")
                    )
                run, _report = ptv_import_api(
                    client=PtvClient(options["api"], timeout=options["timeout"]),
                    scope=scope,
                    since=options["since"],
                    full=options["full"],
                    check_only=options["check"],
                    language=language,
                )
            elif options["paths"]:
                run, _report = ptv_import_files(
                    paths=options["paths"], check_only=options["check"], language=language
                )
            else:
                raise CommandError(_("Give PTV JSON files or directories, or --api."))
            if run.status == ImportRun.Status.REFUSED:
                self.stderr.write(run.report)
                raise CommandError(
                    _("%(count)d errors; nothing was imported.") % {"count": len(run.errors)},
                    returncode=2,
                )
            self.stdout.write(run.report)
