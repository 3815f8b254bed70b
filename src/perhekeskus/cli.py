"""The `perhekeskus` command: every Django management command plus the project's own
(`demo`, `export-hsds`, `import-hsds`, `bench`)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perhekeskus.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["perhekeskus", *argv])
    # Our commands are spelled with hyphens on the command line, as operators expect;
    # Django's command modules cannot contain hyphens.
    if len(args) > 1 and args[1] in {"export-hsds", "import-hsds"}:
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
