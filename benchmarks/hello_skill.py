"""The baseline: the smallest ask-sdk-core skill there is (answers LaunchRequest with "Hello").

Used as a Lambda handler module (cold start), in-process (warm latency) and behind the same Flask
endpoint (throughput), so every ratio compares our skill with the SDK's own floor.
"""

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type


class HelloHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        return handler_input.response_builder.speak("Hello").set_should_end_session(True).response


builder = SkillBuilder()
builder.add_request_handler(HelloHandler())
skill = builder.create()
lambda_handler = builder.lambda_handler()
is_request_type  # noqa: B018 - imported as a real skill would, so its import cost is in the baseline
