"""The package layout, which setup.cfg cannot express: the checkout keeps its
library folders at the top (extractor/, models/, exports/, beside docket/ for
the CLI), and an installed docket holds them as subpackages of `docket`
(setuptools' package_dir), so nothing generic such as `models` or `exports`
lands at the top of site-packages. Everything else is in setup.cfg."""
from setuptools import find_namespace_packages, setup

FOLDERS = {
    "docket": "docket",
    "docket.extractor": "extractor",
    "docket.models": "models",
    "docket.exports": "exports",
}


def packages() -> list[str]:
    # namespace packages too: the language folders are data without __init__.py
    found = []
    for name, folder in FOLDERS.items():
        found.append(name)
        found += [f"{name}.{sub}" for sub in find_namespace_packages(folder, exclude=["*__pycache__*"])]
    return found


setup(package_dir=FOLDERS, packages=packages())
