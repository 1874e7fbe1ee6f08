"""One catalogue of what the calculator can use — bundled and user model files, products, targets — loaded once
and shared by the GUI and every command-line command (before, the GUI read only the bundled models while
``atgdesk models`` also listed the user's)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from atgdesk.core.model import PKModel, list_models
from atgdesk.core.products import Product, load_products
from atgdesk.core.targets import TargetWindow, load_targets

__all__ = ["Catalogue", "load_catalogue", "model_folders"]


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Models (bundled first, then the user's), products by key, targets; errors say which file and field."""

    models: tuple[PKModel, ...]
    products: dict[str, Product]
    targets: tuple[TargetWindow, ...]
    errors: tuple[str, ...]
    model_errors: tuple[tuple[str, str], ...] = ()

    def model(self, model_id: str) -> PKModel | None:
        return next((m for m in self.models if m.id == model_id), None)

    def product_name(self, key: str) -> str:
        product = self.products.get(key)
        return product.name if product is not None else (key or "no product")

    def target(self, target_id: str) -> TargetWindow | None:
        return next((t for t in self.targets if t.id == target_id), None)


def model_folders(bundled: str | Path | None = None, extra: list[str | Path] | None = None) -> list[Path]:
    """Folders to read models from: ``extra`` if given, else the bundled folder and the user's ``models``
    folder (``<user data folder>/models``) when it exists."""
    from atgdesk import paths
    if extra:
        return [Path(f) for f in extra]
    folders = [Path(bundled) if bundled is not None else paths.models_dir()]
    try:
        user = paths.user_dir() / "models"
    except OSError:  # no user folder at all (no home): the bundled models still work
        return folders
    if user.is_dir() and user.resolve() != folders[0].resolve():
        folders.append(user)
    return folders


def load_catalogue(folders: list[str | Path], data_dir: str | Path) -> Catalogue:
    """Read every model folder, ``products.toml`` and ``targets.toml``; a bad file is reported, not fatal.  A
    user model reusing a bundled id is reported and skipped (the bundled one stays)."""
    models: list[PKModel] = []
    model_errors: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for folder in folders:
        ms, es = list_models(folder)
        model_errors += es
        for m in ms:
            if m.id in seen:
                model_errors.append((m.path, f"{m.path}: id: '{m.id}' is already used by {seen[m.id]}"))
                continue
            seen[m.id] = m.path
            models.append(m)
    errors = [msg for _f, msg in model_errors]
    data = Path(data_dir)
    try:
        products = load_products(data / "products.toml")
    except (ValueError, OSError) as exc:
        products = {}
        errors.append(str(exc))
    try:
        targets: list[TargetWindow] = load_targets(data / "targets.toml")
    except (ValueError, OSError) as exc:
        targets = []
        errors.append(str(exc))
    return Catalogue(tuple(models), products, tuple(targets), tuple(errors), tuple(model_errors))
