"""The chat tutor: the lesson and the quiz as a conversation.

No Flask in this package. ``content`` loads the teacher-editable tutor text,
``intents`` understands what the learner typed, ``engine`` turns (state,
input) into (new state, reply messages, effects to store) and ``store`` keeps
the state and the transcript in SQLite. ``closeread.views_chat`` wires them to
HTTP.
"""
