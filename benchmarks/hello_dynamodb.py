"""The baseline on DynamoDB: the ASK SDK's hello world keeping a launch count with the SDK's own DynamoDB
persistence adapter (one read and one write per launch, as a skill that remembers anything does).

Table: $HELLO_TABLE (key `id`), reached like ours through boto3 and AWS_ENDPOINT_URL_DYNAMODB.
"""

import os

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_dynamodb.adapter import DynamoDbAdapter


class HelloHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        manager = handler_input.attributes_manager
        attributes = manager.persistent_attributes
        attributes["launches"] = attributes.get("launches", 0) + 1
        manager.save_persistent_attributes()
        return handler_input.response_builder.speak("Hello again").set_should_end_session(True).response


builder = CustomSkillBuilder(persistence_adapter=DynamoDbAdapter(os.environ.get("HELLO_TABLE", "HelloProgress")))
builder.add_request_handler(HelloHandler())
lambda_handler = builder.lambda_handler()
