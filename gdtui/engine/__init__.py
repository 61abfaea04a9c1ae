"""The learning engine: NumPy and the standard library only, no user interface."""

from . import measure
from .changes import Kind, check_alpha
from .maths import Curve, error_curve
from .measure import Stability, Trace
from .problem import Problem
from .records import EpochRecord, StepRecord
from .scaled import Inputs, Scaled
from .state import State
from .trainer import DivergedError, Trainer

__all__ = [
    "Curve",
    "DivergedError",
    "EpochRecord",
    "Inputs",
    "Kind",
    "Problem",
    "Scaled",
    "Stability",
    "State",
    "StepRecord",
    "Trace",
    "Trainer",
    "check_alpha",
    "error_curve",
    "measure",
]
