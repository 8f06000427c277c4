"""Progress in DynamoDB, for Lambda. boto3 is imported here only, so the SQLite path never pays for it.

Item: `{"id": <user id>, "revision": N, "attributes": {...record...}}` — the key and attribute names
of ask-sdk's DynamoDbAdapter, so a table made for it works too: its items (no `revision`, or
`attributes` stored as a JSON string) are read, and saved over with an UpdateItem that keeps any other
attribute of the item. Writes are conditional on the revision (a number, or a legacy string).
"""

from __future__ import annotations

import json
import math
import os
from decimal import Decimal
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from .backend import Conflict, StoreError, who

_serialize = TypeSerializer().serialize
_deserialize = TypeDeserializer().deserialize

# Bounded: one attempt per call (store.py retries within the request's deadline), so a hanging table
# costs at most about 1.5 s a call and the skill still speaks well inside Alexa's 8 s.
CLIENT_CONFIG = Config(connect_timeout=0.5, read_timeout=1.0,
                       retries={"total_max_attempts": 1, "mode": "standard"})


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
        return _only_store_errors(self._load, user_id)

    def save(self, user_id: str, record: dict[str, Any], expected_revision: int) -> None:
        _only_store_errors(self._save, user_id, record, expected_revision)

    def _load(self, user_id: str) -> dict[str, Any] | None:
        try:
            item = self.client.get_item(TableName=self.table, Key={"id": {"S": user_id}},
                                        ConsistentRead=True).get("Item")
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(f"DynamoDB read failed: {exc}") from exc
        if not item:
            return None
        try:
            record = _deserialize(item["attributes"]) if "attributes" in item else {}
            if isinstance(record, str):  # an adapter that stored the attributes as JSON text
                record = json.loads(record)
        except (TypeError, ValueError, RecursionError):
            record = None
        record = record if isinstance(record, dict) else {}
        record["revision"] = _revision(item.get("revision"))
        return record

    def _save(self, user_id: str, record: dict[str, Any], expected_revision: int) -> None:
        expected = int(expected_revision)
        condition = "attribute_not_exists(id) OR revision = :n OR revision = :s"
        values: dict[str, Any] = {":n": {"N": str(expected)}, ":s": {"S": str(expected)},
                                  ":new": {"N": str(int(record["revision"]))},
                                  ":attributes": _serialize(_storable(record))}
        if expected == 0:  # a legacy item: no revision, or one that is not a number
            condition += " OR attribute_not_exists(revision) OR NOT attribute_type(revision, :number)"
            values[":number"] = {"S": "N"}
        try:
            self.client.update_item(
                TableName=self.table, Key={"id": {"S": user_id}},
                UpdateExpression="SET revision = :new, attributes = :attributes",
                ConditionExpression=condition, ExpressionAttributeValues=values)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise Conflict(f"{who(user_id)}: stored revision is not {expected_revision}") from exc
            raise StoreError(f"DynamoDB write failed: {exc}") from exc
        except BotoCoreError as exc:
            raise StoreError(f"DynamoDB write failed: {exc}") from exc


def _only_store_errors(call, *args):
    """A store raises StoreError and nothing else: a value DynamoDB cannot take (1e300, infinity) or
    anything unforeseen is a failed call, which the skill answers honestly."""
    try:
        return call(*args)
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"DynamoDB call failed: {type(exc).__name__}: {exc}") from exc


def _revision(attribute: Any) -> int:
    """The stored revision: a number, or digits stored as a string; anything else counts as none (0)."""
    try:
        value = _deserialize(attribute) if isinstance(attribute, dict) else None
    except (TypeError, ValueError):
        return 0
    if isinstance(value, Decimal) and value == value.to_integral_value() and value >= 0:
        return int(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 15:
        return int(value)
    return 0


def _storable(value: Any) -> Any:
    """What DynamoDB accepts: floats as Decimal (not NaN or infinity), huge integers as text."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, int):
        return value if abs(value) < 10**38 else str(value)
    if isinstance(value, dict):
        return {str(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return str(value)
