"""Modal screens: help, the scenario picker, and typing alpha."""
