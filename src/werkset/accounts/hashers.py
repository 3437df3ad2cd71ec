"""How passwords are stored (issue 17): Argon2id with OWASP's recommended minimum (19 MiB of
memory, two passes, one lane), instead of Django's PBKDF2 at a million iterations.

Both resist guessing; Argon2id also costs a guesser memory, and it costs the server about a
tenth of PBKDF2's processor time per log-in (about 25 ms against 230 ms on the two-core
machines werkset is measured on), so that fifty people logging in at the start of a meeting
no longer keep the log-in page waiting. Older PBKDF2 hashes stay valid and are rewritten as
Argon2id at their owner's next log-in (Django's `must_update`)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (argon2id) with OWASP's parameters (Password Storage Cheat
    Sheet: m=19 MiB, t=2, p=1); the parameters are stored in each hash."""

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
