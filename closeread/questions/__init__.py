"""Question types and scoring. Pure: no Flask.

``registry`` maps a type's name to its class (one module per type: ``choice``,
``multi``, ``verdict``, ``cite``, ``pair``, ``explain``); ``grading`` grades an
answer through it, ``results`` sums scores by skill and describes answers.
The content loader, the form quiz, the chat tutor and the teacher's exports
all ask a question's type (``question.kind``) rather than test its name.
"""
