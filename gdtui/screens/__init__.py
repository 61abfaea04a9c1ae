"""The screens: the main screen (``main``) and the dialogs over it (picker, help, alpha, save,
export, the data editor), which share ``dialog``'s look."""
