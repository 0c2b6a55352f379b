import pytest

from questionnaire.content import default_questions_load
from questionnaire.models import Pillar, Question


@pytest.mark.django_db
def test_default_content_loads_fifteen_questions_once():
    assert default_questions_load() == (5, 15)
    assert default_questions_load() == (0, 0)
    assert [p.slug for p in Pillar.objects.all()] == [
        "leadership",
        "strategy",
        "people",
        "processes",
        "platforms",
    ]
    assert all(p.questions.count() == 3 for p in Pillar.objects.all())


@pytest.mark.django_db
def test_reloading_does_not_overwrite_an_admins_edit():
    default_questions_load()
    Question.objects.filter(key="leadership-1").update(text="Edited by an admin")
    default_questions_load()
    assert Question.objects.get(key="leadership-1").text == "Edited by an admin"


@pytest.mark.django_db
def test_every_question_and_pillar_is_translated():
    default_questions_load()
    for question in Question.objects.all():
        assert set(question.wording()) == {"en", "ro", "it", "zh-hans"}
    for pillar in Pillar.objects.all():
        for language in ("ro", "it", "zh-hans"):
            assert pillar.translated("name", language) != ""
            assert pillar.translated("recommendations", language) != pillar.recommendations
