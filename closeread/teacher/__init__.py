"""The teacher side: accounts, classes, dashboard, item analysis, heatmap, reviews, exports, the answer key.

Blueprints: ``views`` (sign-in, classes, students), ``dashboard`` (one class
and lesson: roster, charts, items, heatmap, review queue, CSV, print view)
and ``answer_key``. ``app.create_app`` registers them and ``auth.load_identity``.
"""
