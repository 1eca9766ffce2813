from django.apps import AppConfig


class PublicConfig(AppConfig):
    """What the public and the assessors read without logging in: published years, their
    documents, evidence and open data, and the frameworks as data."""

    name = "public"
    verbose_name = "หน้าเผยแพร่"
