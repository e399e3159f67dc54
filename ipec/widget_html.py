"""The list pages' filter widgets written out in Python: the same HTML as Django's widget templates, faster.

Django renders each widget through its template engine, a select's every option through an
include of its own: the filter form of /projects/ (fifteen fields, six of them selects) cost
more to render than the fifty rows of the table. LeanWidgetRenderer writes the plain inputs and
the selects directly, byte for byte as django/forms/widgets/{input,select,select_option,attrs}.html
do (tests/portfolio/test_widget_html.py compares them), and hands every other widget to Django's renderer.
"""

from __future__ import annotations

from django.forms.renderers import get_default_renderer
from django.utils.functional import Promise
from django.utils.html import conditional_escape

# Django's own templates of the widgets written here; a widget with another template is left to Django.
WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = frozenset(
    WIDGETS + name
    for name in ("text.html", "number.html", "hidden.html", "email.html", "search.html", "date.html", "url.html")
)
SELECT_TEMPLATE = WIDGETS + "select.html"
OPTION_TEMPLATE = WIDGETS + "select_option.html"


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"` each, a True value as the bare name, a False one left out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> str:
    """input.html, included by text.html and its kin (the renderer strips the line ends around it)."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _option_html(option: dict) -> str | None:
    if option["template_name"] != OPTION_TEMPLATE or not isinstance(option["label"], str | Promise):
        return None  # a number would be localized by the template: Django's renderer does that
    return (
        f'<option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


def select_html(widget: dict) -> str | None:
    """select.html with its options; None when an option has a template of its own (Django renders those)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            option_html = _option_html(option)
            if option_html is None:
                return None
            parts.append("\n  " + option_html)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class LeanWidgetRenderer:
    """A form renderer that writes inputs and selects itself and passes anything else to the default renderer.

    Like Django's renderers, it returns the widget's HTML without the line ends around it.
    """

    def __init__(self, fallback=None) -> None:
        self._fallback = fallback

    @property
    def fallback(self):
        if self._fallback is None:
            self._fallback = get_default_renderer()
        return self._fallback

    def __getattr__(self, name: str):
        # form_template_name, field_template_name, get_template…: as the default renderer has them.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.fallback, name)

    def render(self, template_name: str, context: dict, request=None) -> str:
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in INPUT_TEMPLATES and widget.get("template_name") == template_name:
                return input_html(widget)
            if template_name == SELECT_TEMPLATE and widget.get("template_name") == template_name:
                html = select_html(widget)
                if html is not None:
                    return html
        return self.fallback.render(template_name, context, request=request)


LEAN_RENDERER = LeanWidgetRenderer()
