"""Tenancy: no query of an organisation's data runs outside that organisation's scope.

Every organisation-owned model declares the one path from its rows to their organisation
(``organisation_path``) and gets ``ScopedManager`` (django-scopes, pretix's library) built on it:
inside ``scope(organisation=…)`` its queries are filtered to that organisation; outside any
scope they raise ``ScopeError`` instead of running unfiltered.

Who sets the scope:
* a request — ``TenancyMiddleware`` resolves the organisation (and the user's role in it) once,
  from the URL's ``org``, and runs the whole view in its scope;
* a service or selector given an organisation's object — ``in_organisation`` enters that
  organisation's scope when none is active (tests, tasks, commands) and refuses to work for
  another organisation than the active scope's;
* the few readers that cross organisations by design say so where they do it
  (``Model.objects.with_scopes_disabled()``): resolving who may see what (``access``), the
  supervisors' national table, a public evidence token, the admin of platform operators.
"""

from functools import wraps

from django.db import models
from django.urls import Resolver404, resolve
from django_scopes import ScopedManager as _ScopedManager
from django_scopes import ScopeError, get_scope, scope, scopes_disabled
from django_scopes.manager import DisabledQuerySet

__all__ = ["ScopeError", "scope", "scopes_disabled"]


def _refusing_queryset(queryset_class):
    """What an organisation-owned manager gives outside a scope. django-scopes' DisabledQuerySet
    refuses Django's reading methods but lets ``exists()`` run unfiltered (it would answer from
    every organisation's rows) and lacks the methods ``queryset_class`` adds (``of`` …, which
    then fail with an AttributeError that says nothing of scopes): refuse those too."""
    added = {
        name: DisabledQuerySet.error
        for klass in queryset_class.__mro__
        if klass not in models.QuerySet.__mro__
        for name, value in vars(klass).items()
        if callable(value) and not name.startswith("_")
    }
    return type(
        f"Refused{queryset_class.__name__}",
        (DisabledQuerySet,),
        {"exists": DisabledQuerySet.error, **added},
    )


def ScopedManager(queryset_class, path="organisation"):  # noqa: N802 - a manager factory
    """The manager of an organisation-owned model: queryset methods of ``queryset_class``,
    filtered by the active organisation scope through ``path``."""
    base = _ScopedManager(
        _manager_class=models.Manager.from_queryset(queryset_class), organisation=path
    ).__class__
    refusing = _refusing_queryset(queryset_class)

    class Manager(base):
        def get_queryset(self):
            queryset = super().get_queryset()
            if isinstance(queryset, DisabledQuerySet):
                return refusing(self.model, using=self._db, missing_scopes=queryset.missing_scopes)
            return queryset

    manager = Manager()
    manager.organisation_path = path
    return manager


def _organisation_id(value):
    return getattr(value, "pk", value)


def active_organisation():
    """The organisation id(s) of the active scope, None without one (or when disabled)."""
    current = get_scope()
    if not current.get("_enabled", True) or "organisation" not in current:
        return None
    return current["organisation"]


def in_organisation(find):
    """Run a service or selector inside the scope of the organisation ``find(arguments)``
    names; refuse it (ScopeError) inside another organisation's scope."""

    def decorate(function):
        @wraps(function)
        def wrapper(*args, **kwargs):
            organisation = _organisation_id(find(*args, **kwargs))
            active = active_organisation()
            if active is not None:
                allowed = (
                    [_organisation_id(o) for o in active]
                    if isinstance(active, list | tuple)
                    else [_organisation_id(active)]
                )
                if organisation not in allowed:
                    raise ScopeError("ข้อมูลนี้เป็นของหน่วยงานอื่น")
                return function(*args, **kwargs)
            with scope(organisation=organisation):
                return function(*args, **kwargs)

        return wrapper

    return decorate


class TenancyMiddleware:
    """Resolve the organisation of an ``/o/<org>/`` or ``/public/<org>/`` URL and the user's
    role in it once, and run the view in that organisation's scope. The admin (platform
    operators only) runs unscoped; every other page runs without a scope, so a query of
    organisation data there fails loudly instead of reading every organisation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .access import request_memo

        with request_memo():
            return self._call(request)

    def _call(self, request):
        from .access import role_of
        from .models import Organisation

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if match.namespace == "admin":
            with scopes_disabled():
                return self.get_response(request)
        code = match.kwargs.get("org")
        if code is None:
            return self.get_response(request)
        organisation = Organisation.objects.filter(code=code).first()
        request.organisation = organisation
        request.role = role_of(request.user, organisation) if organisation else None
        with scope(organisation=organisation.pk if organisation else []):
            return self.get_response(request)
