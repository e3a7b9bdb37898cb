"""`register serve`: the preview server rebuilds when a YAML record changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.registers import RegisterDir, replace

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_an_offer_changes(sample_copy: RegisterDir) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--address", f"127.0.0.1:{port}"],
        cwd=sample_copy.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/offers/heat-pump-installation/"
        assert wait_for(url, "Air-to-Water Heat Pumps", 60), "the preview did not start"
        path: Path = sample_copy.root / "offers/technikum-murtal/heat-pump-installation.yaml"
        text = path.read_text()
        path.write_text(replace(text, "Air-to-Water Heat Pumps", "Air-to-Water Heat Pumps (2027)"))
        assert wait_for(url, "Air-to-Water Heat Pumps (2027)", 60), "the edit was not rebuilt"
    finally:
        server.terminate()
        server.wait(timeout=10)
