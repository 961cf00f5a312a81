"""Language data: document types, issuer codes, agencies, cue words, time words, verbs.

Each table is a plain-text file beside this module (one entry per line); the small modules
here load them once at import and compile the patterns built from them.
"""
