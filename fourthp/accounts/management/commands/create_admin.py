"""Make the first secretariat account: `manage.py create_admin` (what `make admin` runs).

Asks for the e-mail address and the password (twice). For scripts, give
`--email` and put the password in the environment variable FOURTHP_ADMIN_PASSWORD;
with `--no-input` nothing is asked and a missing value is an error.
`--exists` only answers, by its exit status, whether a secretariat account exists
(`make run` uses it to say how to make one only while none does).
The address is marked verified, so the account signs in at once.
"""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from fourthp.accounts.actions import (
    check_secretariat_account,
    check_secretariat_email,
    do_create_secretariat_account,
    secretariat_exists,
)
from fourthp.accounts.models import User

PASSWORD_VARIABLE = "FOURTHP_ADMIN_PASSWORD"  # noqa: S105 (the name of a variable, not a password)


def _reasons(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


class Command(BaseCommand):
    help = "Create a secretariat account that signs in by e-mail (address verified, admin site open to it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default="", help="the e-mail address the account signs in with")
        parser.add_argument(
            "--exists",
            action="store_true",
            help="create nothing; exit with status 0 if a secretariat account exists, 3 if none does",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"ask nothing: --email is required and the password is read from {PASSWORD_VARIABLE}",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        migrated = User._meta.db_table in connection.introspection.table_names()
        if options["exists"]:
            if not migrated or not secretariat_exists():
                raise SystemExit(3)
            return
        if not migrated:
            raise CommandError("The database is not set up yet: run `make run` (or `manage.py migrate`) first.")
        interactive: bool = options["interactive"]
        email: str = options["email"].strip()
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not interactive:
            if not email:
                raise CommandError("Give the e-mail address with --email when using --no-input.")
            if not password:
                raise CommandError(f"Put the password in the environment variable {PASSWORD_VARIABLE}.")
        else:
            email = email or self._ask_email()
            if not password:
                password = self._ask_password(email)
        try:
            user = do_create_secretariat_account(email, password)
        except ValidationError as error:
            raise CommandError(_reasons(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Secretariat account {user.email} created. Sign in at /accounts/login/ with this e-mail "
                "address and password, then set up an authenticator app (two-factor sign-in is required of the "
                "secretariat); the administration is at /admin/."
            )
        )

    def _ask_email(self) -> str:
        while True:
            email = input("E-mail address (you sign in with it): ").strip()
            try:
                check_secretariat_email(email)
            except ValidationError as error:
                self.stderr.write(_reasons(error))
                continue
            return email

    def _ask_password(self, email: str) -> str:
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; type them again.")
                continue
            try:
                check_secretariat_account(email, password)
            except ValidationError as error:
                self.stderr.write(_reasons(error))
                continue
            return password
