"""The learner side: lessons, the form quiz, results, joining a class, resume, the worksheet.

Blueprints: ``views_lesson`` (home, lesson page, starting an attempt),
``views_quiz`` (one question per page, hints, the result), ``views_print``
(the printable worksheet), ``join`` (joining a class, resume codes). ``store``
keeps learners, attempts and responses (``migrations``); ``learners`` says who
the learner on a request is.
"""
