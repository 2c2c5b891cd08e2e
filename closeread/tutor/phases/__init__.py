"""One handler per phase of the conversation; :data:`PHASES` maps each :class:`~..state.Phase` to it."""

from ..state import Phase
from .base import PhaseHandler
from .common import COMMON
from .end import End
from .greeting import Greeting
from .quiz import Practice, Quiz
from .reading import Reading
from .skill import Skill

PHASES: dict[Phase, PhaseHandler] = {p.phase: p for p in (Greeting(), Skill(), Reading(), Quiz(), Practice(), End())}

__all__ = ["COMMON", "PHASES", "PhaseHandler"]
