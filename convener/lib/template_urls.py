"""`{% url %}` that remembers links without arguments, loaded as a template builtin in settings.

Every page's header and footer hold about twenty fixed links, and reversing each on every request
was a tenth of the time spent rendering a page. A link without arguments can only change with the
URL configuration or the script prefix, so the rendered link is kept per those. Links with arguments
and `{% url … as name %}` behave exactly as Django's tag.
"""

from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf

register = Library()


class FixedURLNode(URLNode):
    rendered: dict = {}

    def render(self, context):
        key = (self.view_name.var, get_script_prefix(), get_urlconf(), context.autoescape)
        link = self.rendered.get(key)
        if link is None:
            link = self.rendered[key] = super().render(context)
        return link


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
