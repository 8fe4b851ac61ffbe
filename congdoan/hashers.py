"""Password hashing: Argon2id with OWASP's recommended minimum parameters."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """19 MiB of memory, 2 passes, 1 lane (OWASP Password Storage Cheat Sheet, first option).

    Django's own Argon2 defaults (100 MiB, 8 lanes) cost several times more per login on a
    2-core server; the algorithm name stays "argon2", so hashes made with either verify, and
    `must_update` rehashes old ones to these parameters at the next login.
    """

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
