"""Dataset files with no UI: reading MNIST (``mnist``) and downloading it (``fetch``)."""
