"""A typical student finishes each round in 12 minutes or less (the scripted run plus reading time)."""

from tests.round_timing import measure


def test_every_round_fits_in_twelve_minutes(tmp_path):
    times = measure(tmp_path)
    assert [t.number for t in times] == [1, 2, 3, 4, 5, 6]
    for t in times:
        assert t.scripted < 30, (t.title, t.scripted)  # the app's share is seconds; reading is the time
        assert t.total <= 12, (t.title, round(t.total, 1))
