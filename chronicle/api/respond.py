"""Responses for the API: JSON written once (records come out of the database as JSON text and are
spliced, not parsed and re-encoded), gzip when the client accepts it (compressed in the request's
worker thread — zlib releases the GIL — so a large answer never stalls the event loop), and
request-parameter mistakes as 400s that name the parameter and say what to write."""
from __future__ import annotations

import json
import zlib

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

GZIP_MIN = 1024
GZIP_LEVEL = 5


def dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default).encode("utf-8")


def _default(x):
    if hasattr(x, "isoformat"):
        return x.isoformat()
    raise TypeError(f"not JSON: {type(x).__name__}")


def gzip_bytes(body: bytes) -> bytes:
    c = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
    return c.compress(body) + c.flush()


def send(request: Request, body: bytes, *, media_type: str = "application/json", status: int = 200,
         headers: dict[str, str] | None = None) -> Response:
    """A response of these bytes, gzipped when worth it and accepted."""
    h = {"Vary": "Accept-Encoding", **(headers or {})}
    if len(body) >= GZIP_MIN and "gzip" in request.headers.get("accept-encoding", "").lower():
        body = gzip_bytes(body)
        h["Content-Encoding"] = "gzip"
    return Response(content=body, status_code=status, media_type=media_type, headers=h)


def send_json(request: Request, obj, **kw) -> Response:
    return send(request, dumps(obj), **kw)


async def bad_parameters(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 list, as one 400 sentence per wrong parameter."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        given = err.get("input")
        parts.append(f"{name}={given!r}: {err.get('msg', 'invalid')}" if given is not None else
                     f"{name}: {err.get('msg', 'invalid')}")
    return JSONResponse(status_code=400, content={"detail": "; ".join(parts) + " (see /docs for each parameter)"})
