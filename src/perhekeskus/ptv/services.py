"""Writes: an import run (from files or from the PTV API), and a maintainer's decision on a
conflict. Each in one transaction."""

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from perhekeskus.ptv import access, selectors
from perhekeskus.ptv.client import PtvClient, Scope, api_items
from perhekeskus.ptv.documents import Item, Problem, files_read
from perhekeskus.ptv.fields import object_write
from perhekeskus.ptv.importer import KINDS, Importer, Report
from perhekeskus.ptv.models import ClassificationMapping, Conflict, ImportRun

logger = logging.getLogger(__name__)

ItemsReader = Callable[[list[Problem], list[Problem]], list[Item]]


def ptv_import_files(
    *, paths: list[Path], check_only: bool = False, language: str | None = None
) -> tuple[ImportRun, Report]:
    """Import PTV JSON files (files, or directories of `*.json`)."""
    return _run(
        mode=ImportRun.Mode.FILES,
        source=", ".join(str(p) for p in paths),
        scope="",
        since=None,
        read=lambda errors, warnings: files_read(paths, errors, warnings),
        check_only=check_only,
        language=language,
    )


def ptv_import_api(
    *,
    client: PtvClient,
    scope: Scope,
    since: datetime | None = None,
    full: bool = False,
    check_only: bool = False,
    language: str | None = None,
) -> tuple[ImportRun, Report]:
    """Import from the PTV API: the whole scope on the first run (or with `full`), afterwards
    only what changed since the previous successful run (or since `since`)."""
    if since is None and not full:
        previous = selectors.last_successful_api_run(source=client.base, scope=str(scope))
        since = previous.started_at if previous else None
    return _run(
        mode=ImportRun.Mode.API,
        source=client.base,
        scope=str(scope),
        since=since,
        read=lambda errors, _warnings: api_items(client, scope, since, errors),
        check_only=check_only,
        language=language,
    )


def _run(
    *,
    mode: str,
    source: str,
    scope: str,
    since: datetime | None,
    read: ItemsReader,
    check_only: bool,
    language: str | None,
) -> tuple[ImportRun, Report]:
    language = language or settings.LANGUAGE_CODE
    started = timezone.now()
    report = Report()
    fields = {
        "mode": mode,
        "source": source,
        "scope": scope,
        "changes_since": since,
        "started_at": started,
        "language": language,
    }
    with translation.override(language):
        importer = Importer(read(report.errors, report.warnings), report)
        importer.parse()
        importer.check()
        if not report.ok or check_only:
            status = ImportRun.Status.CHECKED if report.ok else ImportRun.Status.REFUSED
            run = ImportRun(status=status, **fields)
            _finish(run, report)
            run.save()
            return run, report
        try:
            with transaction.atomic():
                run = ImportRun.objects.create(status=ImportRun.Status.SUCCEEDED, **fields)
                importer.write(run)
                _finish(run, report)
                run.save()
        except Exception as exc:
            logger.exception("PTV import failed")
            report.errors.append(
                Problem(source, "$", _("the import failed: %(error)s") % {"error": exc})
            )
            run = ImportRun(status=ImportRun.Status.FAILED, **fields)
            _finish(run, report)
            run.save()
            raise
    return run, report


def _finish(run: ImportRun, report: Report) -> None:
    run.finished_at = timezone.now()
    run.counts = {"read": report.read, **report.counts}
    run.conflicts = report.conflicts
    run.unmapped = report.unmapped
    run.errors = [e.as_dict() for e in report.errors]
    run.warnings = [w.as_dict() for w in report.warnings]
    run.report = report_text(run, report)


def report_text(run: ImportRun, report: Report) -> str:
    """The run's report as printed by the command and shown in the admin."""
    kinds = {
        "organisation": pgettext("ptv", "Organisations"),
        "site": pgettext("ptv", "Service locations (sites)"),
        "service": pgettext("ptv", "Services"),
    }
    lines = [
        _("PTV import %(when)s: %(status)s")
        % {
            "when": timezone.localtime(run.started_at).strftime("%Y-%m-%d %H:%M"),
            "status": run.get_status_display(),
        },
        _("Read from: %(source)s") % {"source": run.source},
    ]
    if run.scope:
        lines.append(_("Scope: %(scope)s") % {"scope": run.scope})
    if run.changes_since:
        lines.append(
            _("Only changes since %(moment)s")
            % {"moment": timezone.localtime(run.changes_since).strftime("%Y-%m-%d %H:%M:%S")}
        )
    if report.read:
        read = {
            "organisation": pgettext("ptv", "organisations"),
            "service": pgettext("ptv", "services"),
            "ServiceLocation": pgettext("ptv", "service locations"),
            "Phone": pgettext("ptv", "phone channels"),
            "EChannel": pgettext("ptv", "e-services"),
            "WebPage": pgettext("ptv", "web pages"),
            "PrintableForm": pgettext("ptv", "printable forms"),
        }
        lines.append(
            _("Read: %(counts)s")
            % {
                "counts": ", ".join(
                    f"{read.get(kind, kind)} {n}" for kind, n in sorted(report.read.items())
                )
            }
        )
    for kind in KINDS:
        counts = report.counts.get(kind)
        if counts:
            lines.append(
                _(
                    "%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d "
                    "unchanged, %(conflicts)d conflicts"
                )
                % {"kind": kinds[kind], **counts}
            )
    if report.conflicts:
        lines.append("")
        lines.append(_("Conflicts (our value is kept until a maintainer decides):"))
        for c in report.conflicts:
            lines.append(
                _('  %(name)s (%(ptv_id)s) %(field)s: ours "%(ours)s", PTV "%(ptv)s"')
                % {
                    **c,
                    "ours": selectors.conflict_value_text(c["field"], c["ours"]),
                    "ptv": selectors.conflict_value_text(c["field"], c["ptv"]),
                }
            )
    if report.unmapped:
        code_kinds = dict(ClassificationMapping.Kind.choices)
        lines.append("")
        lines.append(_("Codes without a mapping (add them in the admin):"))
        for u in report.unmapped:
            lines.append(
                _("  %(kind)s %(code)s %(label)s: %(services)d services")
                % {**u, "kind": code_kinds.get(u["kind"], u["kind"]), "label": u["label"] or ""}
            )
    if report.untyped:
        lines.append("")
        lines.append(_("Services without a service type, kept as drafts:"))
        lines += [f"  {s['name']} ({s['ptv_id']})" for s in report.untyped]
    if report.warnings:
        lines.append("")
        lines.append(_("Warnings:"))
        lines += [f"  {w}" for w in report.warnings]
    if report.errors:
        lines.append("")
        lines.append(_("%(count)d errors; nothing was written:") % {"count": len(report.errors)})
        lines += [f"  {e}" for e in report.errors]
    return "\n".join(lines)


def _resolve(conflict: Conflict, *, actor: Any, resolution: str) -> None:
    record = conflict.record
    record.values = {**record.values, conflict.field: conflict.ptv_value}
    record.save(update_fields=["values"])
    conflict.resolved_at = timezone.now()
    conflict.resolution = resolution
    conflict.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
    conflict.save(update_fields=["resolved_at", "resolution", "resolved_by"])


def conflict_take_ptv(*, conflict: Conflict, actor: Any) -> Conflict:
    """PTV's value replaces ours (saved as the maintainer's edit, in the object's history)."""
    obj = access.require_may_resolve(actor, conflict)
    with transaction.atomic():
        if conflict.resolved_at is None:
            object_write(obj, {conflict.field: conflict.ptv_value}, actor=actor)
            _resolve(conflict, actor=actor, resolution=Conflict.Resolution.PTV)
    return conflict


def conflict_keep_ours(*, conflict: Conflict, actor: Any) -> Conflict:
    """Our value stays; the import will not ask again until PTV changes the field again."""
    access.require_may_resolve(actor, conflict)
    with transaction.atomic():
        if conflict.resolved_at is None:
            _resolve(conflict, actor=actor, resolution=Conflict.Resolution.OURS)
    return conflict
