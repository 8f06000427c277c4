"""An `ask deploy`-ready project: ask-resources.json and skill-package/ (skill.json, one model per locale).

The manifest in interaction_models/skill.json is the template; the endpoint and the privacy and terms
addresses are the deployer's, given on the command line, because a skill that keeps first names cannot
pass certification with a placeholder privacy policy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .interaction_model import MODELS_DIR

CERTIFICATES = ("Trusted", "Wildcard", "SelfSigned")  # the manifest's sslCertificateType values
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net")


class PackageError(ValueError):
    """What the deployer must supply or fix before the package can be written."""


@dataclass(frozen=True)
class Endpoint:
    """Where Alexa sends requests: a Lambda ARN, or an HTTPS URL with the kind of certificate it serves."""

    lambda_arn: str = ""
    https_url: str = ""
    certificate: str = "Trusted"

    def manifest(self) -> dict[str, str]:
        if self.lambda_arn and self.https_url:
            raise PackageError("give either --lambda-arn or --https-endpoint, not both")
        if self.lambda_arn:
            if not self.lambda_arn.startswith("arn:aws:lambda:"):
                raise PackageError(f"--lambda-arn {self.lambda_arn!r} is not a Lambda ARN (arn:aws:lambda:…)")
            return {"uri": self.lambda_arn}
        if self.https_url:
            checked_url(self.https_url, "--https-endpoint")
            if self.certificate not in CERTIFICATES:
                raise PackageError(f"--certificate must be one of {', '.join(CERTIFICATES)}")
            return {"uri": self.https_url, "sslCertificateType": self.certificate}
        raise PackageError("no endpoint: give --lambda-arn (sam deploy prints SkillFunctionArn) or --https-endpoint")


def checked_url(url: str, option: str) -> str:
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    if parsed.scheme != "https" or not host:
        raise PackageError(f"{option} {url!r}: Alexa needs an https:// address")
    if any(host == p or host.endswith("." + p) for p in PLACEHOLDER_HOSTS):
        raise PackageError(f"{option} {url!r} is a placeholder: give the address where yours is published")
    return url


def model_files(folder: Path = MODELS_DIR) -> list[Path]:
    """Every interaction model kept in the repository, one per locale (en-US.json, de-DE.json, …)."""
    return sorted(p for p in folder.glob("*.json") if p.name != "skill.json")


def manifest(endpoint: Endpoint, privacy_url: str, terms_url: str = "", folder: Path = MODELS_DIR) -> dict:
    """skill.json for these models: a listing and privacy links in every locale, the endpoint filled in."""
    skill = json.loads((folder / "skill.json").read_text(encoding="utf-8"))
    body = skill["manifest"]
    where = endpoint.manifest()
    if not privacy_url:
        raise PackageError("the skill keeps first names, so certification needs --privacy-url "
                           "(docs/privacy-policy.md is a template)")
    links = {"privacyPolicyUrl": checked_url(privacy_url, "--privacy-url")}
    if terms_url:
        links["termsOfUseUrl"] = checked_url(terms_url, "--terms-url")
    listings = body["publishingInformation"]["locales"]
    locales = [p.stem for p in model_files(folder)]
    for locale in locales:  # a locale without its own listing borrows one in its language, else en-US
        same_language = [v for k, v in listings.items() if k.split("-")[0] == locale.split("-")[0]]
        listings.setdefault(locale, same_language[0] if same_language else listings["en-US"])
    body["privacyAndCompliance"]["locales"] = {locale: dict(links) for locale in locales}
    body["apis"]["custom"]["endpoint"] = where
    body["events"]["endpoint"] = dict(where)
    return skill


def assemble(out: str | Path, endpoint: Endpoint, privacy_url: str, terms_url: str = "",
             skill_id: str = "", folder: Path = MODELS_DIR) -> Path:
    """Write <out>/ask-resources.json and <out>/skill-package/; with `skill_id`, .ask/ask-states.json too,
    so `ask deploy` updates the skill created in the console instead of creating another."""
    out = Path(out)
    skill = manifest(endpoint, privacy_url, terms_url, folder)  # refuses before anything is written
    package = out / "skill-package"
    models = package / "interactionModels" / "custom"
    models.mkdir(parents=True, exist_ok=True)
    write_json(package / "skill.json", skill)
    for path in model_files(folder):
        (models / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    write_json(out / "ask-resources.json", {
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}}},
    })
    if skill_id:
        (out / ".ask").mkdir(exist_ok=True)
        write_json(out / ".ask" / "ask-states.json", {
            "askcliStatesVersion": "2020-03-31", "profiles": {"default": {"skillId": skill_id}},
        })
    return out


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
