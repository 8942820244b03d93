"""Layout: hard-wrapped lines join, paragraph breaks stay, page residue goes."""

from __future__ import annotations

from khabar.repair import repair_text

WRAPPED = (
    "وزیر امور خارجه در دیدار با همتای خود درباره آخرین تحولات منطقه و روند گفت‌وگوهای سیاسی میان دو کشور سخن\n"
    "گفت و بر ضرورت ادامه همکاری‌های اقتصادی و فرهنگی میان دو ملت در سال‌های آینده تاکید کرد و افزود که این\n"
    "\n"
    "همکاری‌ها به سود هر دو طرف است.\n"
    "\n"
    "سخنگوی دولت نیز در نشست خبری هفتگی خود به پرسش‌های خبرنگاران درباره وضعیت اقتصادی کشور و برنامه‌های دولت\n"
    "برای مهار تورم پاسخ داد.\n"
)


def test_layout_joins_wrapped_lines_and_keeps_paragraphs() -> None:
    paragraphs = repair_text(WRAPPED).split("\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("این همکاری‌ها به سود هر دو طرف است.")
    assert "سخن گفت" in paragraphs[0]


def test_layout_keeps_one_paragraph_per_line_text() -> None:
    text = "عنوان خبر بدون نقطه\nپاراگراف اول که با نقطه تمام می‌شود.\nپاراگراف دوم نیز تمام می‌شود."
    assert repair_text(text) == text


def test_layout_drops_page_numbers() -> None:
    lines = [WRAPPED.split("\n")[0], "۱۲", WRAPPED.split("\n")[1], "", *WRAPPED.split("\n")[3:]]
    out = repair_text("\n".join(lines))
    assert "۱۲" not in out
    assert len(out.split("\n")) == 2


def test_layout_seed_has_thirteen_paragraphs(seed_text: str) -> None:
    out = repair_text(seed_text)
    assert len(out.split("\n")) == 13
    assert "میدان" in out and "می‌دان" not in out
    for fused, fixed in [("آتشبس", "آتش‌بس"), ("میدهد", "می‌دهد"), ("بینالمللی", "بین‌المللی"),
                         ("خانههای", "خانه‌های"), ("نتوانستهاند", "نتوانسته‌اند"), ("بهویژه", "به‌ویژه")]:
        assert fused not in out and fixed in out


def test_repair_reports_text_in_visual_order(seed_text: str) -> None:
    from khabar import Document
    from khabar.repair import repair

    reversed_lines = "\n".join(line[::-1] for line in seed_text.split("\n"))
    assert any("visual" in w for w in repair(Document.from_text(reversed_lines)).warnings)
    assert repair(Document.from_text(seed_text)).warnings == []


def test_repair_in_blocks_matches_whole_text(seed_text: str, monkeypatch) -> None:
    import khabar.repair as repair_module

    monkeypatch.setattr(repair_module, "BLOCK_CHARS", 3000)
    lines = (seed_text * 6).splitlines(keepends=True)
    blocks = list(repair_module.text_blocks(lines))
    assert len(blocks) >= 4
    assert "".join(block for block, _ in blocks) == seed_text * 6
    assert all(seed_text * 6 == "".join(b for b, _ in blocks[:i]) + (seed_text * 6)[off:] for i, (_, off) in
               enumerate(blocks))
    joined = "\n".join(repair_module.repair_text(block) for block, _ in blocks)
    whole = repair_module.repair_text(seed_text * 6)
    # Blocks cut only at paragraph breaks that layout keeps anyway: the same paragraphs come out. (How a block
    # lost its half-spaces is judged per block, so small blocks may differ there; real blocks are 1 MB.)
    assert joined.count("\n") == whole.count("\n") == 6 * 13 - 1
    assert joined.replace("\u200c", "").replace(" ", "") == whole.replace("\u200c", "").replace(" ", "")


def test_repair_seed_fixes_half_spaces_both_ways(seed_text: str) -> None:
    out = repair_text(seed_text)
    for fixed in ("آتش\u200cبس", "می\u200cدهد", "بین\u200cالمللی", "خانه\u200cهای", "موازنه\u200cهای"):
        assert fixed in out, fixed
    assert "موازنه های" not in out and "میدان" in out
