"""A real S3-compatible server (moto) on loopback, and the site's media storage pointed at a bucket in it."""

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from convener.settings import media_storage


@dataclass
class Bucket:
    name: str
    api: object  # a boto3 S3 client with the test credentials
    public: str  # the address pages link objects at
    origins: list[str]  # what the settings add to the Content-Security-Policy for it

    def read(self, key: str) -> bytes:
        return self.api.get_object(Bucket=self.name, Key=key)["Body"].read()

    def objects(self) -> set[str]:
        return {o["Key"] for o in self.api.list_objects_v2(Bucket=self.name).get("Contents", [])}

    def versions(self) -> list[tuple[str, str]]:
        listed = self.api.list_object_versions(Bucket=self.name).get("Versions", [])
        return sorted((v["Key"], v["VersionId"]) for v in listed)


@contextmanager
def s3_server() -> Iterator[str]:
    """An S3 server on a free loopback port, for as long as the block runs; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def media_bucket(endpoint: str, settings, monkeypatch) -> Bucket:
    """A fresh, versioned, public-read bucket, and the media storage set as the documented variables do."""
    import boto3

    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "convener-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "convener-test-secret")
    name = f"convener-media-{uuid.uuid4().hex[:12]}"
    storage, origins = media_storage(
        {
            "CONVENER_MEDIA_S3_BUCKET": name,
            "CONVENER_MEDIA_S3_ENDPOINT_URL": endpoint,
            "CONVENER_MEDIA_S3_REGION": "us-east-1",
        }
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    api = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    api.create_bucket(Bucket=name)
    api.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    anyone_reads = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
    policy = {"Version": "2012-10-17", "Statement": [{**anyone_reads, "Resource": f"arn:aws:s3:::{name}/*"}]}
    api.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    return Bucket(name, api, f"{endpoint}/{name}", origins)
