"""How long a written answer may be: the form, the chat and the JSON API all use these."""

WRITTEN_MIN_CHARS = 10  # shorter is not an answer yet
WRITTEN_MAX_CHARS = 2000  # a written answer, and so the longest chat message
