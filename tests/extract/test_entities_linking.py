"""Mention merging and roles, on hand-built documents with hand-written tags (no model involved)."""

from __future__ import annotations

from khabar.document import Document, Sentence, Span, Token
from khabar.extract.entities import link_mentions, spread_names, token_spans


def _doc(sentences: list[list[tuple[str, str]]], paragraphs: bool = False) -> tuple[Document, list[str], list[int]]:
    """A document whose tokens are the given words, one space apart, sentences on separate lines (with
    `paragraphs`, each line is also a paragraph: the first is the title, the second the lead)."""
    text_parts, tags, sentence_of = [], [], []
    for n, sent in enumerate(sentences):
        text_parts.append(" ".join(w for w, _ in sent))
        tags += [t for _, t in sent]
        sentence_of += [n] * len(sent)
    doc = Document.from_text("\n".join(text_parts))
    pos = 0
    for sent in sentences:
        first = len(doc.tokens)
        start = pos
        for w, _ in sent:
            doc.tokens.append(Token(doc, pos, pos + len(w)))
            pos += len(w) + 1
        doc.sentences.append(Sentence(doc, start, pos - 1, first, len(doc.tokens)))
        if paragraphs:
            doc.paragraphs.append(Span(doc, start, pos - 1))
    return doc, tags, sentence_of


def _tagged(line: str) -> list[tuple[str, str]]:
    """'word/TAG word ...' → pairs; a word without /TAG is O."""
    out = []
    for item in line.split():
        word, _, tag = item.partition("/")
        out.append((word, tag or "O"))
    return out


def _entities(*lines: str, paragraphs: bool = False):
    doc, tags, sentence_of = _doc([_tagged(x) for x in lines], paragraphs)
    return link_mentions(doc, [t.text for t in doc.tokens], tags, sentence_of, [None] * len(tags))


def test_entities_token_spans_read_iob() -> None:
    assert token_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
        (5, 6, "LOC"),
    ]


def test_entities_surname_joins_full_name_and_name_is_the_longest() -> None:
    ents = _entities(
        "امیرعبداللهیان/B-PER در دیدار با اسماعیل/B-PER هنیه/I-PER گفت .",
        "حسین/B-PER امیرعبداللهیان/I-PER گفت .",
        "هنیه/B-PER افزود .",
    )
    people = [e for e in ents if e.label == "PER"]
    assert [e.name for e in people] == ["حسین امیرعبداللهیان", "اسماعیل هنیه"]
    assert [len(e.mentions) for e in people] == [2, 2]
    assert [e.id for e in ents] == ["E1", "E2"]


def test_entities_first_name_alone_does_not_join_a_three_word_name() -> None:
    ents = _entities("محمد/B-PER جواد/I-PER ظریف/I-PER آمد .", "محمد/B-PER رفت .")
    assert len([e for e in ents if e.label == "PER"]) == 2


def test_entities_apposed_office_is_a_role_and_a_mention() -> None:
    ents = _entities("اسماعیل/B-PER هنیه/I-PER ، رئیس دفتر سیاسی جنبش/B-ORG حماس/I-ORG گفت :")
    haniyeh = next(e for e in ents if e.label == "PER")
    assert haniyeh.roles == ["رئیس دفتر سیاسی جنبش حماس"]
    assert [m.text for m in haniyeh.mentions] == ["اسماعیل هنیه", "رئیس دفتر سیاسی جنبش حماس"]
    assert any(e.label == "ORG" and e.name == "جنبش حماس" for e in ents)


def test_entities_prenominal_office_and_honorific_are_roles() -> None:
    ents = _entities("وزیر امور خارجه ایران/B-LOC حسین/B-PER امیرعبداللهیان/I-PER گفت .", "آیت‌الله سیستانی/B-PER آمد .")
    per = {e.name: e for e in ents if e.label == "PER"}
    assert per["حسین امیرعبداللهیان"].roles == ["وزیر امور خارجه ایران"]
    assert per["سیستانی"].roles == ["آیت‌الله"]


def test_entities_lone_office_links_to_its_holder() -> None:
    ents = _entities(
        "رئیس دفتر سیاسی جنبش/B-ORG حماس/I-ORG نیز با تشکر آن را پیروزی خواند .",
        "امیرعبداللهیان/B-PER در دیدار با رئیس دفتر سیاسی جنبش/B-ORG حماس/I-ORG ؛",
        "وزیر امور خارجه جمهوری/B-LOC اسلامی/I-LOC ایران/I-LOC در دیدار با اسماعیل/B-PER هنیه/I-PER ، رئیس دفتر"
        " سیاسی جنبش/B-ORG حماس/I-ORG گفت :",
    )
    per = {e.name: e for e in ents if e.label == "PER"}
    haniyeh, minister = per["اسماعیل هنیه"], per["امیرعبداللهیان"]
    assert [m.text for m in haniyeh.mentions].count("رئیس دفتر سیاسی جنبش حماس") == 3
    assert "وزیر امور خارجه جمهوری اسلامی ایران" in [m.text for m in minister.mentions]
    assert minister.roles == ["وزیر امور خارجه جمهوری اسلامی ایران"]


def test_entities_office_qualified_by_a_modifier_is_the_same_office() -> None:
    """`سرپرست جدید باشگاه استقلال` and `سرپرست استقلال` name one office: `جدید` and `باشگاه` do not tell it apart."""
    ents = _entities(
        "امیرحسین/B-PER فتحی/I-PER ، سرپرست جدید باشگاه/B-ORG استقلال/I-ORG در جمع خبرنگاران گفت :",
        "سرپرست استقلال/B-ORG در ادامه گفت :",
    )
    [fathi] = [e for e in ents if e.label == "PER"]
    assert fathi.roles[0] == "سرپرست جدید باشگاه استقلال"
    assert "سرپرست استقلال" in [m.text for m in fathi.mentions]


def test_entities_lone_office_stays_unlinked_when_two_people_could_hold_it() -> None:
    ents = _entities("علی/B-PER لاریجانی/I-PER و حسن/B-PER روحانی/I-PER آمدند .", "رئیس مجلس شورای اسلامی گفت .")
    assert all(len(e.mentions) == 1 for e in ents)


def test_entities_descriptor_merges_places_and_organisations_only() -> None:
    ents = _entities(
        "جمهوری/B-LOC اسلامی/I-LOC ایران/I-LOC و ایران/B-LOC .",
        "جنبش/B-ORG حماس/I-ORG و حماس/B-ORG .",
        "مجمع/B-ORG عمومی/I-ORG سازمان/I-ORG ملل/I-ORG و سازمان/B-ORG ملل/I-ORG .",
    )
    names = sorted((e.label, e.name, len(e.mentions)) for e in ents)
    assert names == [
        ("LOC", "جمهوری اسلامی ایران", 2),
        ("ORG", "جنبش حماس", 2),
        ("ORG", "سازمان ملل", 1),
        ("ORG", "مجمع عمومی سازمان ملل", 1),
    ]


def test_entities_serialise_with_offsets() -> None:
    doc, tags, sentence_of = _doc([_tagged("به گزارش ایسنا/B-ORG ، تهران/B-LOC آرام است .")])
    doc.entities = link_mentions(doc, [t.text for t in doc.tokens], tags, sentence_of, [None] * len(tags))
    out = doc.to_dict()["entities"]
    assert out[0] == {
        "id": "E1",
        "label": "ORG",
        "name": "ایسنا",
        "mentions": [{"start": 9, "end": 14, "text": "ایسنا"}],
        "roles": [],
    }


def test_entities_untagged_repeat_of_a_rare_surname_becomes_a_mention() -> None:
    ents = _entities("حسین/B-PER امیرعبداللهیان/I-PER گفت .", "امیرعبداللهیان بر عزم ایران تاکید کرد .")
    (minister,) = ents
    assert [m.text for m in minister.mentions] == ["حسین امیرعبداللهیان", "امیرعبداللهیان"]


def test_entities_common_word_surname_is_not_propagated() -> None:
    ents = _entities("حسن/B-PER روحانی/I-PER گفت .", "روحانی شهر آمد .")
    assert [len(e.mentions) for e in ents] == [1]


def test_entities_name_starting_inside_an_office_head_is_trimmed() -> None:
    ents = _entities("وزیر امور/B-ORG خارجه/I-ORG جمهوری/I-ORG اسلامی/I-ORG ایران/I-ORG گفت .")
    assert [(e.label, e.name) for e in ents] == [("ORG", "جمهوری اسلامی ایران")]


def test_entities_bare_office_does_not_collect_other_offices() -> None:
    ents = _entities(
        "علی/B-PER رضایی/I-PER ، عضو گفت .",
        "عضو شورای شهر تهران/B-LOC هم آمد .",
        "عضو کمیسیون مجلس/B-ORG هم آمد .",
    )
    (person,) = [e for e in ents if e.label == "PER"]
    assert [m.text for m in person.mentions] == ["علی رضایی", "عضو"]


def test_entities_canonical_name_of_a_place_is_its_usual_form() -> None:
    ents = _entities("نوار/B-LOC غزه/I-LOC و غزه/B-LOC و غزه/B-LOC .")
    assert [(e.name, len(e.mentions)) for e in ents] == [("غزه", 3)]


def test_entities_spread_names_tags_repeats_but_not_common_words() -> None:
    folded = ["غزه", "آرام", "است", "و", "غزه", "نیز", "."]
    assert spread_names(folded, ["B-LOC", "O", "O", "O", "O", "O", "O"]) == [
        "B-LOC", "O", "O", "O", "B-LOC", "O", "O",
    ]  # fmt: skip
    common = ["ملت", "ملت", "ملت", "ایران"]
    assert spread_names(common, ["B-ORG", "O", "O", "O"]) == ["B-ORG", "O", "O", "O"]


def test_entities_punctuation_at_a_name_edge_is_trimmed_but_a_closing_bracket_inside_stays() -> None:
    ents = _entities(
        "وزیر بهداشت ،/B-ORG درمان/I-ORG و/I-ORG آموزش/I-ORG پزشکی/I-ORG گفت .",
        "حضرت/B-PER زینب/I-PER (/I-PER س/I-PER )/I-PER ./I-PER",
    )
    assert sorted(m.text for e in ents for m in e.mentions) == ["حضرت زینب ( س )", "درمان و آموزش پزشکی"]


def test_entities_lead_office_is_the_first_person_the_body_names() -> None:
    """News names the speaker by office in the title and lead, by name after `به گزارش ...`."""
    ents = _entities(
        "وزیر ارتباطات : بازار به تعادل می‌رسد",
        "وزیر ارتباطات و فناوری اطلاعات تاکید کرد : هفته آینده شرایط بهتری ایجاد می‌شود .",
        "به گزارش ایلنا/B-ORG محمدجواد/B-PER آذری/I-PER جهرمی/I-PER گفت : آقای شریعتمداری/B-PER دیشب اعلام کرد .",
        paragraphs=True,
    )
    per = {e.name: e for e in ents if e.label == "PER"}
    assert [m.text for m in per["محمدجواد آذری جهرمی"].mentions].count("وزیر ارتباطات") == 2  # title and lead
    assert [m.text for m in per["شریعتمداری"].mentions] == ["شریعتمداری"]


def test_entities_lead_office_is_the_person_the_title_quotes() -> None:
    ents = _entities(
        "عارف/B-PER : از حضور بازرسان اطلاع ندارم",
        "رئیس کمیسیون آموزش و تحقیقات مجلس/B-ORG گفت : من از رسانه‌ها مطلع شدم .",
        "به گزارش فارس/B-ORG ، اعضای کمیسیون از دانشگاه بازدید کردند و حسن/B-PER روحانی/I-PER هم آمد .",
        paragraphs=True,
    )
    per = {e.name: e for e in ents if e.label == "PER"}
    assert any(m.text.startswith("رئیس کمیسیون") for m in per["عارف"].mentions)
    assert [m.text for m in per["حسن روحانی"].mentions] == ["حسن روحانی"]


def test_entities_lead_office_is_not_given_to_someone_with_another_office() -> None:
    ents = _entities(
        "وزیر امور خارجه : مذاکرات ادامه دارد",
        "وزیر امور خارجه کشورمان گفت : مذاکرات ادامه دارد .",
        "به گزارش ایرنا/B-ORG ، علی/B-PER لاریجانی/I-PER ، رئیس مجلس شورای اسلامی ، گفت : ما آماده‌ایم .",
        paragraphs=True,
    )
    [larijani] = [e for e in ents if e.label == "PER"]
    assert larijani.roles == ["رئیس مجلس شورای اسلامی"]


def test_entities_title_name_after_a_deputy_is_not_the_speaker() -> None:
    """`سخنگوی روحانی : ...` quotes the spokesman, so the lead's office goes to the person the body names, and
    the office inside the lead's quote (`رئیس جمهور`) is nobody's there."""
    ents = _entities(
        "سخنگوی روحانی/B-PER : بحث ترمیم کابینه مطرح نشد",
        "سخنگوی دولت گفت : رئیس جمهور در جریان است .",
        "به گزارش ایسنا/B-ORG ، علی/B-PER ربیعی/I-PER در جمع خبرنگاران اظهار کرد : این موضوع مطرح نشد .",
        paragraphs=True,
    )
    per = {e.name: e for e in ents if e.label == "PER"}
    assert "سخنگوی دولت" in [m.text for m in per["علی ربیعی"].mentions]
    assert "رئیس جمهور" not in [m.text for m in per["علی ربیعی"].mentions]
    assert "سخنگوی دولت" not in [m.text for m in per["روحانی"].mentions]


def test_entities_lead_rule_needs_a_title() -> None:
    """A first paragraph that reads as a sentence is not a title, so its office is not pinned on the first
    person the next paragraph names (with a title it would be: the test above)."""
    ents = _entities(
        "رئیس کمیسیون آموزش مجلس/B-ORG گفت : بازدید انجام شد .",
        "حسن/B-PER روحانی/I-PER و علی/B-PER لاریجانی/I-PER در جمع خبرنگاران گفتند : دولت پیگیری می‌کند .",
        paragraphs=True,
    )
    assert all(len(e.mentions) == 1 for e in ents if e.label == "PER")


def test_entities_name_and_office_end_before_a_reporting_cue() -> None:
    ents = _entities(
        "طاهر/B-PER موهبتی/I-PER ، مدیرعامل سازمان بیمه سلامت تصریح کرد : خوب است .",
        "موهبتی/B-PER یادآورشد/I-PER : بد است .",
    )
    people = [e for e in ents if e.label == "PER"]
    assert [(e.name, [m.text for m in e.mentions]) for e in people] == [
        ("طاهر موهبتی", ["طاهر موهبتی", "مدیرعامل سازمان بیمه سلامت", "موهبتی"])
    ]
    assert people[0].roles == ["مدیرعامل سازمان بیمه سلامت"]


def test_entities_name_chain_takes_the_surname_the_tagger_dropped() -> None:
    ents = _entities(
        "صادق/B-PER فرهمند/I-PER امین/B-TIME صبح/I-TIME امروز/I-TIME گفت .",
        "فرهمند/B-PER امین/I-PER افزود .",
    )
    assert [(e.label, e.name, [m.text for m in e.mentions]) for e in ents] == [
        ("PER", "صادق فرهمند امین", ["صادق فرهمند امین", "فرهمند امین"]),
        ("TIME", "صبح امروز", ["صبح امروز"]),
    ]


def test_entities_plural_organisation_is_the_same_office() -> None:
    ents = _entities(
        "رئیس دادگاه انقلاب : برخورد می‌کنیم",
        "رئیس دادگاه‌های انقلاب تهران/B-LOC گفت .",
        "حجت‌الاسلام موسی/B-PER غضنفرآبادی/I-PER اظهار کرد .",
        paragraphs=True,
    )
    [person] = [e for e in ents if e.label == "PER"]
    assert "رئیس دادگاه‌های انقلاب تهران" in person.roles


def test_entities_name_of_given_names_takes_a_rare_surname_but_not_a_common_word() -> None:
    ents = _entities("علی/B-PER محمد/I-PER شاعری در این نشست گفت .", "علی/B-PER رضا/I-PER امروز آمد .")
    assert [e.name for e in ents if e.label == "PER"] == ["علی محمد شاعری", "علی رضا"]


def test_entities_person_named_only_as_an_object_does_not_get_a_nearby_office() -> None:
    about = _entities("سخنگوی وزارت امور خارجه چین/B-LOC گفت : چیزی درباره کیم/B-PER جونگ/I-PER اون/I-PER نمی‌داند .")
    speaks = _entities("سخنگوی وزارت امور خارجه چین/B-LOC گفت : کیم/B-PER جونگ/I-PER اون/I-PER بیمار است .")
    assert [e.roles for e in about if e.label == "PER"] == [[]]
    assert [e.roles for e in speaks if e.label == "PER"] == [["سخنگوی وزارت امور خارجه چین"]]


def test_entities_a_name_takes_no_surname_from_the_next_sentence() -> None:
    ents = _entities("عکس از علی/B-PER محمد/I-PER", "شاعری کارشناسان گفتند .")
    assert [e.name for e in ents if e.label == "PER"] == ["علی محمد"]
