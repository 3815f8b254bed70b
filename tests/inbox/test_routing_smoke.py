from perhekeskus.questions import services as questions
from perhekeskus.questions.selectors import question_by_code


def test_a_question_from_espoo_reaches_the_espoo_queue_and_opens_with_its_code(desk, network):
    asked = questions.ask(text="Vauva ei nuku", lang="fi", topic="sleep_eating", municipality=network.espoo)
    assert asked.question.queue == desk.espoo_queue
    assert question_by_code(asked.code) == asked.question
    assert question_by_code(asked.code[:-1] + ("A" if asked.code[-1] != "A" else "B")) is None
    vantaa = questions.ask(text="?", lang="fi", topic="other", municipality=network.vantaa)
    assert vantaa.question.queue == desk.vantaa_queue
    nowhere = questions.ask(text="?", lang="fi", topic="other")
    assert nowhere.question.queue == desk.national_queue
