"""Architecture rules that a grep would miss.

desktop/core stays Qt-free (ruff's banned-api rule says the same; this catches any form),
and the KB file layer stays one: one front-matter parser, one atomic write, one walker.
"""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "desktop" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "desktop.ui")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_qt_and_no_ui() -> None:
    offenders = {
        f"{path.name}: {name}"
        for path in CORE.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN or name.startswith("desktop.ui")
    }
    assert not offenders


# --- one KB file layer (issue 10): no module grows its own copy back ------------------------

DESKTOP = CORE.parent
FRONT_MATTER_MODULE = "core/frontmatter.py"
ATOMIC_MODULE = "core/atomicfile.py"
FENCES = {"---", "..."}
# (module, function) pairs allowed to rename or make temp files themselves, and why.
RENAME_ALLOWED = {
    ("core/kb_location.py", "_swap_in"),  # swaps whole mirror folders, not files
    ("core/kb_location.py", "_recover"),  # undoes a half-done folder swap
}
MKSTEMP_ALLOWED = {
    ("core/editing.py", "probe_write"),  # creates and deletes an empty probe; writes nothing
}


def desktop_sources() -> list[tuple[str, ast.Module]]:
    return [(path.relative_to(DESKTOP).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(DESKTOP.rglob("*.py"))]


def calls_with_function(tree: ast.Module) -> list[tuple[ast.Call, str]]:
    """Every call with the name of the function it is in ("" at module level)."""
    found: list[tuple[ast.Call, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) \
                else function
            if isinstance(child, ast.Call):
                found.append((child, function))
            visit(child, inner)

    visit(tree, "")
    return found


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def is_fence(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in FENCES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(is_fence(item) for item in node.elts)
    return False


def test_only_the_front_matter_module_looks_for_fences() -> None:
    """`line == "---"`, `line.strip() in ("---", "...")`, `text.startswith("---")` mean a
    second front-matter parser: use desktop.core.frontmatter instead."""
    offenders = set()
    for name, tree in desktop_sources():
        if name == FRONT_MATTER_MODULE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(
                    is_fence(side) for side in (node.left, *node.comparators)):
                offenders.add(f"{name}:{node.lineno}")
            if isinstance(node, ast.Call) and dotted(node.func).endswith(".startswith") \
                    and any(isinstance(a, ast.Constant) and a.value in FENCES
                            for a in node.args):
                offenders.add(f"{name}:{node.lineno}")
    assert not offenders


def test_only_the_front_matter_module_defines_the_key_value_grammar() -> None:
    pattern = r"[A-Za-z][A-Za-z0-9_-]*)\s*:"
    offenders = {name for name, tree in desktop_sources() if name != FRONT_MATTER_MODULE
                 for node in ast.walk(tree)
                 if isinstance(node, ast.Constant) and isinstance(node.value, str)
                 and pattern in node.value}
    assert not offenders


def test_only_the_atomic_write_module_renames_files_into_place() -> None:
    """os.replace / os.rename / mkstemp elsewhere means a second atomic-write helper, and
    one without the exclusive, no-follow temp file: use desktop.core.atomicfile."""
    offenders = set()
    for name, tree in desktop_sources():
        if name == ATOMIC_MODULE:
            continue
        for call, function in calls_with_function(tree):
            called = dotted(call.func)
            if called in ("os.replace", "os.rename") and (name, function) not in RENAME_ALLOWED:
                offenders.add(f"{name}:{call.lineno} {called}")
            if called.endswith(("mkstemp", "NamedTemporaryFile")) \
                    and (name, function) not in MKSTEMP_ALLOWED:
                offenders.add(f"{name}:{call.lineno} {called}")
    assert not offenders


# Folder listings in core that are not walks of the KB, and why.
LISTING_ALLOWED = {
    ("core/kb.py", "check_kb_dir"),  # can the KB folder be listed at all (one entry)
    ("core/kb_location.py", "_probe_now"),  # the share's root, from a thread with a timeout
}
# Modules that list the index cache's own folders, never the KB.
CACHE_MODULES = {"core/cachedir.py", "core/index.py", "core/whoosh_seam.py", "core/docstore.py",
                 "core/manifest.py", "core/quickopen.py"}
LISTING_CALLS = ("os.walk", "os.scandir", "os.listdir")


def test_only_the_kb_file_layer_walks_kb_folders() -> None:
    """A folder listing in core or the KB watcher is a second KB walker: use kbfs.scan
    (options: follow_links, meta_files, max_bytes) or kbfs.folder_times (a cheap poll)."""
    offenders = set()
    for name, tree in desktop_sources():
        kb_side = name.startswith("core/") or name == "ui/kb_watcher.py"
        if not kb_side or name == "core/kbfs.py" or name in CACHE_MODULES:
            continue
        for call, function in calls_with_function(tree):
            called = dotted(call.func)
            attr = call.func.attr if isinstance(call.func, ast.Attribute) else ""
            if (called in LISTING_CALLS or attr in ("rglob", "walk")) \
                    and (name, function) not in LISTING_ALLOWED:
                offenders.add(f"{name}:{call.lineno} {called}")
    assert not offenders
