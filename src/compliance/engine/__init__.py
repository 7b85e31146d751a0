"""Step 4 of the flow: run compiled rule books over prepared facts.

Two engines sit behind one small interface: durable-rules (the default) and a pure-Python
evaluator of the same compiled patterns, for machines where durable-rules cannot be built
(it has no wheels and does not import on Python 3.13). Tests hold them to identical results.
"""

from __future__ import annotations

from compliance.engine.base import Engine, EngineError, Match
from compliance.wordings import Phrase

ENGINE_NAMES = ("durable", "python")


def make_engine(name: str = "durable") -> Engine:
    """The engine called ``name``; raises EngineError when it cannot run here."""
    if name == "python":
        from compliance.engine.python_engine import PythonEngine

        return PythonEngine()
    if name == "durable":
        try:
            from compliance.engine.durable_engine import DurableEngine
        except ImportError as error:
            phrase = Phrase("engine.unavailable", {"detail": error})
            raise EngineError(phrase.say("en"), phrase) from None
        return DurableEngine()
    raise EngineError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")


__all__ = ["ENGINE_NAMES", "Engine", "EngineError", "Match", "make_engine"]
