"""Server-rendered SVG charts (pygal) with no script in them. No Flask.

pygal always embeds a configuration ``<script>``; ``js=[]`` drops only its
external script, so an XML filter removes every ``<script>`` element and adds
a ``<desc>`` next to pygal's ``<title>``. The pages show each chart with an
``<img>`` (alt text = the description) and the same figures in a table.
"""

from __future__ import annotations

import pygal
from pygal.style import Style

from ..content.model import CATEGORIES
from .analytics import whole

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1d1d1f",
    foreground_strong="#1d1d1f",
    foreground_subtle="#6b6b73",
    colors=("#0b5cad", "#1b6e32", "#a11d1d", "#7a5200"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    value_label_font_size=13,
    tooltip_font_size=13,
)


def _svg_filter(description: str):
    def clean(root):
        for parent in list(root.iter()):
            for child in list(parent):
                tag = child.tag if isinstance(child.tag, str) else ""
                if tag.rsplit("}", 1)[-1] == "script":
                    parent.remove(child)
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        desc = root.makeelement(f"{ns}desc", {})
        desc.text = description
        titles = [i for i, child in enumerate(root) if isinstance(child.tag, str) and child.tag.endswith("title")]
        root.insert(titles[0] + 1 if titles else 0, desc)
        root.set("role", "img")
        return root

    return clean


def _config(title: str) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "show_legend": False,
        "title": title,
        "width": 720,
        "height": 380,
        "style": STYLE,
        "print_values": True,
        "explicit_size": False,
    }


def _render(chart, description: str) -> str:
    chart.add_xml_filter(_svg_filter(description))
    return chart.render(is_unicode=True)


def score_distribution_svg(bins: list[tuple[str, int]], title: str, description: str) -> str:
    chart = pygal.Bar(**_config(title), x_title="Score (counted attempt)", y_title="Students", min_scale=1)
    chart.x_labels = [label for label, _ in bins]
    chart.add("Students", [count for _, count in bins])
    chart.y_labels = list(range(0, max([c for _, c in bins] + [1]) + 1))
    return _render(chart, description)


def mastery_svg(mastery: dict[str, float | None], title: str, description: str) -> str:
    chart = pygal.HorizontalBar(**_config(title), range=(0, 100), x_title="Percent of points earned")
    chart.x_labels = [CATEGORIES[c] for c in CATEGORIES]
    chart.add(
        "Class mastery",
        [whole(mastery.get(c)) for c in CATEGORIES],
        formatter=lambda v: "—" if v is None else f"{v:g}%",
    )
    return _render(chart, description)
