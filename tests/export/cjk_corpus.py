"""An invented corpus in English, Japanese, Chinese and Korean: Japanese titles long
enough to wrap in a table cell, and outlets whose names are only in Japanese, Chinese or
Korean (none is in the outlet registry). None is a real article."""

from __future__ import annotations

import csv
from pathlib import Path

JA_OUTLETS = ("北海道防衛通信", "東亜安全保障ジャーナル")
"""Outlets named in Japanese only."""
OTHER_OUTLETS = ("东亚防务观察", "동아시아 안보 리뷰")
"""An outlet named in Chinese, one in Korean."""
JA_TITLES = (
    "NATOと日本、ドローン群と衛星通信の共同研究で合意　防衛産業の連携を強化し、"
    "サプライチェーンの見直しも協議へ",
    "日本政府、同盟国と半導体供給網に関する協定に署名　人工知能とサイバー防衛の"
    "研究成果を共有する枠組みを新設",
)
"""Two Japanese titles, each longer than one line of the sources table's title column."""

_ROWS = (
    (
        "NATO and Japan deepen drone cooperation",
        "Defence Weekly Review",
        "2025-03-02",
        "https://dw.example.org/a1",
        "NATO and Japan agreed on Tuesday to deepen cooperation on drone swarms and cyber "
        "defence. Officials in Brussels said the partnership would expand joint exercises."
        "\n\nThe ministry announced a new budget for semiconductor supply chains and "
        "satellite communications.",
    ),
    (
        "Tokyo signs satellite deal with alliance partners",
        "Pacific Affairs Monitor",
        "2025-03-05",
        "https://pam.example.org/b2",
        "Tokyo signed a satellite communications agreement with alliance partners. The envoy "
        "said artificial intelligence research would be shared.\n\nA working group will "
        "report on hypersonic missile tracking in March.",
    ),
    (
        "Seoul watches NATO-Japan talks",
        "Asia Security Letter",
        "2025-03-07",
        "https://asl.example.org/c3",
        "Seoul is watching the NATO-Japan talks closely. Analysts expect cooperation on cyber "
        "defence and semiconductor supply chains.\n\nThe committee questioned the cost of "
        "the programme.",
    ),
    (
        JA_TITLES[0],
        JA_OUTLETS[0],
        "2025-03-03",
        "https://jp1.example.jp/news/1",
        "北大西洋条約機構（NATO）と日本政府は火曜日、ドローンやサイバー防衛の分野で協力を"
        "強化することで合意した。ブリュッセルの当局者は共同訓練を拡大すると述べた。\n\n"
        "防衛省は半導体サプライチェーンと衛星通信の予算を発表した。"
        "「同盟国との連携は不可欠だ」と大臣は語った。",
    ),
    (
        JA_TITLES[1],
        JA_OUTLETS[1],
        "2025-03-06",
        "https://jp2.example.jp/news/2",
        "日本は同盟国と衛星通信に関する協定に署名した。特使は人工知能の研究を共有すると"
        "述べた。\n\n作業部会は三月に極超音速ミサイルの追跡について報告する。"
        "「技術協力は新しい段階に入った」と関係者は話した。",
    ),
    (
        "北约与日本加强无人机合作",
        OTHER_OUTLETS[0],
        "2025-03-04",
        "https://cn.example.cn/news/3",
        "北约和日本周二同意加强在无人机和网络防御领域的合作。布鲁塞尔官员表示，"
        "双方将扩大联合演习。\n\n日本防卫省宣布了半导体供应链和卫星通信的新预算。",
    ),
    (
        "나토와 일본, 드론 협력 강화",
        OTHER_OUTLETS[1],
        "2025-03-08",
        "https://kr.example.kr/news/4",
        "나토와 일본은 화요일 드론과 사이버 방위 분야의 협력을 강화하기로 합의했다. "
        "브뤼셀 당국자는 공동 훈련을 확대할 것이라고 말했다.\n\n일본 방위성은 반도체 "
        "공급망과 위성 통신 예산을 발표했다.",
    ),
)


def write_cjk_corpus(folder: Path) -> Path:
    """The articles as a CSV export in ``folder`` (title, outlet, date, url, text)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "coverage.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["title", "outlet", "date", "url", "text"])
        out.writerows(_ROWS)
    return path
