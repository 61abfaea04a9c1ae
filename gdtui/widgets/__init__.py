"""gdtui's widgets, one a module; each is fed by the app through ``update_from``."""
