"""The chat tutor: the lesson and the quiz as a conversation.

The pure core has no Flask: ``intents`` and ``sentence_refs`` understand what
the learner typed, ``engine`` turns (state, input, progress) into (new state,
reply messages, effects to store), ``script`` words the replies. ``store``
keeps the state and the transcript in SQLite (``migrations``). The HTTP shell
is ``views`` (the page) and ``api`` (the JSON API), both through ``service``,
which runs a turn and applies its effects. The teacher-editable text
(``tutor.toml``) is loaded with the rest of the content: ``closeread.content.tutor``.
"""
