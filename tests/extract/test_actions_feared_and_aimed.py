"""What a report fears or aims at is no happening it tells: fighting a border force is braced
for, a surplus a government targets. (Sentences written for the test.)"""

from __future__ import annotations


def test_fighting_feared_or_warded_off_is_not_told(coded_actions):
    assert coded_actions("وعزز الجيش التشادي انتشاره على الشريط الحدودي تحسباً لامتداد المعارك.") == []
    assert all(t != "ASSAULT" for t, _, _ in coded_actions("فرضت السلطات حظر تجول خشية تجدد الاشتباكات."))
    assert [t for t, _, _ in coded_actions("اندلعت معارك عنيفة بين الجيش والمتمردين.")] == ["ASSAULT"]


def test_a_target_aimed_at_is_no_attack(coded_actions):
    assert coded_actions("وتابع أن الحكومة المصرية تستهدف فائضاً أولياً بنسبة 3.5%.") == []
    assert coded_actions("تستهدف الخطة خفض العجز.") == []
    assert [t for t, _, _ in coded_actions("استهدفت مسيرة أوكرانية مصفاة نفط روسية.")] == ["ASSAULT"]
