"""Each cue family and each rejection rule, with sentences that must match and
sentences that must not (ANNOTATION.md sections 1-3)."""
from __future__ import annotations

import pytest

DIRECTIVES = [
    # request verbs: the addressee is responsible
    ("en", "The Minister requested ministries, branches and localities to send the plan to the Working Group in February 2025.",
     ["ministries, branches and localities"], "2025-02-28"),
    ("en", "The Chairman urged the Department of Finance to settle the accounts before 31 March 2025.",
     ["Department of Finance"], "2025-03-31"),
    # obligation modals: the subject is responsible
    ("en", "All trustees must complete the safeguarding training by 31 March 2025.", ["All trustees"], "2025-03-31"),
    ("en", "District leads are required to send their leakage data within 14 days.", ["District leads"], "2025-02-27"),
    ("en", "Heads of ministries, branches and localities must take direct responsibility for progress.",
     ["Heads of ministries, branches and localities"], None),
    # minutes shorthand
    ("en", "ACTION: Priya to circulate the revised draft budget by Friday.", ["Priya"], "2025-02-14"),
    ("en", "Marcus - draft the appeal letter and share it with the fundraising group", ["Marcus"], None),
    ("en", "Matthew will reach out to each member of the steering group.", ["Matthew"], None),
    # commitments and requests in transcripts
    ("en", "Lee: I will delete the old bucket by Monday.", ["Lee"], "2025-02-17"),
    ("en", "Anna: Priya, can you check the budget by Friday?", ["Priya"], "2025-02-14"),
    # responsibility
    ("en", "The Provincial Police is responsible for the data cleaning, by the end of Q2 2025.",
     ["Provincial Police"], "2025-06-30"),
    ("ur", "وزیر نے وزارتوں، شاخوں اور علاقوں سے درخواست کی کہ وہ فروری 2025 میں ورکنگ گروپ کو منصوبہ بھیجیں۔",
     ["وزارتوں، شاخوں اور علاقوں"], "2025-02-28"),
    ("ur", "مقامی پولیس کو چاہیے کہ وہ 30 دن کے اندر بزرگوں کے شناختی کارڈ بنائے۔", ["مقامی پولیس"], "2025-03-15"),
    ("ur", "صوبوں اور شہروں کی عوامی کمیٹیوں کو سال کے آخر تک ڈیٹا کا دوبارہ استعمال یقینی بنانا ہوگا۔",
     ["صوبوں اور شہروں کی عوامی کمیٹیوں"], "2025-12-31"),
    ("ur", "مرمت کی ذمہ داری محکمہ آبپاشی کی ہوگی۔", ["محکمہ آبپاشی"], None),
    ("ur", "احمد: میں رپورٹ پیر تک بھیج دوں گا۔", ["احمد"], "2025-02-17"),
    ("ur", "محکمہ صحت 31 مارچ 2025 تک ادویات کی دستیابی یقینی بنائے گا۔", ["محکمہ صحت"], "2025-03-31"),
    ("vi", "Bộ Công an chủ trì, phối hợp với các bộ, ngành rà soát dữ liệu, hoàn thành trước ngày 31/3/2025.",
     ["Bộ Công an"], "2025-03-31"),
    ("vi", "Yêu cầu các bộ, ngành, địa phương khẩn trương hoàn thành các nhiệm vụ còn chậm tiến độ.",
     ["các bộ, ngành, địa phương"], None),
    ("vi", "Giao Sở Tài chính tham mưu bố trí kinh phí, hoàn thành trong quý II/2025.", ["Sở Tài chính"], "2025-06-30"),
    ("vi", "Bộ Thông tin và Truyền thông phải đưa vào vận hành nền tảng mới trước cuối năm 2025.",
     ["Bộ Thông tin và Truyền thông"], "2025-12-31"),
    ("vi", "Sở Y tế gửi kế hoạch về Tổ công tác trong tháng 2/2025.", [], "2025-02-28"),
    # owners written into the line in other hands
    ("en", "Action: publish the punctuality dashboard on the website (Owner: Graham Pyle, by end of May 2025).",
     ["Graham Pyle"], "2025-05-31"),
    ("en", "Action – Sunita Rao: send Members a written note on the collapse; due 4 April 2025.",
     ["Sunita Rao"], "2025-04-04"),
    ("en", "RESOLVED: that the Director of Transport prepare a full business case by the end of Q3 2025.",
     ["Director of Transport"], "2025-09-30"),
    # a place before the subject is not the subject
    ("ur", "کم کوریج والی 14 یونین کونسلوں میں ضلعی ویکسینیشن ٹیمیں 10 دن کے اندر مہم مکمل کریں۔",
     ["ضلعی ویکسینیشن ٹیمیں"], "2025-02-23"),
    # a later responsibility clause names the party
    ("ur", "صدر نے حکم دیا کہ وارڈز 30 اپریل 2025 تک فعال کیے جائیں اور اس کی ذمہ داری ڈسٹرکٹ ہیلتھ آفیسر کی ہوگی۔",
     ["ڈسٹرکٹ ہیلتھ آفیسر"], "2025-04-30"),
    # minutes give owners as "Name: task in lower case"
    ("en", "- Karen: recruit two volunteers for the gala committee by the end of June", ["Karen"], "2025-06-30"),
    ("en", "Lena and Omar: visit the church hall and report back by 30 April 2025", ["Lena and Omar"], "2025-04-30"),
    # the most precise deadline phrase of a clause wins
    ("en", "Everyone needs to fill in the May on-call rota by Wednesday, April 16.", ["Everyone"], "2025-04-16"),
    ("en", "Tom, could you update the rollback runbook by Thursday the 20th?", ["Tom"], "2025-02-20"),
    ("vi", "Văn phòng UBND xã cần tổng hợp báo cáo quý I/2025 gửi UBND huyện trước ngày 05/4/2025.",
     ["Văn phòng UBND xã"], "2025-04-05"),
    # a verb that urges is not an addressee-taking request in the middle of a predicate
    ("vi", "Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện các nội dung kết luận này.",
     ["Văn phòng UBND tỉnh"], None),
]


@pytest.mark.parametrize("lang, text, responsible, deadline", DIRECTIVES)
def test_directive_with_party_and_deadline(run, only, lang, text, responsible, deadline):
    if not responsible:  # a sentence with no cue of its own is no directive alone
        assert run(text, lang).directives == []
        return
    found = only(text, lang)
    assert found.responsible == responsible
    assert (found.deadline.date.isoformat() if found.deadline and found.deadline.date else None) == deadline
    assert text[found.start:found.end] == found.text
    if found.deadline:
        assert found.deadline.text in text


NOT_DIRECTIVES = [
    ("en", "348 of the 690 tasks assigned in 2024 were completed on time."),              # statistics
    ("en", "In 2024, 4 more databases will be established and 26 services put online."),   # future-tense statistics
    ("en", "The ministry was asked last year to publish its data-sharing catalogue."),      # past report
    ("en", "The conference reviewed results and deployed tasks for February."),            # agenda
    ("en", "Photo: Delegates attend the conference at the Government headquarters."),       # caption
    ("en", "The board agreed to launch the appeal on 1 April."),                             # decision
    ("en", "Let's table it until the landlord replies."),                                    # deferral
    ("en", "I opened the PR last week and it has been merged."),                             # status report
    ("en", "I could maybe look at it if there's time."),                                     # soft offer
    ("en", "I'll be honest, the numbers look better than expected."),                        # not a commitment
    ("en", "The Chair thanked Sofia for her excellent work on the open day."),               # praise
    ("en", "Do we still need to update the rollback runbook?"),                              # a question
    ("en", "Anna: Thanks, that's all from me."),                                             # a speaker, no task
    ("ur", "2024 میں، مزید 4 قومی ڈیٹا بیس قائم کیے جائیں گے۔"),                                # future-tense statistics
    ("ur", "کانفرنس میں جنوری کے نتائج کا جائزہ لیا گیا اور فروری کے کاموں کی تعیناتی کی گئی۔"),      # agenda
    ("ur", "تصویر: عوامی سلامتی کے وزیر کانفرنس کی صدارت کر رہے ہیں۔"),                           # caption
    ("ur", "گزشتہ سال، وزیر اعظم نے وزارتوں کو ہدایت کی تھی کہ وہ ماڈل نافذ کریں، جو مکمل ہو گیا ہے۔"),  # past
    ("vi", "Năm 2024, các bộ, ngành, địa phương đã tích cực triển khai Đề án 06."),              # past
    ("vi", "Đã có 348/420 nhiệm vụ được giao hoàn thành, đạt tỷ lệ 82,9%."),                     # statistics
    ("vi", "Trong năm 2025, sẽ có thêm 4 cơ sở dữ liệu được kết nối."),                           # future statistics
    ("vi", "Ảnh: Phó Thủ tướng chủ trì Hội nghị."),                                              # caption
    ("vi", "Giao dịch điện tử tăng 20% so với cùng kỳ."),                                          # "giao" inside a compound
]


@pytest.mark.parametrize("lang, text", NOT_DIRECTIVES)
def test_look_alikes_are_not_directives(run, lang, text):
    assert run(text, lang).directives == [], text


CITED_DATES = [
    ("en", "Ministries must apply Decree No. 123/2020/ND-CP dated 19 October 2020 in all procedures."),
    ("ur", "وزارتوں کو قرارداد نمبر 57 مورخہ 22 دسمبر 2024 پر عمل درآمد یقینی بنانا ہوگا۔"),
    ("vi", "Các bộ phải thực hiện nghiêm Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ."),
]


@pytest.mark.parametrize("lang, text", CITED_DATES)
def test_dates_of_cited_documents_are_not_deadlines(only, lang, text):
    found = only(text, lang)
    assert found.deadline is None


def test_a_past_period_is_not_a_deadline(only):
    found = only("For tasks behind schedule in 2022, 2023 and 2024, ministries must draw up a plan "
                 "and send it to the Working Group in February 2025.", "en")
    assert found.responsible == ["ministries"]
    assert found.deadline.date.isoformat() == "2025-02-28"


def test_urgency_and_recurrence_are_flags_not_deadlines(only):
    urgent = only("The Provincial Police must immediately clean the household data.", "en")
    assert urgent.urgent and urgent.deadline is None
    recurring = only("The Government Office must regularly report to the Prime Minister on progress.", "en")
    assert recurring.recurring and recurring.deadline is None
    weekly = only("لیب اسسٹنٹس ہر جمعہ کو تمام لیبز کی انوینٹری اپ ڈیٹ کریں گے۔", "ur")
    assert weekly.recurring and weekly.deadline is None


def test_a_run_of_directives_inherits_its_party_and_says_so(run):
    text = ("The Minister directed ministries, branches and localities:\n"
            "- Speed up the slow tasks; ensure the data is correct, complete and clean.\n"
            "- The Ministry of Health extends the electronic health book by 30 June.\n")
    found = run(text, "en").directives
    # the ;-pieces that share the run's party are one directive (ANNOTATION.md section 7)
    assert [d.responsible for d in found] == [["ministries, branches and localities"], ["Ministry of Health"]]
    assert [d.responsible_inherited for d in found] == [True, False]
    assert found[0].text.endswith("complete and clean.")
    assert found[1].deadline.date.isoformat() == "2025-06-30"
    assert all(d.issuer == "Minister" for d in found)


def test_a_documents_title_is_not_a_directive(run):
    text = "Triển khai công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2025\nSáng 9/1, Bộ tổ chức hội nghị.\n"
    assert run(text, "vi").directives == []


def test_a_commitment_never_inherits_someone_elses_party(run, only):
    text = ("The Minister requested the Ministry Office to monitor progress.\n"
            "\"I will personally chair a meeting with the associations next week,\" he said.\n")
    found = run(text, "en").directives
    assert found[-1].responsible == [] and not found[-1].responsible_inherited
    quoted = only("\"I will personally chair a meeting next week,\" Minister Le Hoang Nam said.", "en")
    assert quoted.responsible == ["Minister Le Hoang Nam"] and not quoted.responsible_inherited


def test_an_owner_label_after_a_task_makes_it_a_directive(only):
    found = only("کمرہ نمبر 6 کی چھت کی مرمت 15 جون 2025 تک مکمل کروائی جائے گی؛ ذمہ دار: جناب محمد اسلم۔", "ur")
    assert found.responsible == ["جناب محمد اسلم"]
    assert found.deadline.date.isoformat() == "2025-06-15"


def test_a_run_survives_one_comment_sentence_not_two(run):
    text = ("The Minister requested ministries to speed up the review.\n"
            "The ministry held a press conference afterwards.\n"
            "Ensure the portal is updated.\n")
    found = run(text, "en").directives
    assert found[-1].responsible == ["ministries"] and found[-1].responsible_inherited
    text = ("The Minister requested ministries to speed up the review.\n"
            "The ministry held a press conference afterwards.\n"
            "Journalists filled the hall.\n"
            "Ensure the portal is updated.\n")
    found = run(text, "en").directives
    assert found[-1].responsible == [] and not found[-1].responsible_inherited


def test_owner_and_due_labels_complete_the_task_before_them(only):
    found = only("- Obtain two quotes and renew the liability cover. Owner: Tom Okafor. Due: 3 March.", "en")
    assert found.responsible == ["Tom Okafor"]
    assert found.deadline.date.isoformat() == "2025-03-03"


def test_confidence_reflects_what_was_found(only):
    strong = only("ACTION: Priya to circulate the draft by Friday.", "en")
    weak = only("Review the figures.", "en")
    assert strong.confidence > weak.confidence >= 0.5


def test_without_a_meeting_date_relative_deadlines_stay_undated(only):
    found = only("The Finance Department must submit the report within 30 days.", "en", meeting=None)
    assert found.deadline.text == "within 30 days" and found.deadline.date is None


def test_offsets_point_into_the_text_as_read_with_crlf_and_nfd(only):
    import unicodedata

    text = unicodedata.normalize("NFD", "Tiêu đề\r\nYêu cầu Sở Y tế báo cáo trước ngày 31/3/2025.\r\n")
    found = only(text, "vi")
    assert text[found.start:found.end] == found.text
    assert found.responsible == [unicodedata.normalize("NFD", "Sở Y tế")]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "RIVERSIDE TRUST\nTuesday 25 February 2025, 6.30pm\nThe minutes of the meeting held on 28 January 2025 were approved.\n",
     "2025-02-25"),
    ("en", "Binh An, 14 January 2025\nNOTICE\nOn the morning of 10 January 2025, the Chairman chaired a meeting.\n",
     "2025-01-10"),
    ("ur", "ہنوئی — 13 فروری کی سہ پہر، وزارت نے جنوری 2025 کی کانفرنس منعقد کی۔\n", "2025-02-13"),
    ("vi", "Hà Nội, ngày 14 tháng 02 năm 2025\nNgày 13 tháng 02 năm 2025, tại trụ sở Chính phủ, Phó Thủ tướng chủ trì Hội nghị.\n",
     "2025-02-13"),
    ("vi", "Chiều 13/2, UBND tỉnh tổ chức hội nghị sơ kết năm 2024 và triển khai nhiệm vụ năm 2025.\n", "2025-02-13"),
])
def test_meeting_date_is_read_from_the_document(run, lang, text, expected):
    assert run(text, lang, meeting=None).meeting_date.isoformat() == expected
