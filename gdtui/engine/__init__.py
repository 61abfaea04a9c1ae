"""The learning engine: NumPy and the standard library only, no user interface."""

from .maths import Curve, error_curve, predict
from .problem import Problem
from .records import EpochRecord, StepRecord
from .trainer import DivergedError, Trainer

__all__ = [
    "Curve",
    "DivergedError",
    "EpochRecord",
    "Problem",
    "StepRecord",
    "Trainer",
    "error_curve",
    "predict",
]
