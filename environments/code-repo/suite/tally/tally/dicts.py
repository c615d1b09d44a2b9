"""Merge nested dictionaries."""


def deep_merge(base, override):
    """A new dict with override merged into base.

    Nested dicts are merged key by key; any other value in override replaces the one in base.
    Neither argument is modified.
    """
    result = dict(base)
    for key, value in override.items():
        result[key] = value
    return result
