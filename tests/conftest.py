import pytest

from closeread.db import connect
from tests.helpers import FIXTURES, QuizDriver, make_app


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def mini_app(tmp_path):
    return make_app(tmp_path, FIXTURES / "mini")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture
def lesson(app):
    return next(iter(app.extensions["closeread.lessons"].values()))


@pytest.fixture
def quiz(client, lesson):
    return QuizDriver(client, lesson)
