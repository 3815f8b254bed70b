from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perhekeskus.guidance.danger import MODEL_PATH, corpus_digest, corpus_rows, danger_model, train
from perhekeskus.guidance.engine import embed_texts


class Command(BaseCommand):
    help = (
        "Train the urgent-danger classifier on guidance/data/danger_corpus/ and the needs' "
        "descriptions (cross-validated threshold) and save guidance/data/danger_model.npz. "
        "--check only tells whether the saved model was trained on today's corpus."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            model = danger_model()
            if model is None or model.digest != corpus_digest(corpus_rows()):
                raise CommandError("The danger model is not trained on today's corpus.")
            self.stdout.write("The danger model is trained on today's corpus.")
            return
        try:
            report = train(embed_texts)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Trained on {report.samples} texts (L2 {report.l2}); saved {MODEL_PATH}.\n"
            f"Cross-validated at threshold {report.threshold:.3f}: recall "
            f"{report.recall:.1%}, precision {report.precision:.1%}, the right urgent need "
            f"{report.need_accuracy:.1%}."
        )
        for lang, (recall, precision) in report.by_lang.items():
            self.stdout.write(f"  {lang}: recall {recall:.1%}, precision {precision:.1%}")
