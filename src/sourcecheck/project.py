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


def _read_config(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"not UTF-8 (byte {error.start})", path) from None
    except tomllib.TOMLDecodeError as error:
        # tomllib puts "(at line L, column C)" in its message; keep it as the position
        raise ConfigError(f"not valid TOML: {error}", path) from None
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror}", path) from None
    config = document.get("tool", {}).get("sourcecheck", {})
    if not isinstance(config, dict):
        raise ConfigError("[tool.sourcecheck] must be a table", path)
    for name in _FOLDERS:
        if name in config and not isinstance(config[name], str):
            raise ConfigError(f"[tool.sourcecheck] {name} must be a folder name", path)
    return config
