"""The runner: a failing stage fails one document, names itself, and the batch goes on."""

from __future__ import annotations

from livedesk.ingest.source import RawDocument
from livedesk.pipeline import Draft, Failure, Runner


class Upper:
    name = "upper"
    requires: tuple[str, ...] = ()
    assigns = ("body",)

    def __call__(self, draft: Draft) -> None:
        if "boom" in (draft.raw.text or ""):
            raise ValueError("cannot shout this")
        draft.body = (draft.raw.text or "").upper()


class Count:
    name = "count"
    requires = ("body",)
    assigns = ("words",)

    def __init__(self) -> None:
        self.batches: list[int] = []

    def process(self, drafts):
        self.batches.append(len(drafts))
        for draft in drafts:
            draft.facts["words"] = len(draft.body.split())


def finish(draft: Draft):
    return (draft.raw.id, draft.body, draft.facts["words"])


def docs(*texts):
    return [RawDocument(id=f"d{i}", text=text) for i, text in enumerate(texts)]


def test_failing_document_is_isolated_and_named():
    counter = Count()
    runner = Runner([Upper(), counter], finish, batch_size=10)
    results = list(runner.run(docs("a b", "boom", "c")))
    assert results[0] == ("d0", "A B", 2)
    assert isinstance(results[1], Failure)
    assert (
        results[1].stage == "upper" and "stage 'upper' failed on document 'd1'" in results[1].error
    )
    assert "cannot shout this" in results[1].error
    assert results[2] == ("d2", "C", 1)
    assert counter.batches == [2]


def test_batches_respect_batch_size_and_order():
    counter = Count()
    runner = Runner([Upper(), counter], finish, batch_size=2)
    results = list(runner.run(docs("a", "b", "c", "d", "e")))
    assert [r[0] for r in results] == ["d0", "d1", "d2", "d3", "d4"]
    assert counter.batches == [2, 2, 1]


def test_missing_requirement_is_reported():
    runner = Runner([Count()], finish)
    (result,) = runner.run(docs("a"))
    assert isinstance(result, Failure)
    assert "needs body" in result.error


def test_input_failures_pass_through_in_place():
    runner = Runner([Upper(), Count()], finish)
    bad = Failure(id="x", error="line 2: not valid JSON", stage="input")
    results = list(runner.run([docs("a")[0], bad, docs("q", "b")[1]]))
    assert results[1] is bad
    assert results[0][0] == "d0" and results[2][0] == "d1"
