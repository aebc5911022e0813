"""Russian articles through the real natasha front end, on sentences of our own: attribution
forms, nominative speakers, pronoun and role resolution, modality, quantities, places,
chrome and the summary."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from claimledger.extract import ExtractedArticle
from claimledger.languages import front_end
from claimledger.pipeline import AnalysisSettings, analyze_parsed, build_article
from claimledger.quantities_ru import find_quantities_ru
from conftest import claim_with


def analyze_ru(body: str, sentences: int = 3):
    paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
    article = build_article(ExtractedArticle(title="Тест", paragraphs=paragraphs, language="ru"), "test")
    return analyze_parsed(article, front_end("ru").parse(article.text), AnalysisSettings(summary_sentences=sentences))


def claims_of(doc) -> list[tuple[str, str, str, str]]:
    return [(c.speaker.name, c.content.text, c.quote, c.modality) for c in doc.claims]


def test_reported_clause_names_the_speaker_in_the_nominative():
    doc = analyze_ru("Губернатор края Олег Мартынов заявил, что новый мост через реку откроют в мае.")
    claim = claim_with(doc, "новый мост через реку откроют в мае")
    assert (claim.speaker.name, claim.quote, claim.modality) == ("Олег Мартынов", "indirect", "predicted")


def test_according_to_an_oblique_surname_resolves_to_the_full_name():
    doc = analyze_ru("Фермер Игорь Баранов рассказал о засухе.\n\n"
                     "По словам Баранова, урожай пшеницы в районе сократился на треть.")
    claim = claim_with(doc, "урожай пшеницы в районе сократился")
    assert (claim.speaker.name, claim.quote) == ("Игорь Баранов", "according_to")


def test_female_oblique_surname_returns_to_its_nominative():
    doc = analyze_ru("Глава больницы Марина Кривошеева выступила на совещании.\n\n"
                     "По мнению Кривошеевой, врачей в городе не хватает.")
    assert claim_with(doc, "врачей в городе не хватает").speaker.name == "Марина Кривошеева"


def test_direct_speech_closed_by_dash_and_pronoun():
    doc = analyze_ru("Директор завода Семен Рыков встретился с рабочими.\n\n"
                     "«Зарплату поднимут всем. Сокращений не будет», — сказал он.")
    claim = claim_with(doc, "Зарплату поднимут всем")
    assert claim.speaker.name == "Семен Рыков"
    assert claim.quote == "direct"
    assert "Сокращений не будет" in claim.content.text and "»" not in claim.content.text


def test_dash_paragraph_without_quotation_marks_is_direct_speech():
    doc = analyze_ru("Тренер Антон Белов недоволен судейством.\n\n"
                     "— Мы не проиграли этот матч, у нас его отняли, — заявил Белов после игры.")
    claim = claim_with(doc, "Мы не проиграли этот матч")
    assert (claim.speaker.name, claim.quote, claim.modality) == ("Антон Белов", "direct", "negated")
    assert not claim.content.text.startswith("—")


def test_agency_lead_ending_with_the_attribution():
    doc = analyze_ru("Завод в Липецке в следующем году увеличит выпуск стали на 10%, сообщил журналистам "
                     "генеральный директор предприятия Роман Гущин.")
    claim = claim_with(doc, "увеличит выпуск стали")
    assert (claim.speaker.name, claim.quote, claim.modality) == ("Роман Гущин", "indirect", "predicted")
    assert [q.text for q in claim.quantities] == ["на 10%"]
    assert [p.iso for p in claim.places] == [["RU"]]


def test_about_this_reports_the_previous_sentence():
    doc = analyze_ru("В Самаре закрыли на ремонт два моста. Об этом сообщила пресс-служба городской администрации.")
    claim = claim_with(doc, "закрыли на ремонт два моста")
    assert "администрация" in claim.speaker.name
    assert claim.speaker.kind == "organization"


def test_impersonal_statement_speaks_for_the_organisation_named_before():
    doc = analyze_ru("Футбольный клуб «Северная звезда» остался без главного тренера.\n\n"
                     "В клубе заявили, что нового тренера назовут до конца недели.")
    claim = claim_with(doc, "нового тренера назовут")
    assert (claim.speaker.name, claim.speaker.kind) == ("Северная звезда", "organization")


@pytest.mark.parametrize("text, content, speaker", [
    pytest.param("Министр транспорта области Ильдар Хасанов провел совещание. Хасанов сообщил, что дороги "
                 "отремонтируют.\n\nМинистр также добавил, что новые автобусы закупят весной.",
                 "новые автобусы закупят", "Ильдар Хасанов", id="a role noun points back to the person with that role"),
    pytest.param("Депутат заксобрания Ирина Лаптева заявила, что школу в селе закроют.\n\n"
                 "Парламентарий сообщила, что уже обратилась к губернатору.",
                 "уже обратилась к губернатору", "Ирина Лаптева", id="a role noun of the same role points back"),
    pytest.param("Один из участников протеста, фермер из Каменки Павел Дронов, рассказал журналистам, "
                 "что молоко у хозяйств не закупают с марта.",
                 "молоко у хозяйств не закупают", "Павел Дронов", id="a name set apart after one of a group speaks"),
])
def test_a_described_speaker_is_the_person_the_description_names(text, content, speaker):
    assert claim_with(analyze_ru(text), content).speaker.name == speaker


def test_there_speaks_for_the_body_named_before():
    doc = analyze_ru("В региональном минздраве заявили, что врачей в район направят осенью. "
                     "Там не исключили, что часть больниц переведут на новый график.")
    claim = claim_with(doc, "часть больниц переведут на новый график")
    assert (claim.speaker.kind, claim.modality) == ("organization", "possible")


def test_a_promise_reports_the_promised_action_as_intended():
    doc = analyze_ru("Мэр Андрей Соколов пообещал журналистам до конца месяца отремонтировать мост.\n\n"
                     "В управлении пообещали проверить жалобы жителей.")
    assert claims_of(doc) == [
        ("Андрей Соколов", "до конца месяца отремонтировать мост", "indirect", "intended"),
        ("управление", "проверить жалобы жителей", "indirect", "intended"),
    ]


def test_unnamed_source_and_interlocutor():
    doc = analyze_ru("Источник в областном правительстве рассказал, что бюджет на дороги урежут.\n\n"
                     "По словам собеседника, решение уже согласовано.")
    assert claim_with(doc, "бюджет на дороги урежут").speaker.name == "источник в областном правительстве"
    assert claim_with(doc, "решение уже согласовано").speaker.name == "источник в областном правительстве"


def test_denial_and_not_excluding_set_the_modality():
    doc = analyze_ru("Компания «Вектор Плюс» отрицает, что задерживала зарплату рабочим.\n\n"
                     "Аналитик Денис Орлов не исключил, что акции компании подешевеют.")
    assert claim_with(doc, "задерживала зарплату").modality == "negated"
    assert claim_with(doc, "акции компании подешевеют").modality == "possible"


@pytest.mark.parametrize(("body", "content", "modality"), [
    # the main predicate decides, not a negated second half of the same claim
    ("В областном управлении сообщили, что уровень воды в Томи снизился на 30 сантиметров "
     "и новых подтоплений не ожидается.", "уровень воды в Томи снизился", "actual"),
    ("«Часть смены действительно ушла домой, но цех без людей не остался», — заявил Игнат Пырьев.",
     "Часть смены действительно ушла домой", "actual"),
    # a closing cue that the parser made the root: its clause, with its 'не', is the statement
    ("Нехватки гречки в магазинах области до весны не будет, несмотря на рост цен, "
     "заявил журналистам министр Лев Карасёв.", "Нехватки гречки", "negated"),
    # a conditional clause's 'будет' is not the claim's forecast
    ("Если зарплату не выплатят, по словам Кирилла Сёмина, к забастовке могут присоединиться "
     "грузчики.", "могут присоединиться грузчики", "possible"),
    # a future the parser tagged as an infinitive
    ("По словам Аллы Мироновой, ремонта котельной жителям придётся ждать до весны.",
     "ремонта котельной жителям придётся ждать", "predicted"),
    # what was due is not a forecast
    ("По данным Олега Рябова, подрядчик должен был сдать мост в августе, но сдал лишь опоры.",
     "подрядчик должен был сдать мост", "actual"),
    # 'мы не можем' is a clause of its own, not a parenthetical 'возможно'
    ("— Хлеб в посёлке подорожал вдвое, а уехать мы не можем уже месяц, — говорит Вера Дымова.",
     "Хлеб в посёлке подорожал вдвое", "actual"),
    # a promise that something will be done is the speaker's plan
    ("Глава района Степан Ухов пообещал, что администрация подаст иск к подрядчику.",
     "администрация подаст иск", "intended"),
])
def test_modality_follows_the_claims_main_predicate(body, content, modality):
    assert claim_with(analyze_ru(body), content).modality == modality


@pytest.mark.parametrize(("body", "content", "speaker"), [
    # a closing cue takes the subject the parser hung on the statement
    ("Все пострадавшие семьи посёлка получили компенсации в размере 20 тысяч рублей, заявил "
     "в интервью «Волга-Медиа» министр социальной политики области Пётр Саблин.",
     "получили компенсации", "Пётр Саблин"),
    # a role noun skips an addressee the parser took for a second subject
    ("Замминистра финансов Игорь Ладыгин заявил, что дефицита бюджета не будет.\n\n"
     "Источник в одном из крупных банков рассказал СеверИнфо, что ставки вырастут.\n\n"
     "Чиновник не исключил, что министерство предложит новый налог.",
     "министерство предложит новый налог", "Игорь Ладыгин"),
    # a generic organisation noun is the body quoted before
    ("В пресс-службе сети «Северная корзина» заявили, что наценка на овощи невелика. "
     "Основная причина подорожания, по мнению ретейлера, в росте тарифов.",
     "Основная причина подорожания", "Северная корзина"),
])
def test_the_speaker_survives_a_parse_that_misplaces_the_subject(body, content, speaker):
    assert claim_with(analyze_ru(body), content).speaker.name == speaker


def test_impersonal_source_may_have_a_long_name():
    doc = analyze_ru("Как сообщили в Северной транспортной прокуратуре, ведомство намерено проверить договор.")
    claim = claim_with(doc, "ведомство намерено проверить договор")
    assert (claim.speaker.kind, claim.quote) == ("organization", "according_to")
    assert "прокуратура" in claim.speaker.name


@pytest.mark.parametrize(("body", "content", "modality"), [
    ("В Минздраве отвергли сведения о закрытии детской больницы.", "сведения о закрытии детской больницы",
     "negated"),
    ("Группировка «Полынь» заявила о взломе сайта городской больницы.", "взломе сайта городской больницы",
     "actual"),
])
def test_a_denial_or_announcement_of_a_described_event_is_a_claim(body, content, modality):
    assert claim_with(analyze_ru(body), content).modality == modality


def test_a_denial_that_only_points_back_is_no_claim():
    doc = analyze_ru("Директор завода Лев Угрюмов отверг эти обвинения и опроверг слова профсоюза.\n\n"
                     "Фермер Игорь Баранов рассказал о засухе.")
    assert doc.claims == []


def test_intention_is_read_from_short_adjectives():
    doc = analyze_ru("Мэр Игорь Лаптев сообщил, что город готов выделить деньги на ремонт школ.")
    assert claim_with(doc, "город готов выделить").modality == "intended"


def test_quoted_fragment_in_reported_speech_is_mixed_but_a_quoted_name_is_not():
    doc = analyze_ru("Депутат Анна Серова назвала эти планы «опасной авантюрой».\n\n"
                     "Серова сообщила, что компания «Речной порт» готовит новый проект.")
    assert claim_with(doc, "опасной авантюрой").quote == "mixed"
    assert claim_with(doc, "готовит новый проект").quote == "indirect"


@pytest.mark.parametrize(("phrase", "text", "low", "high"), [
    ("около 50 тысяч зрителей", "около 50 тысяч", 40000, 60000),
    ("свыше 200 заявок", "свыше 200", 201, None),
    ("не менее 70% жителей", "не менее 70%", 70, None),
    ("до 500 млн рублей", "до 500 млн", 0, 500_000_000),
    ("цены выросли до 120 рублей", "до 120", 120, 120),
    ("почти треть семей", "почти треть", 26.66, 33.33),
    ("в трех регионах", "трех", 3, 3),
    ("о нескольких десятках случаев", "нескольких десятках", 13, 120),
    ("десятки тысяч человек", "десятки тысяч", 10000, 99999),
    ("3,7 млрд долларов", "3,7 млрд", 3_700_000_000, 3_700_000_000),
    ("от 5 до 7 лет", "от 5 до 7", 5, 7),
    ("выручка превысила 8 млн рублей", "превысила 8 млн", 8_000_001, None),
    ("доля не превышает 20%", "не превышает 20%", 0, 20),
    ("получить хотя бы треть", "хотя бы треть", 33.33, 100),
    ("в 30 километрах от границы", "30 километрах", 30, 30),
    ("до 8 тонн зерна", "до 8 тонн", 0, 8),
    ("тарифы выросли на 12%", "на 12%", 12, 12),
    ("расходы выросли почти в два раза", "почти в два раза", 1.6, 2),
    ("выдали примерно по 300 рублей", "примерно по 300", 240, 360),
    ("большую часть урожая", "большую часть", 50.01, 100),
])
def test_russian_quantities_in_every_case(phrase, text, low, high):
    found = find_quantities_ru(phrase)
    assert [(q.quantity.text, q.quantity.low, q.quantity.high) for q in found] == [(text, low, high)]


def test_a_russian_unit_is_the_same_noun_in_every_process():
    """'минут' reads as 'минута' or as the verb 'минуть': the unit must not depend on the
    interpreter's hash seed."""
    script = ("from claimledger.quantities_ru import find_quantities_ru as f; "
              "print(f('ждали 40 минут')[0].quantity.unit)")
    units = {subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                            capture_output=True, text=True, check=True).stdout.strip() for seed in range(4)}
    assert units == {"минута"}


def test_dates_years_and_ordinals_are_not_quantities():
    assert find_quantities_ru("с 1 сентября 2024 года команда заняла 5-е место, счет 2:1") == []


def test_places_through_cases_adjectives_demonyms_and_regions():
    doc = analyze_ru("Эксперт Олег Ким считает, что эстонские компании уходят из Пскова, а белорусы и литовцы "
                     "едут работать в Краснодарский край и Запорожскую область.")
    claim = claim_with(doc, "эстонские компании")
    assert {code for p in claim.places for code in p.iso} == {"EE", "RU", "BY", "LT", "UA"}


def test_summary_rewrites_possessive_attribution_with_the_genitive_name():
    doc = analyze_ru("Глава фонда Петр Сомов сообщил, что фонд выделит деньги на ремонт больницы в Томске.\n\n"
                     "По его словам, работы начнутся в марте и займут почти год.", sentences=2)
    texts = [s.text for s in doc.summary.sentences]
    assert any(t.startswith("По словам Сомова, работы начнутся") for t in texts), texts


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("Депутат Иван Орлов обвинил мэра в том, что тот скрывает данные о выбросах.", "Иван Орлов",
     "тот скрывает данные о выбросах"),
    ("Профсоюз обвиняет руководство завода в нарушении трудового законодательства.", "Профсоюз",
     "нарушении трудового законодательства"),
    ("Глава района Сергей Волков упрекнул подрядчика в том, что дорогу до сих пор не отремонтировали.",
     "Сергей Волков", "дорогу до сих пор не отремонтировали"),
])
def test_an_accusation_claims_what_it_blames(text, speaker, content):
    assert [(c.speaker.name, c.content.text) for c in analyze_ru(text).claims] == [(speaker, content)]


# -- both sides in the summary --------------------------------------------------------------

BRIDGE = (
    "Мэр Твери Андрей Котов заявил, что ремонт Старого моста закончится к июлю, а движение по нему откроют "
    "уже в мае.\n\n"
    "По словам Котова, подрядчик уложил новое покрытие на двух третях пролета.\n\n"
    "Котов добавил, что город потратит на ремонт 350 млн рублей из областного бюджета.\n\n"
    "Он также сообщил, что после открытия моста по нему пустят три автобусных маршрута.\n\n"
    "Мост был построен в 1901 году и закрыт на ремонт прошлой осенью.\n\n"
    "Директор компании «Мостострой-Тверь» Ольга Синицына рассказала, что рабочие трудятся в две смены. "
    "«Никаких сроков нам никто не продлевал, денег за ноябрь мы так и не получили», — сказала она."
)


def speakers_in_summary(doc) -> set[str]:
    return {c.speaker.name for s in doc.summary.sentences for c in doc.claims if s.start <= c.content.start < s.end}


def test_a_russian_rebuttal_told_with_a_plain_speech_verb_brings_its_party_into_the_summary():
    # no 'отрицает' anywhere: the second side contests with 'сказала' and a negated clause
    doc = analyze_ru(BRIDGE, sentences=3)
    assert {"Андрей Котов", "Ольга Синицына"} <= speakers_in_summary(doc), [s.text for s in doc.summary.sentences]
    assert any("Синицын" in s.text for s in doc.summary.sentences)


def test_the_russian_second_side_keeps_its_place_in_a_two_sentence_summary():
    doc = analyze_ru(BRIDGE, sentences=2)
    assert len(doc.summary.sentences) == 2
    assert {"Андрей Котов", "Ольга Синицына"} <= speakers_in_summary(doc), [s.text for s in doc.summary.sentences]


def test_a_russian_denial_verb_brings_the_denying_party_into_the_summary():
    doc = analyze_ru(
        "Глава Роспотребнадзора по Курской области Игорь Белов сообщил, что в пробах воды из реки Сейм нашли "
        "нефтепродукты.\n\n"
        "Белов уточнил, что концентрация превышает норму в четыре раза.\n\n"
        "По словам Белова, источником загрязнения может быть нефтебаза на окраине Курска.\n\n"
        "Белов добавил, что пробы воды будут брать каждый день до конца месяца.\n\n"
        "Жители прибрежных сел жалуются на запах уже вторую неделю.\n\n"
        "Компания «Сейм-Ойл», которой принадлежит нефтебаза, отрицает, что допустила утечку. "
        "В компании сообщили, что проверка оборудования нарушений не выявила.", sentences=3)
    assert "Сейм-Ойл" in {name.strip("«»") for name in speakers_in_summary(doc)} or \
        any("Сейм-Ойл" in s.text for s in doc.summary.sentences), [s.text for s in doc.summary.sentences]


def test_a_russian_accusation_brings_the_accuser_into_the_summary():
    doc = analyze_ru(
        "Генеральный директор Балтийского судоремонтного завода Павел Гринев заявил, что завод в этом году "
        "отремонтирует 40 судов.\n\n"
        "По словам Гринева, новые доки позволят принимать суда длиной до 200 метров.\n\n"
        "Гринев добавил, что завод наймет 150 сварщиков и откроет учебный центр.\n\n"
        "Он также сообщил, что выручка завода выросла на 12%.\n\n"
        "Завод был основан в 1946 году.\n\n"
        "Председатель заводского профсоюза Олег Рыбин обвинил руководство в том, что оно скрыло от инспекции "
        "две аварии в доках.", sentences=2)
    assert {"Павел Гринев", "Олег Рыбин"} <= speakers_in_summary(doc), [s.text for s in doc.summary.sentences]


def test_a_russian_article_without_anything_contested_is_summarised_as_before():
    from claimledger import summarize as module

    text = ("Глава района Сергей Волков заявил, что новую школу в поселке откроют в сентябре.\n\n"
            "По его словам, в школе будут учиться 600 детей.\n\n"
            "Директор школы Анна Лебедева рассказала, что в здании будут бассейн и библиотека.\n\n"
            "Лебедева добавила, что набор учителей уже начался.")
    with_rule = analyze_ru(text, sentences=2).summary.sentences
    original, module.sides = module.sides, lambda *args, **kwargs: []
    try:
        without_rule = analyze_ru(text, sentences=2).summary.sentences
    finally:
        module.sides = original
    assert with_rule == without_rule


def test_the_russian_rule_counts_negated_claims_and_the_english_rule_does_not():
    from claimledger.parties import dispute_cues

    assert dispute_cues("ru").negated_claims_dispute and not dispute_cues("en").negated_claims_dispute
    assert {"отрицать", "обвинить"} <= dispute_cues("ru").lemmas and {"deny", "accuse"} <= dispute_cues("en").lemmas


@pytest.mark.parametrize(("language", "body"), [
    ("ru", "Двое студентов Казанского университета рассказали, что им предлагали сдать экзамен за деньги.\n\n"
           "Профессор Казанского университета Иван Петров заявил, что о таких случаях ничего не знает."),
    ("en", "Two students at Keele University said they had been offered exam answers for money.\n\n"
           "Professor Anna Reid of Keele University said she knew of no such case."),
])
def test_a_person_and_an_anonymous_group_sharing_an_institution_are_two_parties(language, body):
    from claimledger.parties import parties
    from conftest import analyze_text

    doc = analyze_ru(body) if language == "ru" else analyze_text(body)
    speakers = {c.speaker.name for c in doc.claims}
    assert len(speakers) == 2, claims_of(doc)
    assert len(parties(doc.claims, {})) == 2


def test_russian_article_is_analysed_from_the_command_line(cli, tmp_path):
    path = tmp_path / "ru.txt"
    path.write_text("Власти пообещали отремонтировать дорогу\n\nАвтор: Иван Петров\nПоделиться\n\n"
                    "Глава района Сергей Волков заявил, что дорогу между поселками отремонтируют до конца лета.\n\n"
                    "Реклама\n\nПо его словам, на ремонт выделено 40 млн рублей.\n", encoding="utf-8")
    result = cli("analyze", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["article"]["language"] == "ru"
    assert "Реклама" not in doc["article"]["text"] and "Поделиться" not in doc["article"]["text"]
    assert [c["speaker"]["name"] for c in doc["claims"]] == ["Сергей Волков", "Сергей Волков"]


RECORDS = [
    {"url": "https://oblast.example/2025/05/12/avtobusy", "site": "Областные вести", "published": "2025-05-12",
     "title": "Министр транспорта пообещал обновить автобусный парк",
     "text": "Министр транспорта области Виктор Лапин заявил, что в следующем году город получит 120 новых "
             "автобусов.\n\nПо его словам, старые машины спишут до конца весны.\n\n"
             "«Мы закупим только электробусы», — добавил Лапин."},
    {"url": "https://harbour.example/2025/05/12/ferries", "site": "Harbour Times", "published": "2025-05-12",
     "title": "Port Orders New Ferries",
     "text": "The port director, Helen Marsh, said the port would order two new ferries this year.\n\n"
             "She added that the old ships would be sold."},
]


@pytest.mark.parametrize("command", ["ingest", "batch"])
def test_russian_jsonl_goes_through_ingest_and_batch_into_search_and_exports(cli, tmp_path, command):
    shard = tmp_path / "news.jsonl"
    shard.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    if command == "ingest":
        run = cli("ingest", str(shard), "--db", db)
    else:
        run = cli("batch", str(shard), "--out", str(tmp_path / "out"), "--db", db, "--workers", "1", timeout=300)
    assert run.returncode == 0, run.stderr.decode()
    exported = cli("export", "--db", db, "--format", "jsonl")  # to stdout
    assert exported.returncode == 0, exported.stderr.decode()
    documents = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sorted(d["article"]["language"] for d in documents) == ["en", "ru"]
    russian = next(d for d in documents if d["article"]["language"] == "ru")
    assert {c["speaker"]["name"] for c in russian["claims"]} == {"Виктор Лапин"}
    rows = list(csv.DictReader(io.StringIO(cli("export", "--db", db, "--format", "csv").stdout.decode())))
    assert {r["speaker"]: r["language"] for r in rows} == {"Виктор Лапин": "ru", "Helen Marsh": "en"}
    from claimledger.store import Store

    store = Store(db)
    assert [hit.title for hit in store.search("министра автобусами")] == [RECORDS[0]["title"]]
    store.close()


# -- quoted words are never edited ----------------------------------------------------------


def test_a_russian_pronoun_inside_a_quotation_is_left_alone_and_the_speaker_named_after_it():
    doc = analyze_ru("Глава района Сергей Волков заявил, что новую школу в поселке откроют в сентябре.\n\n"
                     "«Стоимость выросла, но он уложится в бюджет», — сказал он.", sentences=2)
    sentence = next(s for s in doc.summary.sentences if "бюджет" in s.text)
    assert sentence.text == "«Стоимость выросла, но он уложится в бюджет», — сказал Волков."


def test_words_of_russian_dash_speech_are_left_alone():
    doc = analyze_ru("Директор завода Павел Гринев заявил, что завод отремонтирует 40 судов.\n\n"
                     "— Денег нет, и он это знает, а теперь требует сроков, — заявил он о министре.",
                     sentences=2)
    sentence = next(s for s in doc.summary.sentences if "сроков" in s.text)
    assert sentence.text.startswith("— Денег нет, и он это знает, а теперь требует сроков, — "), sentence.text


# -- which parties are the sides -----------------------------------------------------------

HEATING = (
    "Директор управляющей компании «Домострой» Ирина Белова заявила, что отопление в домах на улице Лесной "
    "включат к пятнице.\n\n"
    "По словам Беловой, трубу повредила компания «Теплосеть» при ремонте дороги.\n\n"
    "Белова добавила, что жильцам сделают перерасчет за ноябрь.\n\n"
    "Пенсионерка Анна Зуева рассказала, что в квартире не больше пятнадцати градусов. «Мы спим в пальто, а к "
    "нам никто не приходит», — говорит пенсионерка. Она добавила, что соседи купили обогреватели.\n\n"
    "В пресс-службе «Теплосети» заявили, что компания не повреждала трубу.")


def test_the_accused_company_not_a_quoted_pensioner_is_the_second_side():
    doc = analyze_ru(HEATING, sentences=2)
    assert {"Ирина Белова", "Теплосеть"} <= speakers_in_summary(doc), [s.text for s in doc.summary.sentences]


def test_a_bystanders_negated_words_do_not_make_a_russian_article_contested():
    from claimledger.parties import parties, sides

    doc = analyze_ru("Глава района Сергей Волков заявил, что новую дорогу к поселку откроют в сентябре.\n\n"
                     "По его словам, подрядчик уже уложил асфальт на половине участка.\n\n"
                     "Жительница поселка Нина Орлова рассказала, что автобус до города не ходит с весны.")
    assert any(c.modality == "negated" for c in doc.claims)
    assert [p.bystander for p in parties(doc.claims, {}, "ru")] == [False, True]
    assert sides(doc.claims, {}, "ru") == []


def test_a_director_described_in_the_genitive_speaks_for_the_company():
    from claimledger.parties import parties

    doc = analyze_ru("В компании «Ока-Транс» сообщили, что баржи задерживаются из-за низкой воды.\n\n"
                     "— Мы отправим груз, как только поднимется уровень реки, — заявил коммерческий директор "
                     "«Ока-Транса» Петр Лосев.")
    assert [p.members for p in parties(doc.claims, {}, "ru")] == [{"Ока-Транс", "Петр Лосев"}], claims_of(doc)


def test_a_body_referred_to_by_a_common_noun_is_named_in_the_summary():
    doc = analyze_ru(HEATING.replace("В пресс-службе «Теплосети» заявили",
                                     "В «Теплосети» обвинения отвергли. В пресс-службе компании заявили"), sentences=2)
    sentence = next(s for s in doc.summary.sentences if "не повреждала трубу" in s.text)
    assert sentence.text == "В пресс-службе компании «Теплосеть» заявили, что компания не повреждала трубу."


WATER = (
    "Председатель совета дома Людмила Орлова заявила, что горячей воды в доме нет уже две недели.\n\n"
    "По ее словам, управляющая компания «Светлый дом» винит в аварии предприятие «Горводоканал».\n\n"
    "Орлова добавила, что жильцы готовят коллективный иск.\n\n"
    "В «Горводоканале» версию жильцов назвали «недоразумением». Как сообщила пресс-секретарь предприятия "
    "Вера Лосева, насосная станция исправна, а воду отключили из-за ремонта в подвале дома. Она добавила, "
    "что ремонт закончат к понедельнику. По ее словам, бригада работает в две смены.")


def test_a_press_secretary_of_the_enterprise_speaks_for_the_body_quoted_just_before():
    from claimledger.parties import parties

    doc = analyze_ru(WATER)
    party = next(p for p in parties(doc.claims, {}, "ru") if "Вера Лосева" in p.members)
    assert party.principal.startswith("Горводоканал"), [(p.principal, p.members) for p in parties(doc.claims, {}, "ru")]


def test_the_second_sides_spokesperson_is_heard_and_the_body_named():
    doc = analyze_ru(WATER, sentences=2)
    texts = [s.text for s in doc.summary.sentences]
    assert "Вера Лосева" in speakers_in_summary(doc), texts
    assert any("пресс-секретарь предприятия «Горводоканал» Вера Лосева" in t for t in texts), texts


def test_a_body_named_by_a_common_noun_is_one_party_with_its_named_form():
    from claimledger.parties import parties

    doc = analyze_ru("Министр сельского хозяйства Олег Карпов заявил, что дефицита сахара не будет.\n\n"
                     "Иначе ситуацию оценивают в Сахарном союзе. В союзе ожидают, что сахар подорожает на 10%.\n\n"
                     "Председатель правления союза Анна Белых заявила, что заводы готовы снизить цены.")
    by_member = {m: p for p in parties(doc.claims, {}, "ru") for m in p.members}
    assert by_member["Анна Белых"] is by_member.get("союз", by_member["Анна Белых"]), claims_of(doc)
    assert by_member["Анна Белых"] is not by_member["Олег Карпов"]


@pytest.mark.parametrize(("body", "content", "speaker"), [
    ("Министр транспорта края Олег Сидоренко заявил, что мост достроят к лету.\n\n"
     "«Мост нужен району: паром ходит раз в сутки, — сказал министр. — Мы готовы обсуждать сроки, "
     "но отказываться от стройки не будем».", "Мост нужен району", "Олег Сидоренко"),
    ("Пресс-секретарь ведомства Алина Жукова провела брифинг. «Проект уже прошёл экспертизу, — добавила "
     "пресс-секретарь, — и деньги на него выделены».", "Проект уже прошёл экспертизу", "Алина Жукова"),
])
def test_a_role_noun_in_the_words_interrupting_a_quotation_is_the_person_given_that_role(body, content, speaker):
    claim = claim_with(analyze_ru(body), content)
    assert (claim.speaker.name, claim.quote) == (speaker, "direct")


@pytest.mark.parametrize(("body", "content", "speaker"), [
    ("В Минтрансе заявили, что трассу откроют в мае.", "трассу откроют в мае", "Минтранс"),
    ("В Росприроднадзоре сообщили, что проверка стоков уже начата.", "проверка стоков уже начата",
     "Росприроднадзор"),
    ("По данным Росавиации, рейсы в аэропорту задерживаются из-за тумана.", "рейсы в аэропорту задерживаются",
     "Росавиация"),
    # an indeclinable abbreviation stays as written
    ("В Минприроды заявили, что лес у озера вырубать не будут.", "лес у озера вырубать не будут", "Минприроды"),
])
def test_an_organisation_named_in_an_oblique_case_speaks_in_the_nominative(body, content, speaker):
    assert claim_with(analyze_ru(body), content).speaker.name == speaker


@pytest.mark.parametrize(("body", "content", "speaker"), [
    ("В компании «Белка» отрицают, что курьеры бастуют.", "курьеры бастуют", "Белка"),
    ("В сети пекарен «Сдоба» заявили, что цены на хлеб не вырастут.", "цены на хлеб не вырастут", "Сдоба"),
])
def test_a_quoted_name_after_its_head_noun_keeps_its_form(body, content, speaker):
    assert claim_with(analyze_ru(body), content).speaker.name == speaker


def test_a_hyphenated_name_in_the_nominative_keeps_the_capital_of_each_part():
    from claimledger.speakers.russian_names import inflect_word

    assert inflect_word("Тайга-Информу", "Dat", "masc", False, "proper") == "Тайга-Информ"


PHARMACY = (
    "Сеть аптек «Горицвет» опровергла сообщения о нехватке инсулина.\n\n"
    "«Перебоев с поставками у нас нет», — заявил «Северному вестнику» директор по логистике компании "
    "Павел Ершов.\n\n"
    "Руководитель лаборатории «Фармконтроль» Денис Уваров считает, что перебои всё же возможны.\n\n"
    "Топ-менеджер «Горицвета» назвал выводы аналитика «преждевременными» и заявил, что сеть готова "
    "показать данные о запасах.")


def test_a_role_in_a_named_body_is_the_person_given_a_role_there_not_the_last_one_named():
    claim = claim_with(analyze_ru(PHARMACY), "сеть готова показать данные о запасах")
    assert claim.speaker.name == "Павел Ершов"


def test_a_role_in_a_named_body_nobody_was_introduced_for_is_an_unnamed_source_of_that_body():
    body = PHARMACY.replace("директор по логистике компании Павел Ершов", "представитель сети")
    speaker = claim_with(analyze_ru(body), "сеть готова показать данные о запасах").speaker
    assert speaker.name != "Денис Уваров" and "Горицвет" in speaker.name


FORESTRY = ("Министр лесного хозяйства края Пётр Гаврилов заявил, что лесов хватит.\n\n"
            "В Минлесхозе заявили, что оценка союза неверна. Как сообщили «Лесному вестнику» в пресс-службе "
            "министерства, ведомство по-прежнему ожидает роста вырубок. Вопрос о квотах будет рассмотрен "
            "весной, добавили в министерстве.")


@pytest.mark.parametrize("content", ["ведомство по-прежнему ожидает роста вырубок", "Вопрос о квотах"])
def test_the_outlet_told_is_not_the_source_and_a_bare_ministry_is_the_min_body_named_before(content):
    assert claim_with(analyze_ru(FORESTRY), content).speaker.name == "Минлесхоз"


DAIRY_LEDE = "Фермерское объединение заявило о падении закупочных цен на молоко.\n\n"


@pytest.mark.parametrize("naming", [
    "Объединение под названием «Молочный край» направило письмо губернатору и заявило, что хозяйства готовы "
    "сократить стада.",
    "Объединение, называющее себя «Молочный край», заявило, что хозяйства готовы сократить стада.",
    "Объединение «Молочный край» заявило, что хозяйства готовы сократить стада.",
])
def test_a_body_described_in_the_lede_goes_by_the_name_the_article_gives_it_later(naming):
    doc = analyze_ru(DAIRY_LEDE + naming)
    assert claim_with(doc, "падении закупочных цен").speaker.name == "Молочный край", claims_of(doc)


def test_a_body_described_otherwise_when_named_is_another_body():
    doc = analyze_ru(DAIRY_LEDE + "Другое объединение «Молочный край» заявило, что хозяйства готовы сократить стада.")
    assert claim_with(doc, "падении закупочных цен").speaker.name == "фермерское объединение"
    assert claim_with(doc, "хозяйства готовы сократить стада").speaker.name == "Молочный край"


def test_a_lede_body_named_further_down_gains_its_name_in_the_summary():
    doc = analyze_ru("Хакерская группировка заявила о взломе сервиса такси «Гонка» и похищении данных 2 млн "
                     "поездок.\n\n"
                     "Группировка, называющая себя «Полночь», выложила фрагмент базы и пригрозила опубликовать "
                     "остальное.\n\n"
                     "В компании «Гонка» отрицают, что злоумышленники получили доступ к базе.", sentences=2)
    texts = [s.text for s in doc.summary.sentences]
    assert any(t.startswith("Хакерская группировка «Полночь» заявила о взломе") for t in texts), texts
