"""Arabic news articles written for these tests (not copied from anywhere), with the outlets that
ran them and when, around ``NOW``. Copies of one text under other outlets' URLs are stored as
duplicates of the first, as a wire story republished is.

- QUAKE: an earthquake in Malatya, run by 6 outlets within 2 hours before NOW (breaking);
- FLOOD: floods in northern Sudan, 3 outlets over the last 5 hours;
- DAM, EXPO: one outlet each, 2 and 4 days before;
- TALKS: Gaza ceasefire talks in Cairo, 4 outlets 3 days before and one more 1 hour before NOW;
- KREMLIN: Putin receives a Turkish delegation; its headline carries a literal <script> element,
  its title field markup and its URL a javascript: address (for the digest's escaping).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from marsad.ingest.items import RawArticle

NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)

QUAKE = """زلزال بقوة 5.8 درجات يضرب ولاية ملاطية شرقي تركيا

ضرب زلزال بقوة 5.8 درجات على مقياس ريختر ولاية ملاطية شرقي تركيا صباح اليوم الثلاثاء، وفق ما أعلنته إدارة الكوارث والطوارئ التركية. وقالت الإدارة إن مركز الزلزال كان على عمق سبعة كيلومترات قرب بلدة يشيل يورت، وإن هزات ارتدادية عدة تلته خلال الساعة الأولى. وأفاد والي ملاطية بأن فرق الإنقاذ انتشرت في القرى القريبة من مركز الزلزال، مشيرا إلى تضرر عدد من المباني القديمة دون تسجيل وفيات حتى الآن. وأعلنت وزارة الصحة التركية نقل 23 مصابا إلى المستشفيات، معظمهم أصيبوا أثناء محاولتهم الخروج من منازلهم. وتقع ملاطية ضمن المنطقة التي ضربها زلزال مدمر في فبراير 2023 أودى بحياة أكثر من خمسين ألف شخص في تركيا."""

FLOOD = """فيضانات تغمر قرى في ولاية نهر النيل شمالي السودان

غمرت مياه الفيضانات عشرات القرى في ولاية نهر النيل شمالي السودان بعد أمطار غزيرة هطلت منذ مساء الأحد، بحسب ما أفادت به السلطات المحلية. وقال مسؤول في الدفاع المدني إن أكثر من 400 منزل انهارت كليا أو جزئيا، وإن السكان نقلوا إلى مدارس ومبان حكومية في مدينة عطبرة. وأضاف أن فرق الإغاثة تواجه صعوبة في الوصول إلى بعض المناطق بسبب انقطاع الطرق. وحذرت هيئة الأرصاد الجوية السودانية من استمرار هطول الأمطار خلال الأيام الثلاثة المقبلة، داعية السكان القريبين من مجرى النهر إلى الابتعاد عنه."""

DAM = """جولة جديدة من مفاوضات سد النهضة في أديس أبابا

انطلقت في العاصمة الإثيوبية أديس أبابا جولة جديدة من المفاوضات بين مصر والسودان وإثيوبيا بشأن قواعد ملء وتشغيل سد النهضة. وقال وزير الموارد المائية والري المصري إن بلاده تسعى إلى اتفاق قانوني ملزم يحفظ حقوقها المائية. من جهته، أكد وزير المياه الإثيوبي أن بلاده لا تنوي الإضرار بدولتي المصب، وأن التشغيل سيجري وفق جدول متفق عليه. ومن المقرر أن تستمر الجولة ثلاثة أيام بمشاركة خبراء فنيين من الدول الثلاث."""

EXPO = """انطلاق معرض للتقنية في دبي بمشاركة ألف شركة

انطلقت في دبي اليوم فعاليات معرض سنوي للتقنية والذكاء الاصطناعي بمشاركة نحو ألف شركة من ستين دولة. وقال منظمو المعرض إنهم يتوقعون أكثر من مئة ألف زائر على مدى خمسة أيام. وتعرض الشركات المشاركة حلولا في مجالات الحوسبة السحابية والأمن السيبراني والمدن الذكية. وأعلنت عدة شركات ناشئة عن جولات تمويل جديدة خلال اليوم الأول من المعرض."""

TALKS = """وفود تصل القاهرة لاستئناف محادثات وقف إطلاق النار في غزة

وصلت وفود من حركة حماس وإسرائيل إلى القاهرة لاستئناف المحادثات غير المباشرة بشأن وقف إطلاق النار في قطاع غزة، بوساطة مصرية وقطرية. وقال مصدر مصري مطلع إن المحادثات تتناول تبادل الأسرى وإدخال المساعدات الإنسانية إلى القطاع. وأضاف المصدر أن الوسطاء قدموا مقترحا معدلا يتضمن هدنة لمدة ستين يوما. وكان رئيس الوزراء القطري قد أجرى اتصالات مع الأطراف المعنية خلال الأيام الماضية لتقريب وجهات النظر."""

KREMLIN = """بوتين يستقبل وفدا تركيا في الكرملين <script>alert('x')</script> لبحث الحرب في أوكرانيا

استقبل الرئيس الروسي فلاديمير بوتين في الكرملين وفدا تركيا برئاسة وزير الخارجية هاكان فيدان لبحث مسار المفاوضات بشأن الحرب في أوكرانيا. وقال المتحدث باسم الكرملين دميتري بيسكوف إن اللقاء تناول استضافة إسطنبول جولة جديدة من المحادثات المباشرة بين موسكو وكييف. وأضاف أن الجانبين ناقشا كذلك ملف تبادل الأسرى وسلامة الملاحة في البحر الأسود."""

# outlet URL prefixes (each resolves to a named outlet of the data file)
OUTLETS = ["https://www.aljazeera.net/news/", "https://www.bbc.com/arabic/articles/", "https://www.france24.com/ar/",
           "https://www.skynewsarabia.com/world/", "https://www.alarabiya.net/arab/", "https://www.aa.com.tr/ar/",
           "https://arabic.rt.com/world/", "https://www.dw.com/ar/"]


def at(hours_before: float) -> str:
    return (NOW - timedelta(hours=hours_before)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _copies(slug: str, text: str, hours: list[float], first_outlet: int = 0) -> list[RawArticle]:
    return [RawArticle(text=text, origin=f"test:{slug}{i}", id=f"{slug}-{i}",
                       url=f"{OUTLETS[(first_outlet + i) % len(OUTLETS)]}{slug}-{i}", published=at(h))
            for i, h in enumerate(hours)]


def items() -> list[RawArticle]:
    """The articles in the order they are stored (each story's first copy first)."""
    out = []
    out += _copies("dam", DAM, [96])
    out += _copies("talks", TALKS, [72, 71, 70, 69], 1)
    out += _copies("expo", EXPO, [48], 2)
    out.append(RawArticle(text=KREMLIN, origin="test:kremlin", id="kremlin", url="javascript:alert(1)",
                          title="<script>alert(1)</script><b>bold</b>", published=at(26)))
    out += _copies("flood", FLOOD, [5, 3.5, 2.5], 3)
    out += _copies("quake", QUAKE, [2, 1.8, 1.5, 1.2, 0.8, 0.5])
    out += _copies("talks-late", TALKS, [1], 5)
    return out
