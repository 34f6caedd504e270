"""Site names (issue item 7): a site is named by its folder, `learn` says which sites it
learned, and a `--site` the profile does not know is an error that lists the known ones."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_site_learning import FURNITURE, article, kept, records

from newsclean.cli import main
from newsclean.io.readers import iter_inputs


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def make_site(folder: Path, n: int = 6) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"page{i}.txt").write_text(article(i, FURNITURE), encoding="utf-8")
    return folder


def test_learning_a_site_folder_names_the_site_after_it(tmp_path: Path):
    folder = make_site(tmp_path / "zyx")
    profile = tmp_path / "p.json"
    result = run("learn", str(folder) + "/", "-o", str(profile))
    assert result.exit_code == 0
    assert list(json.loads(profile.read_text(encoding="utf-8"))["sites"]) == ["zyx"]
    assert "1 site: zyx (1 line, 6 dumps)" in result.stderr


def test_learn_names_every_site_of_a_folder_of_sites(tmp_path: Path):
    make_site(tmp_path / "dumps" / "zyx")
    make_site(tmp_path / "dumps" / "abc", 4)
    result = run("learn", str(tmp_path / "dumps"), "-o", str(tmp_path / "p.json"))
    assert result.exit_code == 0
    assert "2 sites: abc (1 line, 4 dumps), zyx (1 line, 6 dumps)" in result.stderr


def test_files_directly_in_the_folder_given_are_of_its_site(tmp_path: Path):
    folder = make_site(tmp_path / "zyx")
    (folder / "sub").mkdir()
    (folder / "sub" / "x.txt").write_text("x", encoding="utf-8")
    sites = {item.id: item.site for item in iter_inputs([str(folder)])}
    assert sites["page0"] == "zyx" and sites["sub/x"] == "sub"
    # a file given alone: its folder
    [one] = iter_inputs([str(folder / "page0.txt")])
    assert one.site == "zyx"


def test_a_learned_profile_applies_on_clean_of_the_same_folder(tmp_path: Path):
    folder = make_site(tmp_path / "zyx")
    profile = tmp_path / "p.json"
    assert run("learn", str(folder), "-o", str(profile)).exit_code == 0
    got = records(run("clean", str(folder), "--profile", str(profile), "-q"))
    assert got and not any(kept(r, FURNITURE) for r in got.values())
    # and on one of its files, without --site
    [one] = records(run("clean", str(folder / "page2.txt"), "--profile", str(profile))).values()
    assert not kept(one, FURNITURE)


def test_an_unknown_site_is_an_error_that_lists_the_known_ones(tmp_path: Path):
    folder = make_site(tmp_path / "zyx")
    profile = tmp_path / "p.json"
    assert run("learn", str(folder), "-o", str(profile)).exit_code == 0
    for command in ("clean", "explain"):
        result = run(command, str(folder / "page0.txt"), "--profile", str(profile), "--site", "zxy")
        assert result.exit_code == 2, command
        assert "'zxy' is not in the profile; its sites: zyx" in result.stderr
        assert result.stdout == ""
    assert run("clean", str(folder), "--profile", str(profile), "--site", "zyx", "-q").exit_code == 0


def test_clean_warns_when_the_profile_knows_none_of_the_batchs_sites(tmp_path: Path):
    folder = make_site(tmp_path / "zyx")
    profile = tmp_path / "p.json"
    assert run("learn", str(folder), "-o", str(profile)).exit_code == 0
    other = make_site(tmp_path / "new")
    result = run("clean", str(other), "--profile", str(profile))
    assert result.exit_code == 0
    assert "the profile has no lines for site(s) new (its sites: zyx)" in result.stderr
    assert "warning" not in run("clean", str(folder), "--profile", str(profile)).stderr
