"""The `{% url %}` builtin remembers fixed links without ever serving a wrong one."""

from django.template import engines
from django.urls import clear_script_prefix, set_script_prefix

from convener.lib.template_urls import FixedURLNode


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_a_fixed_link_follows_the_script_prefix():
    try:
        set_script_prefix("/one/")
        assert render("{% url 'privacy' %}") == "/one/privacy/"
        set_script_prefix("/two/")
        assert render("{% url 'privacy' %}") == "/two/privacy/"
    finally:
        clear_script_prefix()
    assert render("{% url 'privacy' %}") == "/privacy/"


def test_links_with_arguments_or_names_from_variables_are_reversed_each_time():
    source = "{% url 'courses:course' slug %} {% url name %} {% url 'privacy' as p %}[{{ p }}]"
    assert render(source, slug="a", name="privacy") == "/learn/a/ /privacy/ [/privacy/]"
    assert render(source, slug="b", name="accessibility") == "/learn/b/ /accessibility/ [/privacy/]"
    nodes = engines["django"].from_string(source).template.nodelist
    assert [type(n) for n in nodes if isinstance(n, FixedURLNode)] == []
    assert isinstance(engines["django"].from_string("{% url 'privacy' %}").template.nodelist[0], FixedURLNode)
