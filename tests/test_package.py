"""`python -m skill package`: an `ask deploy`-ready project with every model, an honest manifest, and
refusals for what would fail certification (no endpoint, placeholder addresses)."""

from __future__ import annotations

import json
import shutil

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_smapi_model.v1.skill.manifest import SkillManifestEnvelope
from conftest import ROOT

from skill.__main__ import main
from skill.alexa.package import Endpoint, assemble

ARN = "arn:aws:lambda:us-east-1:123456789012:function:couple-journeys-SkillFunction:live"
PRIVACY = "https://couples.invalid/privacy"


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_package_writes_an_ask_deploy_project_with_every_model(tmp_path, capsys):
    out = tmp_path / "build"
    assert main(["package", "--lambda-arn", ARN, "--privacy-url", PRIVACY, "--terms-url",
                 "https://couples.invalid/terms", "--out", str(out)]) == 0
    assert "ask deploy" in capsys.readouterr().out
    resources = read(out / "ask-resources.json")
    assert resources["profiles"]["default"]["skillMetadata"]["src"] == "./skill-package"
    shipped = sorted(p.name for p in (ROOT / "interaction_models").glob("*.json") if p.name != "skill.json")
    models = out / "skill-package" / "interactionModels" / "custom"
    assert sorted(p.name for p in models.iterdir()) == shipped
    for name in shipped:
        assert read(models / name) == read(ROOT / "interaction_models" / name)

    skill = read(out / "skill-package" / "skill.json")
    envelope = DefaultSerializer().deserialize(json.dumps(skill), SkillManifestEnvelope)
    assert envelope.manifest.apis.custom.endpoint.uri == ARN  # the names are the ones SMAPI knows
    body = skill["manifest"]
    assert body["privacyAndCompliance"]["usesPersonalInfo"] is True  # first names are kept
    locales = {name.removesuffix(".json") for name in shipped}
    assert set(body["publishingInformation"]["locales"]) == locales
    assert set(body["privacyAndCompliance"]["locales"]) == locales
    assert all(v == {"privacyPolicyUrl": PRIVACY, "termsOfUseUrl": "https://couples.invalid/terms"}
               for v in body["privacyAndCompliance"]["locales"].values())
    assert body["events"]["endpoint"] == {"uri": ARN}
    assert not (out / ".ask").exists()


def test_self_hosted_endpoint_with_its_certificate_and_the_console_skill_id(tmp_path):
    out = assemble(tmp_path, Endpoint(https_url="https://couples.invalid/alexa", certificate="Wildcard"),
                   PRIVACY, skill_id="amzn1.ask.skill.1234")
    skill = read(out / "skill-package" / "skill.json")["manifest"]
    assert skill["apis"]["custom"]["endpoint"] == {"uri": "https://couples.invalid/alexa",
                                                   "sslCertificateType": "Wildcard"}
    assert "termsOfUseUrl" not in skill["privacyAndCompliance"]["locales"]["en-US"]
    assert read(out / ".ask" / "ask-states.json")["profiles"]["default"]["skillId"] == "amzn1.ask.skill.1234"


def test_a_new_locale_model_is_packaged_with_a_listing(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "interaction_models", models)
    shutil.copy(models / "en-US.json", models / "de-DE.json")
    out = assemble(tmp_path / "out", Endpoint(lambda_arn=ARN), PRIVACY, folder=models)
    assert (out / "skill-package" / "interactionModels" / "custom" / "de-DE.json").exists()
    skill = read(out / "skill-package" / "skill.json")["manifest"]
    assert "de-DE" in skill["publishingInformation"]["locales"] and "de-DE" in skill["privacyAndCompliance"]["locales"]


@pytest.mark.parametrize(("args", "why"), [
    (["--privacy-url", PRIVACY], "no endpoint"),
    (["--lambda-arn", ARN], "--privacy-url"),
    (["--lambda-arn", ARN, "--privacy-url", "https://example.com/couple-journeys/privacy"], "placeholder"),
    (["--lambda-arn", ARN, "--privacy-url", PRIVACY, "--terms-url", "https://www.example.org/t"], "placeholder"),
    (["--https-endpoint", "http://couples.invalid/alexa", "--privacy-url", PRIVACY], "https://"),
    (["--https-endpoint", "https://couples.invalid/alexa", "--lambda-arn", ARN, "--privacy-url", PRIVACY], "not both"),
    (["--lambda-arn", "my-function", "--privacy-url", PRIVACY], "not a Lambda ARN"),
])
def test_package_refuses_what_would_not_deploy_and_writes_nothing(tmp_path, capsys, args, why):
    assert main(["package", "--out", str(tmp_path / "build"), *args]) == 2
    assert why in capsys.readouterr().err
    assert not (tmp_path / "build").exists()
