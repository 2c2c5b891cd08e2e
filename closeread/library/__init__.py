"""Many lessons: versions of a lesson's content, assignments to classes, lesson bundles, GIFT export."""
