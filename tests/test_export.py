"""mtsum.export: the JSON record's text."""

from __future__ import annotations

import enum
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtsum.export import dumps


class _Kind(str, enum.Enum):  # like mtsum.model.Status: a str subclass
    SOURCE = "source"


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.just(_Kind.SOURCE)
)
_keys = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_keys, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_dumps_writes_what_json_dumps_writes(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_dumps_of_nested_and_empty_containers():
    value = {"a": [], "b": {}, "c": [1, [2, {"d": None}], 'é\n"x"'], 1: True, None: 1.5}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_dumps_refuses_what_json_refuses():
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): "a tuple key"})
