"""Settings for `make test`: the real services on this machine, fast hashing, mail kept in memory.

Tests run against PostgreSQL and Redis, never SQLite: a test that cannot reach them fails.
"""

import dj_database_url

from liaison_portal.env import env_str
from liaison_portal.settings import *  # noqa: F403

DATABASES = {
    "default": dj_database_url.parse(env_str("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("TEST_CACHE_URL", "redis://127.0.0.1:6379/14"),
    }
}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
CELERY_BROKER_URL = env_str("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
# Tests run tasks in-process unless they start the real worker (tests/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "")
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
