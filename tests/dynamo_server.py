"""A DynamoDB-compatible server over real HTTP on 127.0.0.1 (moto's server app), counting every call.

Tests and benchmarks reach it through the same boto3 code Lambda runs, via AWS_ENDPOINT_URL_DYNAMODB.
"""

from __future__ import annotations

import threading
import urllib.request
from collections import Counter

import boto3
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server


class DynamoServer:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.fail = False  # when set, every call answers HTTP 500
        app = DomainDispatcherApplication(create_backend_app)

        def counting(environ, start_response):
            operation = environ.get("HTTP_X_AMZ_TARGET", "").rpartition(".")[2]
            self.calls[operation] += 1
            if self.fail:
                start_response("500 Internal Server Error", [("Content-Type", "application/x-amz-json-1.0")])
                return [b'{"__type":"InternalServerError","message":"injected failure"}']
            return app(environ, start_response)

        self._server = make_server("127.0.0.1", 0, counting, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)  # a quick shutdown

    def __enter__(self) -> DynamoServer:
        self._thread.start()
        # moto keeps its tables per process: start every server empty
        urllib.request.urlopen(urllib.request.Request(f"{self.url}/moto-api/reset", method="POST"), timeout=5)
        self.calls.clear()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    def client(self):
        return boto3.client("dynamodb", endpoint_url=self.url, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test")

    def create_table(self, name: str) -> None:
        """The table as template.yaml declares it: key `id` (string), on demand."""
        self.client().create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                                   AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                                   KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])

    def reads(self) -> int:
        return self.calls["GetItem"]

    def writes(self) -> int:
        return self.calls["PutItem"] + self.calls["UpdateItem"] + self.calls["DeleteItem"]
