"""Exceptions of the allot package.

Every failing call raises an :class:`Error`; its ``code`` is the name of the
engine's status code (``"INVALID_ARGUMENT"``, ``"NOT_FOUND"``, ...) and
``message`` the engine's message. The subclasses also derive from the
matching built-in exception, so ``except ValueError`` and friends work:

=====================  ===========================  ====================
code                   class                        also a
=====================  ===========================  ====================
INVALID_ARGUMENT       InvalidArgumentError         ValueError
NOT_FOUND              NotFoundError                KeyError
PERMISSION_DENIED      PermissionDeniedError        PermissionError
ALREADY_EXISTS         AlreadyExistsError           Error only
FAILED_PRECONDITION    FailedPreconditionError      Error only
CANCELLED              CancelledError               Error only
anything else          Error
=====================  ===========================  ====================

The mapping itself is in bindings/python/src/status_binding.cc.
"""

from __future__ import annotations


class Error(Exception):
    """An error reported by the engine: ``code`` names the status code."""

    def __init__(self, message: str, code: str = "UNKNOWN") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # picklable (Dask ships exceptions between processes)
        return (type(self), (self.message, self.code))


class InvalidArgumentError(Error, ValueError):
    """Bad input: the message names the field and the value."""


class NotFoundError(Error, KeyError):
    """An unknown id (order, fulfillment order, location, file, ...)."""

    __str__ = Error.__str__  # not KeyError's repr()


class PermissionDeniedError(Error, PermissionError):
    """The actor may not do this (or a file may not be read)."""


class AlreadyExistsError(Error):
    """An id already in use (an order id, a hold handle)."""


class FailedPreconditionError(Error):
    """The current state forbids the command (a status guard, stock, ...)."""


class CancelledError(Error):
    """A run was cancelled (by its progress callback)."""


__all__ = [
    "Error",
    "InvalidArgumentError",
    "NotFoundError",
    "PermissionDeniedError",
    "AlreadyExistsError",
    "FailedPreconditionError",
    "CancelledError",
]
