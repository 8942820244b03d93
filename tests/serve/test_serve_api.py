"""The JSON API: processing, documents, search, quotes and entities, and its error shape."""

from __future__ import annotations

from typing import Any

import pytest

HANIYEH = "اسماعیل هنیه"


def test_serve_api_process_returns_the_document_json(client: Any, seed_text: str) -> None:
    response = client.post("/v1/process", content=seed_text.encode(), headers={"content-type": "text/plain"})
    assert response.status_code == 200
    doc = response.json()
    assert "آتش‌بس" in doc["text"] and doc["quotes"] and doc["source"]["publisher"] == "اسپادانا خبر"
    assert {"fixes", "sentences", "tokens", "entities", "meetings"} <= set(doc)


def test_serve_api_process_accepts_json_with_metadata(client: Any) -> None:
    response = client.post("/v1/process?raw=true", json={"text": "وزیر گفت: «سلام.»", "title": "عنوان"})
    assert response.status_code == 200
    assert response.json()["meta"] == {"title": "عنوان"} and response.json()["raw"] == "وزیر گفت: «سلام.»"


def test_serve_api_process_refuses_a_large_body_with_413(client: Any) -> None:
    response = client.post("/v1/process", content=("خبر " * 60_000).encode())
    assert response.status_code == 413
    assert "limit of 200,000 bytes" in response.json()["error"]["message"]


def test_serve_api_process_counts_a_body_without_length(client: Any) -> None:
    chunks = (("خبر " * 10_000).encode() for _ in range(10))
    response = client.post("/v1/process", content=chunks)
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "kind", "status", "words"),
    [
        (b"   ", "text/plain", 400, "empty"),
        (b"\xff\xfe", "text/plain", 400, "UTF-8"),
        (b"{not json", "application/json", 400, "not valid JSON"),
        (b'{"text": 3}', "application/json", 400, '"text"'),
        (b'{"text": "x", "title": 5}', "application/json", 400, '"title"'),
        (b"x", "image/png", 415, "text/plain"),
    ],
)
def test_serve_api_process_bad_bodies_get_a_clear_message(
    client: Any, body: bytes, kind: str, status: int, words: str
) -> None:
    response = client.post("/v1/process", content=body, headers={"content-type": kind})
    assert response.status_code == status
    assert words in response.json()["error"]["message"]


def test_serve_api_documents_lists_newest_first(client: Any, ids: dict) -> None:
    page = client.get("/v1/documents?limit=2").json()
    assert page["total"] == 7 and len(page["items"]) == 2
    assert page["items"][0]["id"] == ids["entities"] and page["items"][0]["date"] == "2023-11-27"
    assert page["items"][1]["id"] == ids["seed"] and page["items"][1]["quotes"] == 9


def test_serve_api_document_by_id_and_prefix(client: Any, ids: dict) -> None:
    full = client.get(f"/v1/documents/{ids['seed']}").json()
    assert full["id"] == ids["seed"] and full["meta"]["title"] == "امیرعبداللهیان در دیدار با هنیه"
    assert client.get(f"/v1/documents/{ids['seed'][:8]}").json()["id"] == ids["seed"]
    assert "raw" in client.get(f"/v1/documents/{ids['seed']}?raw=1").json()


def test_serve_api_unknown_document_is_404_json(client: Any) -> None:
    response = client.get("/v1/documents/" + "0" * 32)
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "message": f"no document {'0' * 32!r} in this corpus"}}


def test_serve_api_search_finds_every_spelling(client: Any, ids: dict) -> None:
    for query in ("آتشبس", "آتش‌بس", "آتش بس"):
        found = [h["id"] for h in client.get("/v1/search", params={"q": query}).json()["items"]]
        assert ids["seed"] in found and ids["entities"] in found, query


def test_serve_api_search_query_without_words_is_400(client: Any) -> None:
    response = client.get("/v1/search", params={"q": "؟؟"})
    assert response.status_code == 400 and "no words" in response.json()["error"]["message"]


def test_serve_api_quotes_of_a_speaker_resolved_in_each_article(client: Any, ids: dict) -> None:
    page = client.get("/v1/quotes", params={"speaker": "هنیه"}).json()
    seed = [q for q in page["items"] if q["doc_id"] == ids["seed"]]
    assert {q["speaker"] for q in seed} == {HANIYEH}
    written = {q["speaker_text"] for q in seed}
    assert {"هنیه", "وی", "رئیس دفتر سیاسی جنبش حماس"} <= written  # surname, pronoun and office, resolved
    assert all(q["date"] == "2023-11-26" and q["publisher"] == "اسپادانا خبر" for q in seed)
    assert page["total"] == len(page["items"]) == 12


def test_serve_api_quotes_without_speaker_pages_through_all(client: Any) -> None:
    first = client.get("/v1/quotes?limit=5").json()
    second = client.get("/v1/quotes?limit=5&offset=5").json()
    assert first["total"] == second["total"] >= 18
    assert len(first["items"]) == 5 and first["items"] != second["items"]


def test_serve_api_entities_index_and_detail(client: Any, ids: dict) -> None:
    index = client.get("/v1/entities").json()["items"]
    haniyeh = next(e for e in index if e["name"] == HANIYEH)
    assert haniyeh["id"] == "PER:اسماعیل_هنیه" and haniyeh["documents"] == 2  # by hand in one, by NER in the other
    detail = client.get(f"/v1/entities/{haniyeh['id']}").json()
    assert detail["mention_count"] == len(detail["mentions"]) >= 3
    assert detail["roles"][0] == {"role": "رئیس دفتر سیاسی جنبش حماس", "count": 2}
    assert {q["speaker"] for q in detail["quotes"]} == {HANIYEH} and detail["quote_count"] == 12
    assert {"حسین امیرعبداللهیان", "حماس", "غزه"} <= {c["name"] for c in detail["cooccurring"]}
    assert {m["doc_id"] for m in detail["meetings"]} <= {ids["seed"], ids["entities"]}
    assert all(set(m["participants"]) == {HANIYEH, "حسین امیرعبداللهیان"} for m in detail["meetings"])


def test_serve_api_entity_variant_id_finds_its_group(client: Any) -> None:
    assert client.get("/v1/entities/PER:هنیه").json()["name"] == HANIYEH


def test_serve_api_unknown_entity_is_404(client: Any) -> None:
    response = client.get("/v1/entities/PER:نبود")
    assert response.status_code == 404 and "no entity" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/v1/search?q=",
        "/v1/search?q=" + "ا" * 501,
        "/v1/search?q=x&limit=0",
        "/v1/search?q=x&limit=101",
        "/v1/search?q=x&offset=-1",
        "/v1/documents?since=yesterday",
        "/v1/documents/not-an-id",
        "/v1/entities/<script>",
        "/v1/entities?label=PER;DROP",
        "/v1/quotes?speaker=",
    ],
)
def test_serve_api_invalid_parameters_are_422_without_echo(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert message.startswith("invalid request:") and "<script>" not in message and "DROP" not in message


def test_serve_api_openapi_and_docs_are_served_locally(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/v1/process", "/v1/documents/{doc_id}", "/v1/entities/{entity_id}"} <= set(schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/v1/quotes" in docs.text and "<script" not in docs.text


def test_serve_api_an_organisation_does_not_collect_its_officials_quotes(client: Any) -> None:
    hamas = client.get("/v1/entities/ORG:حماس").json()
    assert hamas["name"] == "حماس" and hamas["quotes"] == [] and hamas["quote_count"] == 0
    assert client.get("/v1/quotes", params={"speaker": "حماس"}).json()["total"] > 0  # as written, on request
