"""gdtui: watch gradient descent learn, one weight at a time, in the terminal."""

__version__ = "0.1.0"
