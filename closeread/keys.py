"""The keys CloseRead keeps in ``app.extensions``, each written once here."""

LESSONS = "closeread.lessons"  # {slug: Lesson}, loaded and validated at start-up
TUTORS = "closeread.tutors"  # {slug: Tutor}, the chat engine of each lesson
DB_CONNECTIONS = "closeread.db_connections"  # per-thread SQLite connections (db.get_db)
LESSON_FILES = "closeread.lesson_files"  # {slug: {relative path: text}} of the lessons in lesson/, for content sync
VERSIONS = "closeread.versions"  # {(slug, version): Lesson} loaded on demand from lesson_versions (library/catalog)
