"""The issuer's RSA signing keys, kept in the data folder: the newest signs, all active ones verify.

Layout: $CONVENER_DATA_DIR/keys/<name>.pem (mode 0600, folder 0700). Retired keys move to keys/retired/
and are no longer published, so credentials signed with them stop verifying.
"""

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from django.urls import reverse
from django.utils import timezone


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _json_b64url(value) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


@dataclass
class SigningKey:
    name: str
    private_key: rsa.RSAPrivateKey

    @property
    def kid(self) -> str:
        """A URL that returns this key as a JWK, as Open Badges asks of `kid`."""
        return settings.SITE_URL + reverse("certificates:key", args=[self.name])

    def public_jwk(self) -> dict:
        numbers = self.private_key.public_key().public_numbers()
        return {
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": self.kid,
            "n": b64url(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
            "e": b64url(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")),
        }

    def sign_jwt(self, payload: dict) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = f"{_json_b64url(header)}.{_json_b64url(payload)}"
        signature = self.private_key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{b64url(signature)}"


def key_dir() -> Path:
    return Path(settings.CONVENER_KEY_DIR)


def _load(path: Path) -> SigningKey:
    return SigningKey(path.stem, serialization.load_pem_private_key(path.read_bytes(), password=None))


def active_keys() -> list[SigningKey]:
    folder = key_dir()
    return [_load(p) for p in sorted(folder.glob("*.pem"))] if folder.is_dir() else []


def create_key() -> SigningKey:
    """Generate a new 3072-bit RSA key; it signs from now on."""
    folder = key_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = timezone.now().strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(3).hex()
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(folder / f"{name}.pem", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return SigningKey(name, private_key)


def current_key() -> SigningKey:
    """The newest active key, generated on first use."""
    keys = active_keys()
    return keys[-1] if keys else create_key()


def retire_key(name: str) -> None:
    """Stop publishing a key (for example, one that may have leaked)."""
    retired = key_dir() / "retired"
    retired.mkdir(exist_ok=True, mode=0o700)
    (key_dir() / f"{name}.pem").rename(retired / f"{name}.pem")


def jwks() -> dict:
    return {"keys": [key.public_jwk() for key in active_keys()]}
