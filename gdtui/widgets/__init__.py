"""gdtui's widgets, one a module; the main screen feeds each the Frame (``update_from``)."""
