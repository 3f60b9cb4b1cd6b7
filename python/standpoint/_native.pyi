"""Types of the compiled module (the public API is in ``standpoint/__init__.py``)."""

from typing import Dict, List, Optional, Tuple, Union

Columns = Dict[str, Union[bytes, List[str]]]

class NativeModel:
    @staticmethod
    def load(path: Optional[str] = None) -> "NativeModel": ...
    @property
    def name(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    def save(self, path: str) -> None: ...
    def score(
        self,
        texts: List[str],
        ids: Optional[List[Optional[str]]] = None,
        titles: Optional[List[Optional[str]]] = None,
        dates: Optional[List[Optional[str]]] = None,
        majority: float = ...,
    ) -> Tuple[Columns, Columns]: ...
    def report(
        self,
        texts: List[str],
        ids: Optional[List[Optional[str]]] = None,
        titles: Optional[List[Optional[str]]] = None,
        dates: Optional[List[Optional[str]]] = None,
        format: str = "table",
        majority: float = ...,
    ) -> str: ...
    def partial(
        self,
        texts: List[str],
        ids: Optional[List[Optional[str]]] = None,
        titles: Optional[List[Optional[str]]] = None,
        dates: Optional[List[Optional[str]]] = None,
        quotes: bool = False,
    ) -> str: ...

def merge_columns(
    partials: List[str], majority: float = ...
) -> Tuple[Columns, Optional[Columns], int, int]: ...
def merge_report(partials: List[str], format: str = "table", majority: float = ...) -> str: ...
def train(
    texts: List[str],
    stance: Optional[List[Optional[str]]] = None,
    sentiment: Optional[List[Optional[str]]] = None,
    about: Optional[List[Optional[str]]] = None,
    alpha: float = 0.01,
    ngram_range: Tuple[int, int] = (1, 2),
    min_df: int = 1,
    max_features: int = 20000,
    folds: int = 5,
    seed: int = 42,
) -> NativeModel: ...
