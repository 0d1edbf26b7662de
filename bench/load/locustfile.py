"""Locust users for bench/pipeline_load_bench.py: partners who read the pipeline page and the API.

Each user holds a signed-in session from LOAD_SESSIONS and waits 1–3 s between requests; the
API calls use the token in LOAD_API_TOKEN.
"""
import itertools
import os
import random

from locust import HttpUser, between, task

COUNTER = itertools.count()
SORTS = ["-total", "total", "name", "-activity", "-data_moat", "layer"]


class Partner(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        # Partners are already signed in: each user takes one of the sessions the bench made,
        # so 50 password hashes at once do not skew the first seconds.
        sessions = os.environ["LOAD_SESSIONS"].split(",")
        self.client.cookies.set("sessionid", sessions[next(COUNTER) % len(sessions)])
        self.api_headers = {"Authorization": f"Token {os.environ['LOAD_API_TOKEN']}"}

    @task(3)
    def pipeline_page(self):
        params = {"sort": random.choice(SORTS), "page": random.randint(1, 20)}
        with self.client.get("/pipeline/", params=params, name="/pipeline/", catch_response=True) as response:
            if response.status_code != 200 or "pipeline-table" not in response.text:
                response.failure(f"not the pipeline page ({response.status_code}, {response.url})")

    @task(2)
    def api_list(self):
        self.client.get("/api/v1/startups/", params={"page": random.randint(1, 50)}, headers=self.api_headers, name="/api/v1/startups/")
