"""Extractors: each module has one public ``find_*`` function over the Document."""
