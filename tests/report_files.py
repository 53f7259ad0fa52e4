"""A small made-up county report, written out as each format government sites publish."""

from __future__ import annotations

from pathlib import Path

PARAGRAPHS = [
    "青禾县人民政府工作报告",
    "——2023年1月12日在青禾县第十八届人民代表大会第二次会议上",
    "县长 林晓明",
    "各位代表：",
    "现在，我代表县人民政府，向大会报告工作，请予审议。",
    "一、2022年工作回顾",
    "过去一年，全县经济稳中有进。全县地区生产总值达到215.6亿元，同比增长6.1%。一般公共预算收入完成18.4亿元，增长4.2%。",
    "城乡面貌持续改善。新建和改造农村公路128公里，完成老旧小区改造36个，新增城市绿地面积42公顷。",
    "民生保障更加有力。城镇新增就业1.2万人，城镇登记失业率控制在3.5%以内。新建幼儿园8所，新增学位2400个。",
    "全面推行河长制，县乡村三级河长巡河1.6万次，主要河流断面水质优良比例达到100%。",
    "二、2023年主要目标任务",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业1万人以上，居民人均可支配收入增长与经济增长基本同步。",
    "名词解释",
    "1.河长制：由各级党政主要负责人担任河长，负责组织领导相应河湖的管理和保护工作的制度。",
    "2.老旧小区：建成年代较早、失养失修失管、市政配套设施不完善的住宅小区。",
]
TEXT = "\n".join(PARAGRAPHS) + "\n"
GDP = "215.6亿元"
ROADS = "128公里"


def write_txt(path: Path, encoding: str = "gb18030") -> Path:
    path.write_bytes(TEXT.encode(encoding))
    return path


def write_html(path: Path) -> Path:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{PARAGRAPHS[0]}</title>"
        f"<style>p {{ margin: 0 }}</style><script>var x = '不是正文';</script></head>"
        f"<body><nav>首页 &gt; 政务公开</nav><div class='article'>{body}</div></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_pdf(path: Path, width: int = 36) -> Path:
    """Each paragraph wrapped at ``width`` characters, as a PDF's lines are."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 11)
    y = 800
    for paragraph in PARAGRAPHS:
        for start in range(0, len(paragraph), width):
            page.drawString(40, y, paragraph[start : start + width])
            y -= 16
            if y < 40:
                page.showPage()
                page.setFont("STSong-Light", 11)
                y = 800
    page.save()
    return path


WRITERS = {"txt": write_txt, "html": write_html, "docx": write_docx, "pdf": write_pdf}
