"""Lesson content: the model, the article's sentences, the loader and its checks, the tutor's text, and the
mirror of it all in SQLite. No Flask: ``app.create_app`` calls :func:`loader.load_content` once at start-up."""
