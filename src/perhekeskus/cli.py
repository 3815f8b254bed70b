"""The `perhekeskus` command: every Django management command plus the project's own
(`demo`, `export-hsds`, `import-hsds`, `bench`)."""

import os
import sys

HYPHENATED = frozenset(
    {
        "export-hsds",
        "import-hsds",
        "import-ptv",
        "bench-search",
        "bench-audit",
        "bench-workspace",
        "bench-indicators",
        "bench-planning",
        "bench-ptv",
        "refresh-indicators",
        "purge-parenting-plans",
    }
)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perhekeskus.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["perhekeskus", *argv])
    # Our commands are spelled with hyphens on the command line, as operators expect;
    # Django's command modules cannot contain hyphens.
    for position in (1, 2):
        if len(args) > position and args[position] in HYPHENATED:
            args[position] = args[position].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
