"""Links without arguments, reversed once: `fixed_url()` and a `{% url %}` builtin that uses it.

Every page's header and footer hold about twenty fixed links, and reversing each on every request
was a tenth of the time spent rendering a page. A link without arguments can only change with the
URL configuration or the script prefix, so it is kept per those. Links with arguments and
`{% url … as name %}` behave exactly as Django's tag. The builtin is loaded in settings.
"""

import functools

from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = Library()


def fixed_url(name: str) -> str:
    return _reversed(name, get_script_prefix(), get_urlconf())


@functools.cache
def _reversed(name, script_prefix, urlconf):
    return reverse(name, urlconf=urlconf)


class FixedURLNode(URLNode):
    def render(self, context):
        link = fixed_url(self.view_name.var)
        return conditional_escape(link) if context.autoescape else link


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    fixed = (
        not node.args
        and not node.kwargs
        and not node.asvar
        and isinstance(node.view_name.var, str)
        and not node.view_name.filters
    )
    if fixed:
        node.__class__ = FixedURLNode
    return node
