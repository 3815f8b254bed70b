"""`perhekeskus demo`: load the demo service network (see `perhekeskus.network.demo`), the
family channel's desk: demo professionals with their second factor, queues and answer
templates (`perhekeskus.staff.demo`, `perhekeskus.inbox.demo`), and fictional client data
(`--clients`, see `perhekeskus.clients.demo`).

The command is where the apps' demo data is put together; the network itself knows nothing of
client data (the import-linter contract), only this composition does."""

from argparse import SUPPRESS
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.clients.demo import (
    CLIENT_SCALES,
    ClientsRefused,
    clients_are_empty,
    clients_generate,
    clients_reset,
    county_plan,
)
from perhekeskus.contacts.models import ContactRequest
from perhekeskus.cooperation.demo import cooperation_demo
from perhekeskus.evaluation.demo import leading_demo
from perhekeskus.feedback.models import Feedback
from perhekeskus.inbox.demo import demo_memberships, demo_queues
from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, Queue, QueueMembership
from perhekeskus.methods.demo import demo_method_trainings
from perhekeskus.network.demo import (
    DEFAULT_SEED,
    SCALES,
    DemoRefused,
    demo_generate,
    demo_logins_print,
    demo_reset,
    network_is_empty,
)
from perhekeskus.questions.models import AnonymousQuestion
from perhekeskus.screenings.demo import screenings_demo
from perhekeskus.staff.demo import DEMO_LEADERS, DEMO_PROFESSIONALS, demo_professionals
from perhekeskus.staff.models import Professional


def family_channel_reset() -> None:
    """What families sent and the desk that works it refer to the network: deleted first."""
    for model in (
        Feedback, ContactRequest, AnonymousQuestion, InboxEvent, AnswerTemplate,
        QueueMembership, Queue, Professional,
    ):  # fmt: skip
        model._default_manager.all().delete()


def professional_logins_print(stdout: Any) -> None:
    usernames = set(
        Professional.objects.filter(
            user__username__in=[spec.username for spec in (*DEMO_PROFESSIONALS, *DEMO_LEADERS)]
        ).values_list("user__username", flat=True)
    )
    for spec in (*DEMO_PROFESSIONALS, *DEMO_LEADERS):
        if spec.username in usernames:
            stdout.write(
                f"  {spec.username:<7} professional ({spec.role}), second factor: TOTP key "
                f"{spec.totp_base32} in an authenticator app; login at /fi/staff/login/\n"
            )


class Command(BaseCommand):
    help = (
        "Generate demo data: real counties and municipalities, fictional organisations, sites, "
        "services and activities. Refuses when the database already has network data unless "
        "--reset (delete network data first) or --if-empty (skip quietly) is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=SCALES, default="region")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="The day the data is placed around (verification dates, activities, holidays); "
            "default today. The same --seed and --today give identical data.",
        )
        parser.add_argument(
            "--clients",
            choices=CLIENT_SCALES,
            default="demo",
            help="Fictional client data on top of the network: 'demo' about 30 families for "
            "hanna and mikael (default), 'county' 50 000 families, 100 000 processes, 200 000 "
            "referrals and 5 million audit events for the benchmark, 'none' nothing.",
        )
        # For tests: the county's proportions with fewer families.
        parser.add_argument("--clients-families", type=int, default=None, help=SUPPRESS)
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has organisations.",
        )
        group.add_argument(
            "--reset",
            action="store_true",
            help="Delete all network data (not counties, municipalities, postal areas or "
            "service types, nor users) before generating.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and not network_is_empty():
            self.stdout.write("The database already has network data; demo data not loaded.")
            # A database made before there was client data gets the families now.
            if clients_are_empty():
                self.clients(options)
            # ... and the leader kaisa, the usage counters and feedback when it has none.
            leading_demo(
                seed=options["seed"], today=options["today"], stdout=self.stdout, if_empty=True
            )
            self.model_parts(options, if_empty=True)
            demo_logins_print(self.stdout)
            professional_logins_print(self.stdout)
            return
        if options["reset"]:
            clients_reset()
            family_channel_reset()
            demo_reset()
            self.stdout.write("Network data deleted.")
        try:
            demo_generate(
                scale=options["scale"],
                seed=options["seed"],
                today=options["today"],
                stdout=self.stdout,
            )
        except DemoRefused as refused:
            raise CommandError(str(refused)) from refused
        demo_queues(self.stdout)
        demo_memberships(demo_professionals(self.stdout))
        self.clients(options)
        leading_demo(seed=options["seed"], today=options["today"], stdout=self.stdout)
        self.model_parts(options, if_empty=False)
        demo_logins_print(self.stdout)

    def model_parts(self, options: dict[str, Any], *, if_empty: bool) -> None:
        """Trained methods, screenings and the cooperation network of the demo professionals
        (each does nothing when its data is already there or its people are missing)."""
        demo_method_trainings(self.stdout)
        screenings_demo(today=options["today"], stdout=self.stdout)
        cooperation_demo(today=options["today"], stdout=self.stdout, if_empty=if_empty)

    def clients(self, options: dict[str, Any]) -> None:
        families = options["clients_families"]
        if options["clients"] == "none" and families is None:
            return
        try:
            clients_generate(
                scale=options["clients"],
                plan=county_plan(families) if families is not None else None,
                seed=options["seed"],
                today=options["today"],
                stdout=self.stdout,
            )
        except ClientsRefused as refused:
            # --if-empty never fails a start (`make run`): it says why and carries on.
            if options["if_empty"]:
                self.stdout.write(f"No client demo data: {refused}")
                return
            raise CommandError(str(refused)) from refused
