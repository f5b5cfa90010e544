"""A project: the folder sourcecheck checks, laid out as the design card says.

    pyproject.toml            optional; its [tool.sourcecheck] table is the config
    articles/<slug>/          article.<lang>.txt (or .md) and claims.yaml
    datapackages/<source>/    datapackage.json and its CSV resources
    schemas/                  <package>.<resource>.yaml pandera schemas

The folder names can be changed in the config (``articles``, ``datapackages``,
``schemas``); everything else about the config is read by the stage that uses it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError
from .textfile import decode_utf8

_FOLDERS = ("articles", "datapackages", "schemas")


@dataclass(frozen=True)
class Project:
    root: Path
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | PathLike[str] = ".") -> Project:
        root = Path(path)
        if not root.is_dir():
            raise InputError("not a project folder (no such directory)", root)
        return cls(root, _read_config(root / "pyproject.toml"))

    @classmethod
    def find(cls, path: str | PathLike[str] = ".") -> Project:
        """The project a command run at ``path`` is about, found as pytest and ruff find
        theirs: ``path`` itself when it is a project folder (its pyproject.toml has a
        ``[tool.sourcecheck]`` table, or it holds an ``articles`` or ``datapackages`` folder), else the nearest
        folder above it whose pyproject.toml has that table, else ``path``."""
        start = Path(path)
        if start.is_dir() and not _is_project(start):
            for folder in start.resolve().parents:
                if _has_own_config(folder / "pyproject.toml"):
                    return cls.load(folder)
        return cls.load(start)

    def folder(self, name: str) -> Path:
        """The project's ``articles``, ``datapackages`` or ``schemas`` folder."""
        assert name in _FOLDERS, name
        return self.root / str(self.config.get(name, name))

    @property
    def articles(self) -> Path:
        return self.folder("articles")

    @property
    def datapackages(self) -> Path:
        return self.folder("datapackages")

    @property
    def schemas(self) -> Path:
        return self.folder("schemas")

    @property
    def lang(self) -> str | None:
        """The default language of the articles, if the config names one."""
        lang = self.config.get("lang")
        if lang is not None and lang not in ("nl", "en"):
            raise ConfigError(f"lang must be 'nl' or 'en', not {lang!r}", self.root / "pyproject.toml")
        return lang

    @property
    def schemas_required(self) -> bool:
        """``require-schemas``: whether a resource without a pandera schema is an error
        (SC204) rather than a note (SC202).  False by default."""
        required = self.config.get("require-schemas", False)
        if not isinstance(required, bool):
            raise ConfigError("[tool.sourcecheck] require-schemas must be true or false",
                              self.root / "pyproject.toml")
        return required


def _is_project(folder: Path) -> bool:
    return (_has_own_config(folder / "pyproject.toml") or (folder / "articles").is_dir()
            or (folder / "datapackages").is_dir())


def _has_own_config(path: Path) -> bool:
    """Whether ``path`` is a pyproject.toml with a [tool.sourcecheck] table (one that
    cannot be read is someone else's problem when it is not the project's own)."""
    if not path.is_file():
        return False
    try:
        document = tomllib.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return False
    tool = document.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("sourcecheck"), dict)


def _read_config(path: Path) -> dict[str, Any]:
    if not path.exists() and not path.is_symlink():
        return {}
    if not path.is_file():  # a folder, a dangling link, or a pipe (reading one would block)
        raise ConfigError("not a readable file", path)
    try:
        document = tomllib.loads(decode_utf8(path.read_bytes(), path, ConfigError))
    except tomllib.TOMLDecodeError as error:
        # tomllib puts "(at line L, column C)" in its message; keep it as the position
        raise ConfigError(f"not valid TOML: {error}", path) from None
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror}", path) from None
    except ValueError as error:  # an integer over Python's 4300-digit limit
        raise ConfigError(f"not a readable value: {' '.join(str(error).split()[:8])}", path) from None
    except RecursionError:
        raise ConfigError("nested too deeply to read", path) from None
    tool = document.get("tool", {})
    config = tool.get("sourcecheck", {}) if isinstance(tool, dict) else None
    if not isinstance(config, dict):
        raise ConfigError("[tool.sourcecheck] must be a table", path)
    for name in _FOLDERS:
        if name in config and not isinstance(config[name], str):
            raise ConfigError(f"[tool.sourcecheck] {name} must be a folder name", path)
        # the folders are part of the project: no absolute path, no way out with ".."
        if name in config and (Path(config[name]).is_absolute() or ".." in Path(config[name]).parts):
            raise ConfigError(f"[tool.sourcecheck] {name} must be a folder inside the project, "
                              f"not {config[name]!r}", path)
    lang = config.get("lang")
    if lang is not None and lang not in ("nl", "en"):  # wrong even when no article needs it
        raise ConfigError(f"lang must be 'nl' or 'en', not {lang!r}", path)
    return config
