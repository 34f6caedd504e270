"""The package's layout contracts: stages/ holds the stages, in run order, and nothing
else; the helpers that find the article in a whole page (newsclean/page/) use no stage
(only the Tag enums of the stages that run before content)."""
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


def _imports(path: Path) -> set[tuple[str, str]]:
    """(module, name) of every import of ``path`` (name "" for `import module`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.update(("." * node.level + (node.module or ""), a.name) for a in node.names)
        elif isinstance(node, ast.Import):
            found.update((a.name, "") for a in node.names)
    return found


def test_the_page_helpers_use_no_stage_but_the_tags_of_earlier_ones():
    # (stage content imports them: an import of a stage would be a cycle; the Tag enum of
    # a stage that runs before content is how a helper reads what that stage decided)
    order = [c.name for c in STAGE_CLASSES]
    for path in sorted((PACKAGE / "page").glob("*.py")):
        for module, name in _imports(path):
            if "stages" not in module:
                continue
            stage = module.rsplit(".", 1)[-1]
            assert name == "Tag" and order.index(stage) < order.index("content"), \
                f"page/{path.name} imports {name or module} from {module}"


def test_the_page_helpers_are_a_package_of_their_own():
    assert {m.name for m in pkgutil.iter_modules(newsclean.page.__path__)} >= {
        "cards", "copies", "figures", "headline", "lists", "region"}
