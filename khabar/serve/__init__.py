"""khabar's HTTP API and Persian reading pages (needs the `serve` extra: fastapi, uvicorn, jinja2)."""

from khabar.serve.app import create_app

__all__ = ["create_app"]
