"""The on-disk parse cache: used when the file is unchanged, never when it changed."""

import pytest

from nixlite.syntax import lexer
from nixlite.syntax import parse as parse_module
from nixlite.syntax.show import show


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NIXLITE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NIXLITE_NO_CACHE", raising=False)
    return tmp_path


def count_tokenize(monkeypatch):
    calls = []
    real = lexer.tokenize

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(lexer, "tokenize", counting)
    return calls


def test_second_parse_comes_from_cache(fresh_cache, monkeypatch):
    f = fresh_cache / "a.nix"
    f.write_text("{ a = [ 1 ./b ]; }\n")
    calls = count_tokenize(monkeypatch)
    first = show(parse_module.parse_file(f).root)
    second = show(parse_module.parse_file(f).root)
    assert first == second
    assert len(calls) == 1


def test_changed_file_is_parsed_again(fresh_cache, monkeypatch):
    f = fresh_cache / "a.nix"
    f.write_text("1\n")
    calls = count_tokenize(monkeypatch)
    assert show(parse_module.parse_file(f).root) == "1"
    f.write_text("2\n")
    assert show(parse_module.parse_file(f).root) == "2"
    assert len(calls) == 2


def test_errors_are_not_cached(fresh_cache, monkeypatch):
    f = fresh_cache / "a.nix"
    f.write_text("1 +\n")
    calls = count_tokenize(monkeypatch)
    for _ in range(2):
        with pytest.raises(Exception):
            parse_module.parse_file(f)
    assert len(calls) == 2


def test_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("NIXLITE_CACHE_DIR", str(blocker))
    f = tmp_path / "a.nix"
    f.write_text("x: x\n")
    assert show(parse_module.parse_file(f).root) == "(x: x)"
