"""The skill package as the ASK CLI and SMAPI expect it: skill.json plus one model per locale."""

from __future__ import annotations

import json
from pathlib import Path

from ..journeys import language_of, load_library
from .interaction_model import LOCALES, MODELS_DIR, render


def assemble(out: str | Path, lambda_arn: str = "") -> Path:
    """Write <out>/skill.json (the endpoint set to `lambda_arn` when given) and interactionModels/custom/."""
    out = Path(out)
    manifest = json.loads((MODELS_DIR / "skill.json").read_text(encoding="utf-8"))
    info = manifest["manifest"]["publishingInformation"]["locales"]
    for locale in LOCALES:  # the same English listing in every English-speaking store
        info.setdefault(locale, info["en-US"])
    privacy = manifest["manifest"]["privacyAndCompliance"]["locales"]
    for locale in LOCALES:
        privacy.setdefault(locale, privacy["en-US"])
    if lambda_arn:
        manifest["manifest"]["apis"]["custom"]["endpoint"]["uri"] = lambda_arn
        manifest["manifest"]["events"]["endpoint"]["uri"] = lambda_arn
    models = out / "interactionModels" / "custom"
    models.mkdir(parents=True, exist_ok=True)
    (out / "skill.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    library = load_library()
    for locale in LOCALES:
        (models / f"{locale}.json").write_text(render(library, language_of(locale)), encoding="utf-8")
    return out
