"""An invented corpus exercising what a partition must carry: files nothing can be read
from, a document with no text left after cleaning, undecodable bytes kept as lone
surrogates, a manifest, articles in several languages, copies, and an article with an
unrelated story pasted into it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests import ROOT
from tests.library.helpers import BRIDGE, FERRY, HARBOUR
from tests.multilingual import write_multilingual_corpus

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
NOISE = "Advertisement\nShare this article\nFollow us on Twitter\n"
DEFENCE = [
    "Japan and NATO agreed to deepen defence industrial cooperation at talks in Brussels.",
    "Officials from both sides discussed drones, munitions and supply chains for defence.",
    "The defence dialogue will meet again next year to review cooperation on capabilities.",
    "Both sides said defence companies would gain from closer cooperation and standards.",
]
BAKERY = [
    "The village bakery festival drew crowds of visitors who queued for sourdough loaves, "
    "cinnamon pastries and a giant pretzel baked in a wood oven behind the town hall.",
    "Judges tasted forty entries for the best rye bread, and the winner, a retired "
    "schoolteacher, said her grandmother's recipe used caraway seeds and honey.",
]
PASTED = "\n\n".join(["Allies deepen defence cooperation", DEFENCE[0], *BAKERY, *DEFENCE[1:]])
"""An article with an unrelated story pasted into it: the off-topic pass removes it."""
MANIFEST = """[articles.harbour]
outlet = "Northport Gazette"
published = "2025-03-04"
"""


def write_mixed_corpus(folder: Path) -> Path:
    """Write the corpus into ``folder`` (created); return it."""
    shutil.copytree(HOSTILE, folder / "hostile")
    write_multilingual_corpus(folder / "languages")
    stories = folder / "stories"
    stories.mkdir()
    for name, text in {"harbour": HARBOUR, "ferry": FERRY, "bridge": BRIDGE}.items():
        (stories / f"{name}.txt").write_text(text, encoding="utf-8")
    (stories / "harbour_copy.txt").write_text(HARBOUR + "\n" + NOISE, encoding="utf-8")
    (stories / "noise.txt").write_text(NOISE, encoding="utf-8")
    (stories / "pasted.txt").write_text(PASTED, encoding="utf-8")
    for n, order in enumerate((DEFENCE, DEFENCE[::-1])):
        text = "\n\n".join([f"Defence talks, report {n + 1}", *order])
        (stories / f"defence{n + 1}.txt").write_text(text, encoding="utf-8")
    (stories / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    return folder
