from typing import Generic, TypeVar

_T = TypeVar("_T")

class PagedList(list[_T], Generic[_T]):
    token: str | None
