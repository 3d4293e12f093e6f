"""Settings: declared once, layered defaults -> file -> environment -> flags, all documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from verifier.config import Settings, load_settings, setting_docs
from verifier.errors import ConfigError

README = Path(__file__).parent.parent / "README.md"


def test_layers_later_wins(tmp_path: Path) -> None:
    (tmp_path / "verifier.toml").write_text('concurrency = 5\ntimeout = 3.5\nsave = "never"\n')
    env = {"VERIFIER_CONCURRENCY": "7", "VERIFIER_NO_WAYBACK": "true"}
    s = load_settings(env=env, cwd=tmp_path, overrides={"timeout": 9.0, "retries": None})
    assert s.concurrency == 7  # environment beats the file
    assert s.timeout == 9.0  # a flag beats the file
    assert s.save == "never"  # from the file
    assert s.no_wayback is True
    assert s.retries == Settings().retries  # a flag not given (None) changes nothing


def test_explicit_config_file_and_verifier_table(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('[verifier]\nwayback-url = "http://127.0.0.1:9"\nskip_hosts = ["a.example"]\n')
    s = load_settings(config_file=path, env={}, cwd=tmp_path)
    assert s.wayback_url == "http://127.0.0.1:9"
    assert s.skip_hosts == ("a.example",)


@pytest.mark.parametrize("content, message", [
    ("concurency = 3\n", "unknown setting 'concurency'"),
    ('concurrency = "many"\n', "'concurrency': 'many' is not a valid int"),
    ('save = "sometimes"\n', "not one of missing, never, always"),
    ("concurrency = 0\n", "must be positive"),
    ("this is not toml", "not valid TOML"),
])
def test_bad_config_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "verifier.toml").write_text(content)
    with pytest.raises(ConfigError) as err:
        load_settings(env={}, cwd=tmp_path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_config_file_that_is_not_utf8_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "verifier.toml").write_bytes(b"# r\xe9glages\nconcurrency = 4\n")
    with pytest.raises(ConfigError, match="is not UTF-8 text .byte 0xe9 at offset 3."):
        load_settings(env={}, cwd=tmp_path)


def test_missing_explicit_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(config_file=tmp_path / "nope.toml", env={})


def test_bad_environment_value_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'full'"):
        load_settings(env={"VERIFIER_FULL": "perhaps"}, cwd=tmp_path)


def test_every_setting_is_documented_in_the_readme_table() -> None:
    text = README.read_text()
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))
    declared = {name for name, *_ in setting_docs()}
    assert declared - documented == set(), "settings missing from README's table"
    assert documented - declared == set(), "README documents settings that do not exist"
    for name, _default, doc, _choices in setting_docs():
        assert doc, f"setting {name} has no doc"
        row = re.search(rf"^\| `{name}` \|(.*)$", text, flags=re.M)
        assert row and doc.split(";")[0][:30] in row.group(1), f"README row of {name} is stale"
