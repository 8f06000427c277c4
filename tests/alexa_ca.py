"""A certificate authority made by the tests: a root, an intermediate, and signing certificates shaped
like Amazon's echo-api.amazon.com one — plus the broken variants a forger might present."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _cert(subject: str, key, issuer_name: x509.Name, issuer_key, *, ca: bool, san: str | None = None,
          not_before: datetime | None = None, days: int = 365, issuer_cert: x509.Certificate | None = None):
    now = datetime.now(UTC)
    start = not_before or now - timedelta(days=1)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(start + timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if issuer_cert is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()), critical=False)
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    else:
        builder = (builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=True, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(san)]), critical=False))
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class Signer:
    """A signing certificate with its chain (PEM, leaf first) and private key."""

    key: rsa.RSAPrivateKey
    chain_pem: bytes

    def sign(self, body: bytes) -> str:
        return base64.b64encode(self.key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()


class CertificateAuthority:
    def __init__(self, name: str = "Couple Journeys Test Root"):
        self.root_key = _key()
        self.root = _cert(name, self.root_key, _name(name), self.root_key, ca=True, days=3650)
        self.intermediate_key = _key()
        self.intermediate = _cert(f"{name} Intermediate", self.intermediate_key, self.root.subject, self.root_key,
                                  ca=True, issuer_cert=self.root, days=1825)

    def signer(self, san: str = "echo-api.amazon.com", expired: bool = False) -> Signer:
        key = _key()
        start = datetime.now(UTC) - timedelta(days=400) if expired else None
        leaf = _cert("echo-api.amazon.com", key, self.intermediate.subject, self.intermediate_key, ca=False, san=san,
                     not_before=start, days=30 if expired else 365, issuer_cert=self.intermediate)
        pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (leaf, self.intermediate))
        return Signer(key, pem)
