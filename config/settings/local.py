"""Local development: `make run`. Debug on, a dev-only secret, mail to the console."""
import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("DEBUG", "on")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1")

from .base import *  # noqa: E402,F403
