"""One shape for every error: RFC 9457 problem details (`application/problem+json`) under
/api/ and /openapi.json, the site's own error page everywhere else, so that a browser
mistake (`/?page=0`, `/ledger/abc`, a wrong address) lands on a page with a way back."""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM = "application/problem+json"


def wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"


def problem(status: int, detail: str, instance: str, errors: list[dict] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail,
                  "instance": instance}
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    from claimledger.web.pages import render

    return render(request, "error.html", status_code=status, title=HTTPStatus(status).phrase, detail=detail)


def answer(request: Request, status: int, detail: str, errors: list[dict] | None = None,
           headers: dict[str, str] | None = None) -> Response:
    if wants_json(request.url.path):
        return problem(status, detail, request.url.path, errors, headers)
    response = error_page(request, status, detail)
    if headers:
        response.headers.update(headers)
    return response


def readable(errors: Sequence[Any]) -> str:
    """Validation errors as one line: "page: Input should be greater than or equal to 1"."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'path', 'body'))}: {e['msg']}"
                     for e in errors)


def add_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"There is nothing at {request.url.path}."
        return answer(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        if wants_json(request.url.path):
            return problem(422, readable(exc.errors()), request.url.path, errors)
        # a page address with a bad value (`/?page=0`, `/ledger/abc`): the same 422, on our own page
        return error_page(request, 422, readable(exc.errors()))
