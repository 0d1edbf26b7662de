"""gunicorn's settings (Dockerfile and docker-compose.yml pass `--config gunicorn.conf.py`).

The timeout comes from WEB_TIMEOUT, the variable config/settings/base.py reads too: the time
limits inside a request (MEMO_RENDER_TIMEOUT) are derived from it and stay below it.
"""
import os

timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = timeout
