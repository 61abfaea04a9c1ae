"""Rich renderables that draw gdtui's pictures; widgets only feed them."""
