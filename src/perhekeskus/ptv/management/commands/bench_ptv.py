"""`perhekeskus bench-ptv [--services N] [--output DIR]`: a county's PTV documents generated
and imported three times (first import, the same documents again, 5 % of the services' texts
changed), in a transaction rolled back afterwards; writes ptv-<database>.json and .md."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.network.models import County
from perhekeskus.ptv.bench import BenchFailed, bench_ptv, ptv_write_results


class Command(BaseCommand):
    help = (
        "Measure the PTV import at county scale: generate N services' documents, import them, "
        "import them again (nothing may change), change 5 % of the services' texts and import "
        "again. Rolled back afterwards. Writes ptv-<database>.json and .md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--services", type=int, default=2000, metavar="N")
        parser.add_argument("--output", default="bench/results", metavar="DIR")
        parser.add_argument(
            "--county",
            metavar="CODE",
            help="the county whose postal areas the services are in (default: the largest "
            "wellbeing services county)",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["services"] < 1:
            raise CommandError("--services must be at least 1.")
        county = None
        if options["county"]:
            county = County.objects.filter(code=options["county"].zfill(2)).first()
            if county is None:
                raise CommandError(f"No county with the code {options['county']}.")
        try:
            report = bench_ptv(services=options["services"], county=county, seed=options["seed"])
        except BenchFailed as error:
            raise CommandError(str(error)) from error
        json_path, md_path = ptv_write_results(report, Path(options["output"]))
        self.stdout.write(md_path.read_text(encoding="utf-8"))
        self.stdout.write(f"Results written to {json_path} and {md_path}")
