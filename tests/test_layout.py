"""The package's layout contracts: stages/ holds the stages, in run order, and nothing
else; the helpers that find the article in a whole page (newsclean/page/) use no stage."""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import newsclean.page
import newsclean.stages
from newsclean.stages import STAGE_CLASSES, Stage

PACKAGE = Path(newsclean.stages.__file__).resolve().parents[1]


def test_every_module_of_stages_is_a_stage_of_the_pipeline():
    names = {c.__module__.rsplit(".", 1)[-1] for c in STAGE_CLASSES}
    for info in pkgutil.iter_modules(newsclean.stages.__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"newsclean.stages.{info.name}")
        stages = [v for v in vars(module).values()
                  if isinstance(v, type) and issubclass(v, Stage) and v is not Stage and v.__module__ == module.__name__]
        assert stages and info.name in names, f"stages/{info.name}.py holds no stage of the pipeline"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_the_page_helpers_import_no_stage():
    # (stage content imports them: an import back would be a cycle)
    for path in sorted((PACKAGE / "page").glob("*.py")):
        bad = {m for m in _imports(path) if "stages" in m}
        assert not bad, f"page/{path.name} imports {bad}"


def test_the_page_helpers_are_a_package_of_their_own():
    assert {m.name for m in pkgutil.iter_modules(newsclean.page.__path__)} >= {
        "cards", "copies", "figures", "headline", "lists", "region"}
