"""Writing YAML the one canonical way, so import then export gives back the same files."""

import yaml

WIDTH = 88


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        # Lists indented under their key, as people write them.
        return super().increase_indent(flow, False)


def _represent_str(dumper, value):
    tag = "tag:yaml.org,2002:str"
    if "\n" in value:
        return dumper.represent_scalar(tag, value, style="|")
    analysis = dumper.analyze_scalar(value)
    if len(value) > WIDTH - 10 and analysis.allow_block and value == value.strip() and "  " not in value:
        # Long prose folds over several lines, as authors write it.
        return dumper.represent_scalar(tag, value, style=">")
    reads_as_text = dumper.resolve(yaml.ScalarNode, value, (True, False)) == tag
    if not analysis.allow_block_plain or not reads_as_text:
        return dumper.represent_scalar(tag, value, style='"')
    return dumper.represent_scalar(tag, value)


def _represent_list(dumper, items):
    # Short lists of plain words stay on one line: [world-cafe, fishbowl].
    inline = (
        bool(items)
        and len(", ".join(map(str, items))) < 60
        and all(
            isinstance(item, str)
            and item == item.strip()
            and item
            and not item.endswith((".", "?", "!"))
            and not set(item) & set(",[]{}#:'\"&*!|>%@`")
            for item in items
        )
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=inline)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def dump_yaml(data) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH, default_flow_style=False
    )


def dump_front_matter(front: dict, body: str) -> str:
    return f"---\n{dump_yaml(front)}---\n{body}"
