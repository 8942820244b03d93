"""CoNLL-U output: `# text`, multi-word ranges, UPOS when present, and spacing that rebuilds the text."""

from __future__ import annotations

from segment_helpers import make_doc

from khabar.segment import to_conllu

UNESCAPE = {"\\s": " ", "\\t": "\t", "\\n": "\n", "\\r": "\r", "\\p": "|", "\\\\": "\\"}


def rebuild(conllu: str) -> str:
    """The text a CoNLL-U file spells out, from surface tokens and SpaceAfter / SpacesAfter."""
    out, skip_until = [], 0
    for line in conllu.splitlines():
        if not line:
            skip_until = 0
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            skip_until = int(cols[0].split("-")[1])
        elif int(cols[0]) <= skip_until:
            continue
        out.append(cols[1] + spacing(cols[9]))
    return "".join(out).removesuffix(" ")  # the last word's default space is not in the text


def spacing(misc: str) -> str:
    for item in misc.split("|"):
        if item == "SpaceAfter=No":
            return ""
        if item.startswith("SpacesAfter="):
            value, out, i = item.split("=", 1)[1], "", 0
            while i < len(value):
                out += UNESCAPE[value[i : i + 2]] if value[i] == "\\" else value[i]
                i += 2 if value[i] == "\\" else 1
            return out
    return " "


def test_segment_conllu_round_trip(segment) -> None:
    text = "تهران - ایرنا: کتابش را  خواند.\nتیتر «دوم»؟"
    doc = segment(text)
    assert rebuild(to_conllu(doc)) == text


def test_segment_conllu_layout(segment) -> None:
    out = to_conllu(segment("کتابش را خواند.\nتیتر دوم"))
    blocks = out.strip("\n").split("\n\n")
    assert len(blocks) == 2
    first = blocks[0].splitlines()
    assert first[:4] == ["# newdoc", "# newpar", "# sent_id = 1", "# text = کتابش را خواند."]
    assert first[4].split("\t")[:2] == ["1-2", "کتابش"]
    assert first[5].split("\t")[:2] == ["1", "کتاب"] and first[5].endswith("\t_")
    assert first[7].split("\t")[1] == "را"
    assert first[-2].endswith("SpaceAfter=No")  # خواند, right before the dot
    assert blocks[1].splitlines()[0] == "# newpar"


def test_segment_conllu_analysis_columns(segment) -> None:
    doc = segment("او آمد.")
    doc.tokens[0].upos, doc.tokens[0].lemma, doc.tokens[0].feats = "PRON", "او", "Person=3"
    cols = to_conllu(doc).splitlines()[4].split("\t")
    assert cols[1:6] == ["او", "او", "PRON", "_", "Person=3"]
    assert to_conllu(doc).splitlines()[5].split("\t")[2:4] == ["_", "_"]


def test_segment_conllu_empty_document() -> None:
    assert to_conllu(make_doc("")) == ""
