"""Kalma: offline knowledge base and phrase reference for contact-center agents."""

__version__ = "0.1.0"
