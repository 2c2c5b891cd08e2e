"""The lesson editor: a teacher turns their own article into a close-reading lesson."""
