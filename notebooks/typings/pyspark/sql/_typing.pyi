from typing import Union

from pyspark.sql.column import Column

ColumnOrName = Union[Column, str]
LiteralType = Union[bool, int, float, str, None]
