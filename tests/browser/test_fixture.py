"""The browser fixture skips with install advice on a laptop, and fails on CI."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = "tests/browser/test_home_phone.py::test_desktop_shows_the_menu_without_a_button"


def run_without_chromium(ci: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CHROMIUM_PATH": "/nonexistent/chromium",
        "CI": ci,
        # The nested run gets its own throwaway database, whatever this run uses.
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", TARGET, "-p", "no:cacheprovider", "-rs", "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def test_missing_chromium_skips_with_install_advice():
    result = run_without_chromium("false")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "apt-get install -y chromium" in result.stdout


def test_missing_chromium_fails_on_ci():
    result = run_without_chromium("true")
    assert result.returncode == 1
    assert "Chromium not found" in result.stdout
