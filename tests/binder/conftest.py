"""The Binder simulation's marker (see test_binder.py)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "binder: installs requirements.txt into a fresh venv and runs every notebook (slow)"
    )
