"""A report whose text tries to break out of every output: HTML, template syntax, a 50,000-character line.

Each hostile string sits inside a sentence that a rule matches, so it reaches the
outputs as evidence (HTML report) or as a quoted planned/deficient sentence (memo).
Sentences that carry two '>' start with more than 20 characters so ingest does not take
them for a breadcrumb trail (``a > b > c``) and drop them.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TEXTAREA = "</textarea>"
MUSTACHE = "{{ 7*7 }}"
BLOCK = "{% for x in y %}"
HOSTILE = (SCRIPT, IMG, TEXTAREA, MUSTACHE, BLOCK)
LONG_LINE_CHARS = 50_000


def long_line() -> str:
    """One line of exactly 50,000 characters (no 。；! to split it), which the segmenter cuts into sentences
    of at most 1,000 at its clause marks; the popularisation rule matches the first."""
    head = "我局深入推进谁执法谁普法责任制，全年开展以案释法活动12场，"
    unit = f"普法宣传<b>粗体</b>{MUSTACHE}，"
    body = head + unit * (LONG_LINE_CHARS // len(unit) + 1)
    return body[: LONG_LINE_CHARS - 1] + "。"


def text() -> str:
    return "\n".join(
        [
            f"某区科学技术局2023年度法治政府建设情况报告{SCRIPT}",
            "一、主要举措和成效",
            "（一）加强组织领导。",
            f"局党组书记认真履行推进法治建设第一责任人职责，全年主持召开专题会议4次{SCRIPT}研究法治政府建设工作。",
            "（二）化解矛盾纠纷。",
            f"全年依法办理行政复议案件2件、行政应诉案件1件{SCRIPT}，均按期办结。",
            f"全年受理信访事项5件{IMG}，均依法办结。",
            f"建立执法全过程记录制度，配备执法记录仪6台{TEXTAREA}，实现全过程可回溯。",
            f"全年开展行政执法公示，在区政府门户网站公示执法信息20条{MUSTACHE}。",
            f"规范性文件均经合法性审核，全年审核规范性文件3件{BLOCK}。",
            long_line(),
            "二、存在的不足和原因",
            f"规范性文件报送备案审查的主动性不高{SCRIPT}，主要是人员力量不足。",
            "三、2024年工作安排",
            f"下一步，将聘请法律顾问{MUSTACHE}，发挥法律顾问作用。",
            f"下一步将编制重大行政决策事项目录{IMG}{TEXTAREA}{BLOCK}并向社会公布。",
            "某区科学技术局",
            "2024年3月10日",
            "",
        ]
    )


def write(directory: Path) -> Path:
    path = Path(directory) / "hostile.txt"
    path.write_text(text(), encoding="utf-8")
    return path
