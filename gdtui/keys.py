"""Every key of the app, in one table: the bindings, the footer, the help screen and the
command palette are all made from it."""

from __future__ import annotations

# fmt: off
# Every key: (keys, action, what, in the footer, shown as, id, what it does). The help screen
# and the command palette are made from this list too.
KEYS: tuple[tuple[str, str, str, bool, str | None, str, str], ...] = (
    ("space", "step", "Step", True, None, "step",
     "Learn from the next example: predict, compare, learn."),
    ("n", "step", "Step", False, None, "step-n", "The same as space."),
    ("s", "stage", "Stage", True, None, "stage",
     "One stage of a step at a time: predict, compare, then learn (which takes the step)."),
    ("e", "epoch", "Epoch", True, None, "epoch",
     "Finish the current epoch (a whole pass over the examples)."),
    ("p", "play", "Play/Pause", True, None, "play",
     "Start or stop autoplay; it stops by itself if the error overflows."),
    ("plus", "faster", "Faster", False, "+", "faster", "Autoplay takes more steps a second."),
    ("minus", "slower", "Slower", False, "-", "slower", "Autoplay takes fewer steps a second."),
    ("u", "undo", "Undo", True, None, "undo",
     "Take back the last step or change (alpha, freezing, reset)."),
    ("y", "redo", "Redo", False, None, "redo", "Do again what undo took back."),
    ("r", "reset", "Reset", True, None, "reset",
     "Back to the starting weights and step 0; alpha and freezing stay."),
    ("up,k", "cursor(-1, 0)", "Cursor up", False, "↑ k", "cursor-up",
     "Select the weight above (the previous output)."),
    ("down,j", "cursor(1, 0)", "Cursor down", False, "↓ j", "cursor-down",
     "Select the weight below (the next output)."),
    ("left,h", "cursor(0, -1)", "Cursor left", False, "← h", "cursor-left",
     "Select the weight to the left (the previous input)."),
    ("right,l", "cursor(0, 1)", "Cursor right", False, "→ l", "cursor-right",
     "Select the weight to the right (the next input)."),
    ("f", "freeze", "Freeze", True, None, "freeze",
     "Freeze or unfreeze the selected weight: a frozen weight never moves."),
    ("F", "unfreeze_all", "Unfreeze all", False, "F", "unfreeze-all",
     "Let every weight learn again."),
    ("left_square_bracket", "halve_alpha", "alpha/2", True, "[", "halve-alpha",
     "Halve alpha (after a divergence, first takes back the diverged step)."),
    ("right_square_bracket", "double_alpha", "alpha×2", True, "]", "double-alpha",
     "Double alpha."),
    ("a", "type_alpha", "Alpha…", False, None, "type-alpha", "Type a value for alpha."),
    ("d", "toggle_description", "Description", False, None, "toggle-description",
     "Show or hide the scenario's description."),
    ("i", "view('data')", "Data", False, None, "data",
     "Show or hide the data: the examples and weights as tables; enter or a number edits."),
    ("t", "view('history')", "History", False, None, "history",
     "Show or hide the history: a row a step, as the chapter's notebook prints them."),
    ("ctrl+s", "save", "Save", False, "^s", "save",
     "Save the session (scenario, history, alpha, frozen set, view) to reopen it later."),
    ("x", "export", "Export", False, None, "export",
     "Export the history, the weights, a screenshot or the scenario as files."),
    ("o", "open", "Open", True, None, "open", "Open another scenario."),
    ("question_mark", "help", "Help", True, "?", "help", "This list of keys."),
    ("q", "quit", "Quit", True, None, "quit", "Leave gdtui."),
)
# fmt: on
