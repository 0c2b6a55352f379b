"""Every URL, every method, hostile addresses: never a 500.

The permission matrix asks who gets in with well-formed addresses. This sweep asks what happens
with the rest: each route of the resolver with its path parameters replaced by values no object
has (huge integers, NUL and invalid UTF-8 in keys, unknown UUIDs), with hostile query strings,
and with every HTTP method, as a visitor, a limited leader and an admin. It found that a NUL in
an open-link or result key reached PostgreSQL, which refused it with an error (a 500).
"""

import re
import uuid

import pytest

from .conftest import World
from .test_permission_matrix import _entry, routes

METHODS = ("get", "post", "put", "patch", "delete", "head", "options")
QUERIES = ("", "?department=%00&role=%00&lang=%00", "?department=99999999999999999999&q=x", "?p=-1")
HUGE = "99999999999999999999"  # beyond any integer column
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
HOSTILE = {  # converter → values that match the route's pattern but name nothing
    "int": (HUGE, "0"),
    "str": ("%00", "%ED%A0%80", "x" * 3000),
    "generated_key": ("A" * 64, "not-ours-0123456789"),
    "uuid": (str(uuid.UUID(int=0)), str(uuid.uuid4())),
    "path": (HUGE, "%00", "1/..%2F..%2Fsecret"),
}


def _hostile_paths(route: str) -> list[str]:
    """The route with each of its parameters, one converter at a time, made hostile; routes
    written as regular expressions (a few admin ones) are left to the matrix."""
    if "(?P<" in route:
        return []
    found = []
    for converter, values in HOSTILE.items():
        if not any(_converter(m) == converter for m in PARAMETER.finditer(route)):
            continue
        for value in values:
            found.append("/" + PARAMETER.sub(lambda m, c=converter, v=value: _fill(m, c, v), route))
    return found


def _converter(parameter: re.Match) -> str:
    return parameter[1] or "str"


def _fill(parameter: re.Match, converter: str, value: str) -> str:
    """`value` for the parameters of `converter`; "1" (any plausible value) for the others."""
    return value if _converter(parameter) == converter else "1"


def _addresses(world: World) -> list[str]:
    addresses = []
    for route, _name in routes():
        build, _expected = _entry(route)
        addresses.append(build(world, "admin"))
        addresses += _hostile_paths(route)
    return addresses


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "limited_leader", "admin"])
def test_no_address_method_or_query_string_gets_a_500(world: World, visitor, role: str):
    client = visitor(role)
    client.raise_request_exception = False  # count a crash as the 500 a visitor would get
    errors = []
    for address in _addresses(world):
        for query in QUERIES:
            url = address + (query.replace("?", "&") if "?" in address else query)
            for method in METHODS if not query else ("get",):  # views read queries on GET
                status = getattr(client, method)(url).status_code
                if status >= 500:
                    errors.append(f"{method.upper()} {url[:120]}: {status}")
    assert errors == [], "\n".join(errors)
