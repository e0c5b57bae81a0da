"""Helpers shared by several test folders: one definition each."""
