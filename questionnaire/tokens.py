"""Invitation tokens: the link carries the token, the database keeps only its SHA-256."""

import hashlib
import hmac
import secrets


def token_make() -> str:
    return secrets.token_urlsafe(24)  # 192 bits: unguessable, so a fast hash is enough


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)
