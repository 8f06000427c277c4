"""Progress in DynamoDB, for Lambda. boto3 is imported here only, so the SQLite path never pays for it.

Item: `{"id": <user id>, "revision": N, "attributes": {...record...}}` — the key and attribute names
of ask-sdk's DynamoDbAdapter, so a table made for it works too. Writes are conditional on the revision.
"""

from __future__ import annotations

import os
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from .store import Conflict, StoreError

_serialize = TypeSerializer().serialize
_deserialize = TypeDeserializer().deserialize

# Fail fast: Alexa waits about 8 s for the whole answer, and the skill must still speak if this fails.
CLIENT_CONFIG = Config(connect_timeout=1.5, read_timeout=2.0, retries={"max_attempts": 2, "mode": "standard"})


class DynamoDbStore:
    def __init__(self, table: str, region: str | None = None, endpoint_url: str | None = None, client=None):
        if not table:
            raise ValueError("dynamodb:// needs a table name, as in dynamodb://CoupleJourneysProgress")
        self.table = table
        region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        kwargs: dict[str, Any] = {"region_name": region, "config": CLIENT_CONFIG}
        if endpoint_url:
            kwargs["endpoint_url"] = endpoint_url  # else boto3 honours AWS_ENDPOINT_URL_DYNAMODB itself
        self.client = client or boto3.client("dynamodb", **kwargs)

    def load(self, user_id: str) -> dict[str, Any] | None:
        try:
            item = self.client.get_item(TableName=self.table, Key={"id": {"S": user_id}},
                                        ConsistentRead=True).get("Item")
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(f"DynamoDB read failed: {exc}") from exc
        if not item:
            return None
        record = _deserialize(item["attributes"]) if "attributes" in item else {}
        if isinstance(record, dict) and "revision" in item:
            record["revision"] = _deserialize(item["revision"])
        return record

    def save(self, user_id: str, record: dict[str, Any], expected_revision: int) -> None:
        item = {"id": {"S": user_id}, "revision": {"N": str(int(record["revision"]))},
                "attributes": _serialize(record)}
        try:
            self.client.put_item(
                TableName=self.table, Item=item,
                ConditionExpression="attribute_not_exists(id) OR revision = :expected",
                ExpressionAttributeValues={":expected": {"N": str(int(expected_revision))}},
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise Conflict(f"{user_id}: stored revision is not {expected_revision}") from exc
            raise StoreError(f"DynamoDB write failed: {exc}") from exc
        except BotoCoreError as exc:
            raise StoreError(f"DynamoDB write failed: {exc}") from exc

    def delete(self, user_id: str) -> None:
        try:
            self.client.delete_item(TableName=self.table, Key={"id": {"S": user_id}})
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(f"DynamoDB delete failed: {exc}") from exc
