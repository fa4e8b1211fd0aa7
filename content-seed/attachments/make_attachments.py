#!/usr/bin/env python3
"""Generate the demo attachments (PDF, DOCX, XLSX) for content-seed.

Standard library only. Every timestamp is fixed and zip members are stored
uncompressed, so the output bytes depend on nothing but this file: running it
twice, or on another machine, yields identical files. Run from anywhere:

    python3 make_attachments.py            # writes next to this script
    python3 make_attachments.py OUT_DIR
"""
import hashlib
import os
import sys
import textwrap
import zipfile
from xml.sax.saxutils import escape

ZIP_DATE = (2026, 1, 5, 9, 0, 0)
PDF_DATE = "D:20260105090000+08'00'"
ISO_DATE = "2026-01-05T01:00:00Z"
BUREAU_EN = "Jincheng Municipal Administration for Market Regulation (Jincheng AMR)"
BUREAU_ZH = "锦城市市场监督管理局"
FOOTER_EN = "88 Tianfu Avenue Middle Section, Jincheng | Office 028-6123 4500 | Hotline 12315"


# ---------------------------------------------------------------- zip ------

def write_zip(path, parts):
    """parts: list of (member name, str). The first member must be
    [Content_Types].xml so that `file` recognises the OOXML type."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, text.encode("utf-8"))


XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def core_props(title):
    return (XML_HEAD +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{BUREAU_ZH}</dc:creator>'
            f'<cp:lastModifiedBy>{BUREAU_ZH}</cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{ISO_DATE}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{ISO_DATE}</dcterms:modified>'
            '</cp:coreProperties>')


def root_rels(main_target):
    return (XML_HEAD +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            f'Target="{main_target}"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
            '</Relationships>')


# --------------------------------------------------------------- docx ------
# A form is a list of blocks:
#   ("title", text) ("sub", text) ("p", text) ("note", text) ("sign", text)
#   ("table", rows)  where a row is (height_twips, [cell, ...]) and a cell is
#   (text, span, kind) with kind "label", "value" or "head" (shaded header).
# Tables use one five-column grid so that every form lines up the same way.

GRID = [1700, 2000, 1700, 1900, 1998]  # twips; sums to the A4 text width


def L(text, span=1):
    return (text, span, "label")


def V(text="", span=1):
    return (text, span, "value")


def H(text, span=5):
    return (text, span, "head")


# Font, size (10.5 pt) and paragraph spacing 0 come from docDefaults in
# word/styles.xml, so runs only carry what differs; this keeps files small.
STYLES = (XML_HEAD +
          '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults>'
          '<w:rPrDefault><w:rPr><w:rFonts w:ascii="SimSun" w:eastAsia="SimSun" w:hAnsi="SimSun" w:cs="SimSun"/>'
          '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
          '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
          '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '</w:styles>')


def run(text, bold=False, size=21):
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size != 21 else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text, bold=False, size=21, align=None, after=60):
    props = (f'<w:spacing w:after="{after}"/>' if after else "") + (f'<w:jc w:val="{align}"/>' if align else "")
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{run(text, bold, size) if text else ''}</w:p>"


def cell(text, span, kind, start):
    width = sum(GRID[start:start + span])
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' if kind in ("head", "label") else ""
    tcpr = (f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            + shade + ('<w:vAlign w:val="center"/>' if kind != "value" or text else "") + "</w:tcPr>")
    lines = text.split("\n") if text else [""]
    body = "".join(para(line, bold=kind != "value", size=20, after=0,
                        align="center" if kind == "head" else None) for line in lines)
    return f"<w:tc>{tcpr}{body}</w:tc>"


def table(rows):
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(GRID)}" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders>'
           '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/>'
           '<w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in GRID) + "</w:tblGrid>"]
    for height, cells in rows:
        assert sum(c[1] for c in cells) == len(GRID), cells
        starts = [sum(c[1] for c in cells[:i]) for i in range(len(cells))]
        out.append(f'<w:tr><w:trPr><w:trHeight w:val="{height}"/></w:trPr>'
                   + "".join(cell(*c, start) for c, start in zip(cells, starts)) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def docx(path, title, blocks):
    body = []
    for kind, content in blocks:
        if kind == "title":
            body.append(para(content, bold=True, size=36, align="center", after=120))
        elif kind == "sub":
            body.append(para(content, size=21, align="center", after=160))
        elif kind == "p":
            body.append(para(content, size=21, after=80))
        elif kind == "note":
            body.append(para(content, size=18, after=40))
        elif kind == "sign":
            body.append(para(content, size=21, align="right", after=120))
        elif kind == "table":
            body.append(table(content))
            body.append(para("", after=0))
        else:
            raise ValueError(kind)
    document = (XML_HEAD +
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + "".join(body) +
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="1304" w:right="1304" w:bottom="1304" w:left="1304" w:header="851" w:footer="992" w:gutter="0"/>'
                "</w:sectPr></w:body></w:document>")
    types = (XML_HEAD +
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/styles.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
             "</Types>")
    write_zip(path, [("[Content_Types].xml", types),
                     ("_rels/.rels", root_rels("word/document.xml")),
                     ("word/document.xml", document),
                     ("word/_rels/document.xml.rels", DOC_RELS),
                     ("word/styles.xml", STYLES),
                     ("docProps/core.xml", core_props(title))])


DOC_RELS = (XML_HEAD +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/></Relationships>')


# --------------------------------------------------------------- xlsx ------

def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def xlsx(path, title, sheet_name, widths, rows):
    """rows: lists of values; str -> inline string, int/float -> number,
    ("=FORMULA", cached, style) -> formula with cached value.
    Row 0 is the header (bold, frozen). Style 2 is a percentage."""
    xml_rows = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(values):
            ref = f"{col_name(c)}{r}"
            style = ' s="1"' if r == 1 else ""
            if isinstance(v, tuple):
                formula, cached, s = v
                cells.append(f'<c r="{ref}" s="{s}"><f>{escape(formula[1:])}</f><v>{cached}</v></c>')
            elif isinstance(v, float) and 0 <= v <= 1 and r > 1:
                cells.append(f'<c r="{ref}" s="2"><v>{v}</v></c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"{style}><v>{v}</v></c>')
            elif v is None or v == "":
                continue
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"{style}><is><t>{escape(v)}</t></is></c>')
        xml_rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    last = f"{col_name(max(len(r) for r in rows) - 1)}{len(rows)}"
    sheet = (XML_HEAD +
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             f'<dimension ref="A1:{last}"/>'
             '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
             "</sheetView></sheetViews>"
             '<sheetFormatPr defaultRowHeight="15"/><cols>'
             + "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1))
             + "</cols><sheetData>" + "".join(xml_rows) + "</sheetData>"
             '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    workbook = (XML_HEAD +
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets>'
                '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>')
    wb_rels = (XML_HEAD +
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
               'Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
               'Target="styles.xml"/></Relationships>')
    styles = (XML_HEAD +
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font>'
              '<font><b/><sz val="11"/><name val="宋体"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
              '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              "</styleSheet>")
    types = (XML_HEAD +
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             '<Override PartName="/xl/styles.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
             "</Types>")
    write_zip(path, [("[Content_Types].xml", types),
                     ("_rels/.rels", root_rels("xl/workbook.xml")),
                     ("xl/workbook.xml", workbook),
                     ("xl/_rels/workbook.xml.rels", wb_rels),
                     ("xl/worksheets/sheet1.xml", sheet),
                     ("xl/styles.xml", styles),
                     ("docProps/core.xml", core_props(title))])


# ---------------------------------------------------------------- pdf ------
# Hand-written PDF 1.4: catalog, page tree, two standard fonts, one content
# stream per page, an info dictionary and a classic xref table.

def pdf_str(text):
    assert all(32 <= ord(ch) < 127 for ch in text), text
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def page_stream(title, subtitle, lines, page_no, page_count, watermark):
    ops = []
    if watermark:
        ops.append("q 0.88 g BT /F2 96 Tf 0.7071 0.7071 -0.7071 0.7071 170 260 Tm "
                   f"{pdf_str(watermark)} Tj ET Q")
    ops.append(f"BT /F1 8 Tf 56 806 Td {pdf_str(BUREAU_EN)} Tj ET")
    ops.append("0.5 w 56 798 m 539 798 l S")
    y = 770
    if page_no == 1:
        ops.append(f"BT /F2 15 Tf 56 {y} Td {pdf_str(title)} Tj ET")
        y -= 20
        if subtitle:
            ops.append(f"BT /F1 10 Tf 56 {y} Td {pdf_str(subtitle)} Tj ET")
            y -= 26
    else:
        ops.append(f"BT /F2 11 Tf 56 {y} Td {pdf_str(title + ' (continued)')} Tj ET")
        y -= 26
    ops.append(f"BT 14 TL 56 {y} Td")
    font = None
    for line in lines:
        bold = line.startswith("## ")
        text = line[3:] if bold else line
        want = "/F2 11 Tf" if bold else "/F1 10 Tf"
        if want != font:
            ops.append(want)
            font = want
        ops.append(f"{pdf_str(text)} Tj T*")
    ops.append("ET")
    ops.append("0.5 w 56 60 m 539 60 l S")
    ops.append(f"BT /F1 8 Tf 56 48 Td {pdf_str(FOOTER_EN)} Tj ET")
    ops.append(f"BT /F1 8 Tf 500 48 Td {pdf_str(f'Page {page_no} of {page_count}')} Tj ET")
    return "\n".join(ops).encode("ascii")


LINES_PER_PAGE = 46


def paginate(paragraphs):
    """paragraphs: strings; '## ' marks a heading, '' a blank line.
    Long body lines are wrapped to the text width of Helvetica 10."""
    lines = []
    for p in paragraphs:
        if p.startswith("## ") or not p:
            lines.append(p)
        else:
            indent = "   " if p.startswith("- ") else ""
            lines.extend(textwrap.wrap(p, width=92, subsequent_indent=indent) or [""])
    return [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]


def pdf(path, title, subtitle, paragraphs, watermark=None):
    pages = paginate(paragraphs)
    n = len(pages)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        5: ("<< /Title " + pdf_str(title) + " /Author " + pdf_str("Jincheng AMR") +
            " /Creator " + pdf_str("content-seed/attachments/make_attachments.py") +
            " /Producer " + pdf_str("Portal demo content") +
            f" /CreationDate ({PDF_DATE}) /ModDate ({PDF_DATE}) >>").encode("ascii"),
    }
    kids = []
    for i, lines in enumerate(pages):
        page_id, content_id = 6 + 2 * i, 7 + 2 * i
        kids.append(f"{page_id} 0 R")
        stream = page_stream(title, subtitle, lines, i + 1, n, watermark)
        objects[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_id} 0 R >>"
                            ).encode("ascii")
        objects[content_id] = (f"<< /Length {len(stream)} >>\nstream\n".encode("ascii")
                               + stream + b"\nendstream")
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {n} >>".encode("ascii")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode("ascii") + objects[num] + b"\nendobj\n"
    xref_at = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n".encode("ascii")
    out += b"0000000000 65535 f \n"
    for num in range(1, size):
        out += f"{offsets[num]:010d} 00000 n \n".encode("ascii")
    file_id = hashlib.md5(title.encode("utf-8")).hexdigest().upper()
    out += (f"trailer\n<< /Size {size} /Root 1 0 R /Info 5 0 R /ID [<{file_id}> <{file_id}>] >>\n"
            f"startxref\n{xref_at}\n%%EOF\n").encode("ascii")
    with open(path, "wb") as f:
        f.write(out)


def sample_pdf(path, form_title, pinyin, blank_file, fields, tips, contact):
    paragraphs = [
        f"This is a filled-in example of the blank form {blank_file}. All names, numbers and"
        " addresses below are fictional and only show which information goes where.",
        "",
        "## Filled-in fields",
    ]
    paragraphs += [f"- {k}: {v}" for k, v in fields]
    paragraphs += ["", "## Tips for completing the form"]
    paragraphs += [f"- {t}" for t in tips]
    paragraphs += ["", f"Questions: {contact}. Service hall hours: weekdays 9:00-12:00 and 13:30-17:30."]
    pdf(path, f"SAMPLE - {form_title}", pinyin, paragraphs, watermark="SAMPLE")


# -------------------------------------------------------------- content ----

DECLARATION = "申请人声明：本申请人对所提交材料和所填写内容的真实性、合法性、有效性负责，如有不实，愿意承担相应的法律责任。"


def forms():
    """Blank DOCX forms: file name -> (title, blocks)."""
    f = {}

    f["application-form.docx"] = ("政府信息公开申请表", [
        ("title", "政府信息公开申请表"),
        ("sub", f"受理机关：{BUREAU_ZH}　　编号（受理机关填写）：________"),
        ("table", [
            (400, [H("申请人信息（公民）")]),
            (480, [L("姓　　名"), V(), L("证件类型"), V(span=2)]),
            (480, [L("证件号码"), V(), L("联系电话"), V(span=2)]),
            (480, [L("通信地址"), V(span=4)]),
            (480, [L("邮政编码"), V(), L("电子邮箱"), V(span=2)]),
            (400, [H("申请人信息（法人或者其他组织）")]),
            (480, [L("名　　称"), V(span=4)]),
            (480, [L("统一社会信用代码"), V(), L("法定代表人"), V(span=2)]),
            (480, [L("联系人姓名"), V(), L("联系电话"), V(span=2)]),
            (400, [H("所需政府信息情况")]),
            (1800, [L("所需信息的名称、文号或者便于查询的其他特征性描述"), V(span=4)]),
            (480, [L("获取信息方式"), V("□邮寄　□电子邮件　□当面领取　□在线查阅", span=4)]),
            (480, [L("信息载体形式"), V("□纸质　□电子文档　□其他：________", span=4)]),
            (600, [L("申请人签名\n（盖章）"), V(), L("申请日期"), V("　　年　　月　　日", span=2)]),
        ]),
        ("note", "填写说明："),
        ("note", "1. 申请人为公民的填写“公民”栏，为法人或者其他组织的填写“法人或者其他组织”栏，并提供身份证明复印件。"),
        ("note", "2. 请尽量写明所需信息的标题、文号或形成时间，便于本局准确检索。"),
        ("note", "3. 本局自收到申请之日起20个工作日内予以答复；需要延长答复期限的，将书面告知申请人，延长期限最长不超过20个工作日。"),
        ("note", "4. 递交方式：当面递交至锦城市天府大道中段 88 号本局一楼信息公开受理点，或邮寄、通过本局网站在线提交。咨询电话：028-6123 4500。"),
    ])

    f["complaint-form.docx"] = ("消费者投诉登记表", [
        ("title", "消费者投诉登记表"),
        ("sub", "锦城市市场监督管理局 12315 投诉举报中心"),
        ("table", [
            (400, [H("投诉人信息")]),
            (480, [L("姓　　名"), V(), L("联系电话"), V(span=2)]),
            (480, [L("证件号码"), V(), L("性　　别"), V("□男　□女", span=2)]),
            (480, [L("联系地址"), V(span=4)]),
            (400, [H("被投诉人信息")]),
            (480, [L("名　　称"), V(span=4)]),
            (480, [L("地　　址"), V(span=4)]),
            (480, [L("联系电话"), V(), L("统一社会信用代码"), V(span=2)]),
            (400, [H("消费信息")]),
            (480, [L("消费时间"), V(), L("涉及金额（元）"), V(span=2)]),
            (480, [L("商品或服务名称"), V(span=4)]),
            (480, [L("购买渠道"), V("□实体门店　□网络平台　□电视电话购物　□上门推销　□其他", span=4)]),
            (2000, [L("投诉事由\n（时间、经过、问题）"), V(span=4)]),
            (700, [L("投诉请求"), V("□退货　□换货　□修理　□退款　□赔偿损失　□其他：________", span=4)]),
            (700, [L("证据材料"), V("□购物凭证　□发票　□合同　□照片视频　□聊天记录　□其他：________", span=4)]),
            (480, [L("是否同意调解"), V("□同意　□不同意", span=4)]),
            (600, [L("投诉人签名"), V(), L("日　　期"), V("　　年　　月　　日", span=2)]),
        ]),
        ("note", "声明：本人保证所填内容真实，并同意市场监管部门将投诉内容及联系方式提供给被投诉人用于协商和解。"),
        ("note", "说明：市场监管部门自收到投诉之日起7个工作日内作出受理或者不予受理的决定并告知投诉人。"),
        ("note", "也可拨打 12315 热线或登录全国 12315 平台在线投诉；窗口地址：锦城市天府大道中段 88 号一楼。"),
    ])

    f["company-registration-application.docx"] = ("公司登记（备案）申请书", [
        ("title", "公司登记（备案）申请书"),
        ("sub", "□设立登记　　适用于有限责任公司"),
        ("table", [
            (480, [L("名　　称"), V(span=2), L("名称申报编号"), V()]),
            (480, [L("住　　所"), V(span=4)]),
            (480, [L("联系电话"), V(), L("邮政编码"), V(span=2)]),
            (480, [L("法定代表人"), V(), L("担任职务"), V("□董事长　□执行董事/董事　□经理", span=2)]),
            (480, [L("注册资本"), V("　　　　万元", span=1), L("营业期限"), V("□长期　□____年", span=2)]),
            (480, [L("公司类型"), V("□有限责任公司（自然人独资）　□有限责任公司（自然人投资或控股）　□其他有限责任公司", span=4)]),
            (1400, [L("经营范围"), V(span=4)]),
            (400, [H("股东出资情况")]),
            (480, [L("股东名称或姓名"), L("证件类型及号码"), L("认缴出资额（万元）"), L("出资方式"), L("出资期限")]),
            (480, [V(), V(), V(), V(), V()]),
            (480, [V(), V(), V(), V(), V()]),
            (480, [V(), V(), V(), V(), V()]),
            (400, [H("董事、监事、经理信息")]),
            (480, [L("姓　　名"), L("职　　务"), L("证件号码", span=2), L("产生方式")]),
            (480, [V(), V(), V(span=2), V()]),
            (480, [V(), V(), V(span=2), V()]),
            (480, [L("联络员"), V(), L("财务负责人"), V(span=2)]),
            (480, [L("受益所有人"), V("□已填写受益所有人信息备案表　□符合条件，承诺免报", span=4)]),
        ]),
        ("p", DECLARATION),
        ("sign", "法定代表人签字：____________　　　　年　　月　　日"),
        ("note", "注：本表一式一份，使用黑色钢笔或签字笔填写；网上申请的无需打印，以电子签名完成签署。"),
    ])

    f["address-declaration-commitment.docx"] = ("住所（经营场所）申报承诺书", [
        ("title", "住所（经营场所）申报承诺书"),
        ("table", [
            (480, [L("市场主体名称"), V(span=4)]),
            (480, [L("住所（经营场所）"), V(span=4)]),
            (480, [L("房屋所有权人"), V(), L("使用方式"), V("□自有　□租赁　□无偿使用", span=2)]),
            (700, [L("房屋规划用途"), V("□商业　□办公　□工业　□住宅（已取得有利害关系业主同意）　□其他：________", span=4)]),
        ]),
        ("p", "本人（本单位）就上述住所（经营场所）郑重承诺："),
        ("p", "一、该场所真实存在，本人（本单位）已依法取得使用权，能够通过该场所与本市场主体取得联系；"),
        ("p", "二、该场所不属于违法建筑、危险建筑或者已被列入征收拆迁范围的房屋，使用该场所经营不违反法律法规和管理规约；"),
        ("p", "三、经营活动涉及消防、环保、卫生等许可或者备案的，将在开展相关经营前依法办理；"),
        ("p", "四、如承诺内容不实，本人（本单位）愿意承担由此产生的法律责任，并接受将相关情况记入信用记录。"),
        ("sign", "承诺人（签字或盖章）：____________　　　　年　　月　　日"),
    ])

    f["individual-business-application.docx"] = ("个体工商户登记（备案）申请书", [
        ("title", "个体工商户登记（备案）申请书"),
        ("sub", "□设立登记"),
        ("table", [
            (480, [L("名　　称"), V("（不使用名称的可不填）", span=4)]),
            (480, [L("经营者姓名"), V(), L("性　　别"), V("□男　□女", span=2)]),
            (480, [L("身份证号码"), V(), L("联系电话"), V(span=2)]),
            (480, [L("组成形式"), V("□个人经营　□家庭经营", span=4)]),
            (800, [L("参加经营的\n家庭成员"), V("姓名：________　身份证号码：____________________", span=4)]),
            (480, [L("经营场所"), V(span=4)]),
            (480, [L("网络经营场所"), V("网店名称：________　网址：____________", span=4)]),
            (1400, [L("经营范围"), V(span=4)]),
            (480, [L("从业人数"), V(), L("资金数额（万元）"), V(span=2)]),
        ]),
        ("p", DECLARATION),
        ("sign", "经营者签字：____________　　　　年　　月　　日"),
        ("note", "注：家庭经营的，参加经营的家庭成员均应签字。"),
    ])

    f["name-declaration-form.docx"] = ("企业名称申报表", [
        ("title", "企业名称申报表"),
        ("sub", "（窗口办理用；网上申报无需填写本表）"),
        ("table", [
            (480, [L("拟申报名称"), V(span=4)]),
            (480, [L("备选名称一"), V(span=4)]),
            (480, [L("备选名称二"), V(span=4)]),
            (480, [L("行政区划"), V(), L("字　　号"), V(span=2)]),
            (480, [L("行业表述"), V(), L("组织形式"), V(span=2)]),
            (480, [L("住所所在区县"), V(), L("注册资本（万元）"), V(span=2)]),
            (1000, [L("主营业务"), V(span=4)]),
            (400, [H("投资人")]),
            (480, [L("名称或姓名"), L("证件类型"), L("证件号码", span=2), L("与同字号企业的投资关系")]),
            (480, [V(), V(), V(span=2), V()]),
            (480, [V(), V(), V(span=2), V()]),
        ]),
        ("p", "申请人承诺：已对拟申报名称进行查询比对，名称不含禁止性内容；如因名称与他人名称近似侵犯他人合法权益，愿意依法承担法律责任。"),
        ("sign", "投资人（或受托人）签字：____________　　　　年　　月　　日"),
    ])

    f["annual-report-worksheet.docx"] = ("企业年度报告填报草稿表", [
        ("title", "企业年度报告填报草稿表"),
        ("sub", "（______年度）本表仅供企业整理数据使用，正式年报须在国家企业信用信息公示系统在线填报"),
        ("table", [
            (400, [H("基本信息")]),
            (480, [L("企业名称"), V(span=2), L("统一社会信用代码"), V()]),
            (480, [L("通信地址"), V(span=2), L("邮政编码"), V()]),
            (480, [L("联系电话"), V(), L("电子邮箱"), V(span=2)]),
            (480, [L("经营状态"), V("□开业　□歇业　□清算", span=2), L("从业人数"), V()]),
            (480, [L("网站或网店"), V("□有　□无　名称：________　网址：____________", span=4)]),
            (480, [L("对外投资"), V("□有　□无　被投资企业名称：____________", span=4)]),
            (400, [H("股东及出资信息")]),
            (480, [L("股　　东"), L("认缴出资额（万元）"), L("认缴出资日期"), L("实缴出资额（万元）"), L("实缴出资日期")]),
            (480, [V(), V(), V(), V(), V()]),
            (480, [V(), V(), V(), V(), V()]),
            (400, [H("资产状况信息（万元）")]),
            (480, [L("资产总额"), V(), L("所有者权益合计"), V(span=2)]),
            (480, [L("负债总额"), V(), L("营业总收入"), V(span=2)]),
            (480, [L("主营业务收入"), V(), L("利润总额"), V(span=2)]),
            (480, [L("净利润"), V(), L("纳税总额"), V(span=2)]),
            (480, [L("是否公示"), V("□公示　□不公示（资产状况信息可自主选择）", span=4)]),
            (400, [H("社保信息")]),
            (480, [L("养老保险参保人数"), V(), L("失业保险参保人数"), V(span=2)]),
            (480, [L("医疗保险参保人数"), V(), L("工伤保险参保人数"), V(span=2)]),
        ]),
        ("note", "提示：年报报送时间为每年1月1日至6月30日，不收取任何费用。咨询电话：028-6123 4514。"),
    ])

    f["abnormal-list-removal-application.docx"] = ("移出经营异常名录申请书", [
        ("title", "移出经营异常名录申请书"),
        ("table", [
            (480, [L("企业名称"), V(span=2), L("统一社会信用代码"), V()]),
            (1000, [L("列入事由"), V("□未按规定期限公示年度报告\n□未在责令期限内公示有关企业信息\n"
                                  "□公示信息隐瞒真实情况、弄虚作假\n□通过登记的住所或者经营场所无法联系", span=4)]),
            (480, [L("列入日期"), V(), L("作出列入决定机关"), V(span=2)]),
            (1600, [L("已履行义务\n情况说明"), V(span=4)]),
            (480, [L("联系人"), V(), L("联系电话"), V(span=2)]),
        ]),
        ("p", "本企业已依法履行上述义务，现申请移出经营异常名录，并对所提交材料和说明的真实性负责。"),
        ("sign", "法定代表人签字：____________　　企业（盖章）　　　　年　　月　　日"),
    ])

    f["food-business-licence-application.docx"] = ("食品经营许可申请书", [
        ("title", "食品经营许可申请书"),
        ("sub", "□新办　□变更　□延续"),
        ("table", [
            (480, [L("申请人名称"), V(span=2), L("统一社会信用代码"), V()]),
            (480, [L("法定代表人\n（负责人）"), V(), L("联系电话"), V(span=2)]),
            (480, [L("住　　所"), V(span=4)]),
            (480, [L("经营场所"), V(span=4)]),
            (700, [L("主体业态"), V("□食品销售经营者　□餐饮服务经营者　□单位食堂（□学校　□托幼机构　□养老机构　□其他）", span=4)]),
            (1200, [L("经营项目"), V("□散装食品销售　□特殊食品销售　□热食类食品制售　□冷食类食品制售\n"
                                  "□生食类食品制售　□半成品制售　□自制饮品制售　□其他：________", span=4)]),
            (480, [L("经营场所面积（㎡）"), V(), L("就餐座位数"), V(span=2)]),
            (480, [L("食品安全管理人员"), V(), L("身份证号码"), V(span=2)]),
            (480, [L("网络经营"), V("□无　□有　网站或平台名称：____________", span=4)]),
            (480, [L("自动售货设备"), V("□无　□有　台数：____　放置地点：____________", span=4)]),
        ]),
        ("p", DECLARATION),
        ("sign", "法定代表人（负责人）签字：____________　　（盖章）　　　　年　　月　　日"),
        ("note", "注：仅销售预包装食品的无需申请许可，请办理备案。"),
    ])

    f["change-registration-application.docx"] = ("公司变更登记（备案）申请书", [
        ("title", "公司变更登记（备案）申请书"),
        ("table", [
            (480, [L("公司名称"), V(span=2), L("统一社会信用代码"), V()]),
            (400, [H("变更登记事项")]),
            (480, [L("变更项目"), L("原登记内容", span=2), L("申请变更内容", span=2)]),
            (700, [L("住　　所"), V(span=2), V(span=2)]),
            (700, [L("法定代表人"), V(span=2), V(span=2)]),
            (700, [L("其　　他"), V(span=2), V(span=2)]),
            (480, [L("备案事项"), V("□章程修正案　□董事　□监事　□经理　□联络员　□受益所有人信息", span=4)]),
            (480, [L("执照领取方式"), V("□窗口领取　□免费寄递　□仅需电子营业执照", span=4)]),
        ]),
        ("p", DECLARATION),
        ("sign", "法定代表人签字：____________　　　　年　　月　　日"),
        ("note", "注：变更法定代表人的，由变更后的法定代表人签字。"),
    ])

    f["simplified-deregistration-commitment.docx"] = ("简易注销全体投资人承诺书", [
        ("title", "简易注销全体投资人承诺书"),
        ("table", [
            (480, [L("企业名称"), V(span=2), L("统一社会信用代码"), V()]),
            (480, [L("登记机关"), V(span=4)]),
        ]),
        ("p", "本企业全体投资人郑重承诺："),
        ("p", "一、本企业申请注销登记前未发生债权债务，或者已将债权债务清偿完结；"),
        ("p", "二、本企业未发生或者已结清清偿费用、职工工资、社会保险费用、法定补偿金以及应缴纳的税款（滞纳金、罚款）；"),
        ("p", "三、本企业不存在不适用简易注销程序的情形，所持许可证件已依法注销或缴回；"),
        ("p", "四、如违反上述承诺，全体投资人愿意对注销登记前的债务承担连带责任，并接受相应的法律后果。"),
        ("table", [
            (480, [L("投资人名称或姓名"), L("证件号码", span=2), L("签字（盖章）"), L("日　　期")]),
            (560, [V(), V(span=2), V(), V()]),
            (560, [V(), V(span=2), V(), V()]),
            (560, [V(), V(span=2), V(), V()]),
        ]),
        ("note", "注：本承诺书须在国家企业信用信息公示系统公示20日；公示期满无异议的，于其后20日内申请注销登记。"),
    ])

    f["deregistration-application.docx"] = ("注销登记申请书", [
        ("title", "注销登记申请书"),
        ("table", [
            (480, [L("企业名称"), V(span=2), L("统一社会信用代码"), V()]),
            (700, [L("注销原因"), V("□股东会决议解散　□章程规定的解散事由出现　□依法被吊销营业执照　□其他：________", span=4)]),
            (480, [L("注销程序"), V("□简易注销　□普通注销", span=4)]),
            (480, [L("公示（公告）期间"), V("　　年　月　日至　　年　月　日", span=2), L("异议情况"), V("□无异议")]),
            (480, [L("清税情况"), V("□已清税　□未办理过涉税事宜", span=4)]),
            (480, [L("执照缴回"), V("□正本____份　副本____份　□已公告作废", span=4)]),
            (480, [L("联系人"), V(), L("联系电话"), V(span=2)]),
        ]),
        ("p", DECLARATION),
        ("sign", "法定代表人（清算组负责人）签字：____________　　　　年　　月　　日"),
    ])

    f["special-equipment-registration-form.docx"] = ("特种设备使用登记表", [
        ("title", "特种设备使用登记表"),
        ("sub", "登记类别：□新设备首次启用　□停用后启用　□使用单位变更　□移装"),
        ("table", [
            (400, [H("设备基本情况")]),
            (480, [L("设备类别"), V(), L("设备品种"), V(span=2)]),
            (480, [L("产品名称"), V(), L("设备代码"), V(span=2)]),
            (480, [L("型号（规格）"), V(), L("产品编号"), V(span=2)]),
            (480, [L("设计使用年限"), V(), L("制造日期"), V(span=2)]),
            (480, [L("制造单位"), V(span=4)]),
            (480, [L("安装单位"), V(), L("监督检验机构"), V(span=2)]),
            (480, [L("检验报告编号"), V(), L("下次检验日期"), V(span=2)]),
            (400, [H("使用情况")]),
            (480, [L("使用单位名称"), V(span=4)]),
            (480, [L("统一社会信用代码"), V(), L("使用单位地址"), V(span=2)]),
            (480, [L("设备使用地点"), V(span=4)]),
            (480, [L("安全管理员"), V(), L("联系电话"), V(span=2)]),
            (480, [L("维护保养单位"), V(), L("单位内编号"), V(span=2)]),
            (400, [H("登记机关填写")]),
            (480, [L("使用登记证编号"), V(), L("登记人员"), V(span=2)]),
            (480, [L("登记机关（章）"), V(), L("登记日期"), V("　　年　　月　　日", span=2)]),
        ]),
        ("p", "使用单位声明：本单位对所填内容的真实性负责，将按照安全技术规范的要求使用和管理该设备，并在设备显著位置张贴使用登记标志。"),
        ("sign", "使用单位安全管理负责人签字：____________　　（公章）　　　　年　　月　　日"),
        ("note", "注：本表一式两份，按台（套）填写；登记机关和使用单位各存一份。"),
    ])
    return f


def samples():
    """Filled-in sample PDFs: file name -> arguments of sample_pdf."""
    reg = "Registration Division, 028-6123 4511"
    s = {}
    s["company-registration-application-sample.pdf"] = (
        "Company Registration (Filing) Application",
        "Gongsi dengji (beian) shenqingshu - limited liability company, establishment",
        "company-registration-application.docx",
        [("Name", "Jincheng Shi Jinxiu Shuzi Keji Youxian Gongsi (Jinxiu Digital Technology Co., Ltd.)"),
         ("Name declaration no.", "JCMC-2026-000318 (reserved for 2 months)"),
         ("Domicile", "Room 1208, Unit 2, Building 3, No. 166 Tianfu Avenue Middle Section, Jincheng"),
         ("Telephone / postcode", "028-6123 0000 / 610000"),
         ("Legal representative", "Li Mingyuan, executive director"),
         ("Registered capital", "RMB 1,000,000 subscribed; business term: long-term"),
         ("Company type", "limited liability company (invested or controlled by natural persons)"),
         ("Business scope", "software development; information technology consulting; data processing and storage"
                            " support services (general items, no pre-approval required)"),
         ("Shareholder 1", "Li Mingyuan, resident ID 5101**********0011, RMB 600,000, cash, by 2030-12-31"),
         ("Shareholder 2", "Zhou Xiaoqing, resident ID 5101**********0022, RMB 400,000, cash, by 2030-12-31"),
         ("Officers", "Li Mingyuan - executive director (elected by shareholders); Zhou Xiaoqing - supervisor;"
                      " Chen Hao - manager (appointed by the director)"),
         ("Liaison / finance officer", "Wang Lin / Zhao Min"),
         ("Beneficial owners", "exemption commitment ticked (capital under RMB 10 million, natural-person shareholders)"),
         ("Signature", "Li Mingyuan, signed on the date of submission")],
        ["Use the exact reserved name; the name on the form must match the name declaration record.",
         "Subscribed capital must be paid in full within five years of incorporation.",
         "Write the business scope with the standard wording offered by the online platform."],
        reg)
    s["address-declaration-commitment-sample.pdf"] = (
        "Domicile (Business Premises) Declaration and Commitment",
        "Zhusuo (jingying changsuo) shenbao chengnuoshu",
        "address-declaration-commitment.docx",
        [("Market entity", "Jincheng Shi Jinxiu Shuzi Keji Youxian Gongsi"),
         ("Premises", "Room 1208, Unit 2, Building 3, No. 166 Tianfu Avenue Middle Section, Jincheng"),
         ("Owner of the premises", "Jincheng Tianfu Zhiye Youxian Gongsi"),
         ("Use", "leased (lease term 2026-01-01 to 2028-12-31)"),
         ("Planned use of the building", "office"),
         ("Commitments", "items 1 to 4 read and accepted"),
         ("Signature", "Li Mingyuan for the company, with company seal")],
        ["Residential flats may only be used after the neighbours concerned have agreed.",
         "A false commitment is recorded in the credit file of the entity and of the signatory."],
        reg)
    s["individual-business-application-sample.pdf"] = (
        "Individual Business Registration (Filing) Application",
        "Geti gongshanghu dengji (beian) shenqingshu - establishment",
        "individual-business-application.docx",
        [("Name", "Jincheng Shi Wuhou Qu Laozhang Miandian (Lao Zhang Noodle Shop)"),
         ("Operator", "Zhang Jianguo, male, resident ID 5101**********0033, tel. 138 0000 0000"),
         ("Form of operation", "family operation"),
         ("Family member", "Liu Fang (spouse), resident ID 5101**********0044"),
         ("Business premises", "Shop 5, No. 21 Jinli Road, Wuhou District, Jincheng"),
         ("Online premises", "none"),
         ("Business scope", "catering services (food business licence to be obtained before opening)"),
         ("Employees / capital", "4 persons / RMB 80,000"),
         ("Signatures", "Zhang Jianguo and Liu Fang")],
        ["The name is optional; leave it blank if no trade name is wanted.",
         "Catering needs a food business licence after the business licence is issued."],
        "Registration Division, 028-6123 4512")
    s["name-declaration-form-sample.pdf"] = (
        "Enterprise Name Declaration Form",
        "Qiye mingcheng shenbaobiao - counter version",
        "name-declaration-form.docx",
        [("Proposed name", "Jincheng Shi Jinxiu Shuzi Keji Youxian Gongsi"),
         ("Alternative 1", "Jincheng Shi Jinhua Shuzi Keji Youxian Gongsi"),
         ("Alternative 2", "Jincheng Shi Jinyun Shuzi Keji Youxian Gongsi"),
         ("Structure", "region: Jincheng Shi / trade name: Jinxiu / industry: Shuzi Keji /"
                       " form: Youxian Gongsi"),
         ("District / capital", "Wuhou District / RMB 1,000,000"),
         ("Main business", "software development and information technology services"),
         ("Investors", "Li Mingyuan and Zhou Xiaoqing; no investment relation with other Jinxiu companies"),
         ("Signature", "Li Mingyuan")],
        ["The trade name needs at least two Chinese characters; letters and digits are not allowed.",
         "The reserved name stays valid for two months."],
        "Registration Division, 028-6123 4513")
    s["annual-report-worksheet-sample.pdf"] = (
        "Enterprise Annual Report Worksheet (year 2025)",
        "Qiye niandu baogao tianbao caogaobiao - draft for online filing",
        "annual-report-worksheet.docx",
        [("Enterprise", "Jincheng Shi Jinxiu Shuzi Keji Youxian Gongsi, USCC 91510100MA6X000000"),
         ("Address / postcode", "No. 166 Tianfu Avenue Middle Section, Jincheng / 610000"),
         ("Status / employees", "in business / 12 persons"),
         ("Website", "www.jinxiu-demo.example"),
         ("Outward investment", "none"),
         ("Shareholder Li Mingyuan", "subscribed 60 (10k RMB) by 2030-12-31; paid 20 on 2025-03-10"),
         ("Shareholder Zhou Xiaoqing", "subscribed 40 by 2030-12-31; paid 10 on 2025-03-10"),
         ("Assets / liabilities", "RMB 10k: total assets 186.5; total liabilities 72.3; equity 114.2"),
         ("Revenue / profit", "total revenue 265.0; main business 258.4; profit 18.6; net profit 16.1"),
         ("Tax paid", "9.7"),
         ("Disclose asset data", "not disclosed (optional items)"),
         ("Social insurance", "pension 12, unemployment 12, medical 12, work injury 12")],
        ["File between 1 January and 30 June; filing is free of charge.",
         "Corrections made before 30 June are published together with the original data."],
        "Credit Supervision Division, 028-6123 4514")
    s["abnormal-list-removal-application-sample.pdf"] = (
        "Application for Removal from the List of Abnormal Operations",
        "Yichu jingying yichang minglu shenqingshu",
        "abnormal-list-removal-application.docx",
        [("Enterprise", "Jincheng Shi Qingcheng Maoyi Youxian Gongsi, USCC 91510100MA6Y000000"),
         ("Reason for listing", "annual report for 2024 not filed by 30 June 2025"),
         ("Date listed / authority", "2025-07-14 / Jincheng AMR"),
         ("Obligation fulfilled", "2024 annual report filed and published via the national system on the"
                                  " day of this application"),
         ("Contact", "Sun Lei, 139 0000 0000"),
         ("Signature", "He Ping, legal representative, with company seal")],
        ["File every missing annual report before applying.",
         "The bureau promises a decision within 1 working day (statutory limit: 5 working days)."],
        "Credit Supervision Division, 028-6123 4514")
    s["food-business-licence-application-sample.pdf"] = (
        "Food Business Licence Application (catering example)",
        "Shipin jingying xuke shenqingshu - new licence, canyin fuwu",
        "food-business-licence-application.docx",
        [("Applicant", "Jincheng Shi Wuhou Qu Laozhang Miandian, USCC 92510100MA6Z000000"),
         ("Person in charge", "Zhang Jianguo, tel. 138 0000 0000"),
         ("Premises", "Shop 5, No. 21 Jinli Road, Wuhou District, Jincheng (same as business licence)"),
         ("Type of operator", "catering service operator"),
         ("Business items", "hot food preparation and sale; cold food preparation and sale"),
         ("Floor area / seats", "68 square metres / 32 seats"),
         ("Food safety manager", "Liu Fang, trained and assessed on 2026-01-08"),
         ("Online sales", "yes, via a food delivery platform"),
         ("Vending machines", "none"),
         ("Signature", "Zhang Jianguo")],
        ["Attach the floor plan with the kitchen, storage, washing and dining areas marked.",
         "Staff handling ready-to-eat food need a valid health certificate before starting work."],
        "Food Business Safety Division, 028-6123 4515")
    s["change-registration-application-sample.pdf"] = (
        "Company Change Registration (Filing) Application",
        "Gongsi biangeng dengji (beian) shenqingshu - domicile and legal representative",
        "change-registration-application.docx",
        [("Company", "Jincheng Shi Jinxiu Shuzi Keji Youxian Gongsi, USCC 91510100MA6X000000"),
         ("Domicile before", "Room 1208, Building 3, No. 166 Tianfu Avenue Middle Section, Jincheng"),
         ("Domicile after", "Floor 6, No. 9 Jiaozi Avenue, Gaoxin District, Jincheng"),
         ("Legal representative before", "Li Mingyuan (executive director)"),
         ("Legal representative after", "Chen Hao (manager), appointed by shareholders' resolution of 2026-01-06"),
         ("Filing items", "amendment to the articles of association"),
         ("Licence collection", "free postal delivery"),
         ("Signature", "Chen Hao (the new legal representative)")],
        ["Apply within 30 days of the resolution.",
         "The new legal representative signs the form; the former one does not need to sign."],
        "Registration Division, 028-6123 4516")
    s["simplified-deregistration-commitment-sample.pdf"] = (
        "Simplified Deregistration - Commitment of All Investors",
        "Jianyi zhuxiao quanti touziren chengnuoshu",
        "simplified-deregistration-commitment.docx",
        [("Enterprise", "Jincheng Shi Mingyue Wenhua Chuanbo Youxian Gongsi, USCC 91510100MA6W000000"),
         ("Registration authority", "Jincheng AMR"),
         ("Commitments", "items 1 to 4 read and accepted"),
         ("Investor 1", "Wu Tao, resident ID 5101**********0055, signed 2026-01-05"),
         ("Investor 2", "Jincheng Shi Mingyue Touzi Youxian Gongsi, USCC 91510100MA6V000000, seal 2026-01-05")],
        ["Every investor must sign; a corporate investor signs by seal and legal representative.",
         "Publicity period: 20 days. Apply for deregistration within 20 days after it ends."],
        "Registration Division, 028-6123 4517")
    s["deregistration-application-sample.pdf"] = (
        "Deregistration Application",
        "Zhuxiao dengji shenqingshu - simplified procedure",
        "deregistration-application.docx",
        [("Enterprise", "Jincheng Shi Mingyue Wenhua Chuanbo Youxian Gongsi, USCC 91510100MA6W000000"),
         ("Reason", "dissolution by shareholders' resolution"),
         ("Procedure", "simplified deregistration"),
         ("Publicity period", "2026-01-06 to 2026-01-25; no objection received"),
         ("Tax clearance", "no tax matters ever handled (exempt from tax clearance)"),
         ("Licence returned", "original 1, duplicate 1"),
         ("Contact", "Wu Tao, 137 0000 0000"),
         ("Signature", "Wu Tao, legal representative")],
        ["Submit within 20 days after the publicity period ends.",
         "A lost licence can be declared void on the national system instead of being returned."],
        "Registration Division, 028-6123 4517")
    s["special-equipment-registration-form-sample.pdf"] = (
        "Special Equipment Use Registration Form (elevator example)",
        "Tezhong shebei shiyong dengjibiao - new equipment, first use",
        "special-equipment-registration-form.docx",
        [("Category / variety", "elevator / traction-driven passenger elevator"),
         ("Product / equipment code", "passenger elevator / 3110 5101 2026 0000 01"),
         ("Model / serial no.", "JC-1000-1.75 / EL2025-08812"),
         ("Design life / manufactured", "15 years / 2025-09"),
         ("Manufacturer", "(licensed elevator manufacturer, as on the product certificate)"),
         ("Installer / inspection body", "Jincheng Dianti Anzhuang Gongcheng Youxian Gongsi / Jincheng Special"
                                         " Equipment Inspection Institute"),
         ("Inspection report / next inspection", "JCTJ-DT-2026-00417 / 2027-01"),
         ("User", "Jincheng Shi Jinlin Wuye Fuwu Youxian Gongsi, USCC 91510100MA6U000000"),
         ("Place of use", "Building 2, Jinlin Garden, No. 58 Shuangqing Road, Jincheng"),
         ("Safety officer", "Tang Qiang, tel. 136 0000 0000"),
         ("Maintenance company / internal no.", "Jincheng Dianti Weibao Youxian Gongsi / T2-01"),
         ("For the registration authority", "left blank by the applicant")],
        ["Register before first use or within 30 days after the equipment is put into use.",
         "Put the use registration mark inside the car where passengers can see it."],
        "Special Equipment Safety Division, 028-6123 4518")
    return s


def documents():
    """Stand-alone PDFs referenced by documents."""
    d = {}
    d["annual-report-2025.pdf"] = (
        "Jincheng AMR - Annual report on government information disclosure 2025",
        "Jincheng Shi Shichang Jiandu Guanliju 2025 nian zhengfu xinxi gongkai gongzuo niandu baogao",
        ["## I. Overview",
         "In 2025 the bureau kept its public website and nine disclosure columns up to date, posted matters"
         " that affect the public one week before they were decided, and answered every disclosure request"
         " within the statutory time limit. Service guides for all items handled at the service hall were"
         " reviewed and republished with materials, procedures, promised time limits and fees.",
         "",
         "## II. Proactive disclosure",
         "- Normative documents issued: 6; in force at year end: 41; abolished after review: 3",
         "- Service guides published or revised: 38; fee items posted: 8 (7 free of charge)",
         "- Administrative licensing decisions published: 12,406; administrative penalties published: 1,182",
         "- Decision drafts posted for comment: 9; comments received: 1,347; adopted in whole or in part: 286",
         "- Public hearings held: 2; spokesperson releases and briefings: 24",
         "",
         "## III. Disclosure requests received and handled",
         "- New requests: 214 (citizens 171, enterprises 38, other organisations 5); carried over from 2024: 6",
         "- Disclosed in full: 97; disclosed in part: 21; not disclosed: 9; information not held: 58",
         "- Not handled as disclosure requests (consultations, complaints): 23; withdrawn: 5",
         "- Carried over to 2026: 7; average time to reply: 9.6 working days",
         "",
         "## IV. Administrative review and litigation",
         "- Applications for administrative review about disclosure: 3 (upheld 2, corrected 1)",
         "- Administrative lawsuits about disclosure: 1 (judgment upheld the reply)",
         "",
         "## V. Problems and improvements",
         "Some replies quoted legal provisions without explaining them in plain words, and the search"
         " function did not cover attachments. In 2026 the bureau will publish reply templates, index"
         " attachment text for search, and add statistics on replies to the website every quarter.",
         "",
         "## VI. Other matters",
         "Fees for information processing were charged in 0 cases. The bureau handled 4 suggestions and"
         " proposals from deputies and committee members, all of which were answered and published.",
         "",
         "Jincheng Municipal Administration for Market Regulation, January 2026."],
        None)
    d["policy-text.pdf"] = (
        "Jincheng AMR - Notice on further optimising enterprise start-up services",
        "Jin Shi Jian Fa [2026] No. 12 - policy text",
        ["To district and county market regulation bureaus and all divisions of the bureau:",
         "",
         "## 1. One-stop online start-up",
         "Business licence, first set of seals, invoices, social insurance and housing fund registration"
         " are applied for with one online form. Information is entered once and shared among departments.",
         "",
         "## 2. Time limits",
         "Establishment registration is completed within 1 working day where the materials are complete"
         " and in legal form. The whole start-up process, including seals and invoices, takes no more"
         " than 1 working day.",
         "",
         "## 3. Domicile declaration",
         "Applicants may declare their domicile with a written commitment instead of ownership documents."
         " False commitments are recorded in the credit file.",
         "",
         "## 4. Free services",
         "Registration, licence issuance and postal delivery are free. The first set of company seals is"
         " paid for by the government.",
         "",
         "## 5. Supervision",
         "Every case is recorded; on-time completion and applicant satisfaction are published quarterly."
         " Complaints about the service may be made by calling 028-6123 4500 or 12345.",
         "",
         "This notice takes effect on the date of publication.",
         "",
         "Jincheng Municipal Administration for Market Regulation"],
        None)
    d["hearing-materials.pdf"] = (
        "Jincheng AMR - Hearing materials",
        "Public hearing on the draft Jincheng measures for graded food safety disclosure in catering",
        ["## 1. Purpose of the hearing",
         "The draft measures would require restaurants and canteens to display a food safety grade"
         " (A, B or C) at the entrance and on delivery platforms. Because the measures affect both"
         " consumers and food businesses, the bureau holds a public hearing before deciding.",
         "",
         "## 2. Time and place",
         "- Date: to be announced on the bureau website at least 10 days in advance",
         "- Place: hearing room, 3rd floor, 88 Tianfu Avenue Middle Section, Jincheng",
         "",
         "## 3. Participants",
         "- 15 hearing participants: consumers 5, catering operators 5, industry association 2, experts 2,"
         " deputies and committee members 1",
         "- Participants are selected openly from applicants; the list is published before the hearing",
         "- Members of the public may attend as observers (30 seats, first come first served)",
         "",
         "## 4. Main points of the draft",
         "- Grades are based on on-site inspections and sampling results of the previous 12 months",
         "- Grade C operators receive guidance and a follow-up inspection within 30 days",
         "- Operators may apply for re-grading after rectification",
         "",
         "## 5. Questions for participants",
         "- Are the grading criteria clear and fair to small operators?",
         "- Should grades also be shown on food delivery platforms?",
         "- How long should a grade remain valid?",
         "",
         "## 6. After the hearing",
         "The hearing record will be published. The bureau will explain which opinions were adopted"
         " and why others were not, before the measures are decided and carried out."],
        None)
    d["prepaid-card-rules-explanation.pdf"] = (
        "Jincheng AMR - Explanatory note on the draft prepaid card rules",
        "Drafting notes for the consultation draft (major administrative decision)",
        ["## 1. Why the rules are needed",
         "Complaints about single-purpose prepaid cards (gyms, beauty salons, training, car washes)"
         " have ranked among the top three 12315 complaint categories for three years running."
         " Typical problems: the business closes or is transferred and the card is no longer honoured,"
         " refunds are refused, and contract terms exclude consumer rights.",
         "",
         "## 2. Legal basis",
         "- Consumer Rights and Interests Protection Law and its implementing regulation (2024)",
         "- Measures for the administration of single-purpose commercial prepaid cards (trial)",
         "",
         "## 3. Main measures in the draft",
         "- Written contracts, with a model contract published by the bureau (art. 3)",
         "- Top-up limits of 5,000 yuan (registered) and 1,000 yuan (bearer) per card (art. 5)",
         "- A 7-day cooling-off period with full refund (art. 6)",
         "- Escrow of at least 20% of prepaid balances above 500,000 yuan (art. 8)",
         "- 30 days' notice before a transfer, closure or move (art. 9)",
         "",
         "## 4. How the draft was prepared",
         "The bureau analysed complaint records, held two meetings with business associations and"
         " consumer representatives, and compared rules already adopted in other cities.",
         "",
         "## 5. What we would like to hear",
         "- Are the top-up limits workable for small businesses?",
         "- Is a 20% escrow ratio proportionate?",
         "- How should transferred businesses honour existing cards?",
         "",
         "Comments are open for 30 days. Every comment receives a published response before the"
         " rules are decided."],
        None)
    return d


def spreadsheets():
    x = {}
    x["licensing-catalogue.xlsx"] = (
        "行政权力事项目录", "事项目录",
        [6, 16, 34, 10, 30, 12, 12, 10, 36, 34],
        [["序号", "事项编码", "事项名称", "事项类别", "承办处室", "法定时限（工作日）", "承诺时限（工作日）",
          "是否收费", "办理地点", "办事指南"],
         [1, "510100-SJ-001", "内资有限公司设立登记", "行政确认", "登记注册处", 3, 1, "否",
          "市政务服务中心二楼 B 区 12–18 号窗口", "company-establishment-registration"],
         [2, "510100-SJ-002", "个体工商户设立登记", "行政确认", "登记注册处", 3, 1, "否",
          "市政务服务中心二楼 B 区 12–18 号窗口", "individual-business-registration"],
         [3, "510100-SJ-003", "企业名称自主申报", "公共服务", "登记注册处", 3, 1, "否",
          "市政务服务中心二楼 B 区名称咨询台", "enterprise-name-declaration"],
         [4, "510100-SJ-004", "企业变更登记（住所、法定代表人）", "行政确认", "登记注册处", 3, 1, "否",
          "市政务服务中心二楼 B 区 12–18 号窗口", "enterprise-change-registration"],
         [5, "510100-SJ-005", "企业注销登记（简易注销）", "行政确认", "登记注册处", 3, 1, "否",
          "市政务服务中心二楼 B 区 16 号窗口", "simplified-deregistration"],
         [6, "510100-XY-001", "企业年度报告公示（含移出经营异常名录）", "公共服务", "信用监督管理处", 5, 1, "否",
          "本局一楼信用修复服务窗口", "enterprise-annual-report"],
         [7, "510100-XK-001", "食品经营许可", "行政许可", "食品经营安全监督管理处", 10, 3, "否",
          "市政务服务中心二楼 B 区 19–21 号窗口", "food-business-licence"],
         [8, "510100-XK-002", "食品生产许可", "行政许可", "食品生产安全监督管理处", 10, 5, "否",
          "市政务服务中心二楼 B 区 19–21 号窗口", ""],
         [9, "510100-TS-001", "特种设备使用登记", "行政许可", "特种设备安全监察处", 15, 3, "否",
          "市政务服务中心二楼 B 区 22 号窗口", "special-equipment-use-registration"],
         [10, "510100-TS-002", "特种设备安全管理和作业人员资格认定", "行政许可", "特种设备安全监察处", 20, 10, "否",
          "市政务服务中心二楼 B 区 22 号窗口", ""],
         [11, "510100-JL-001", "计量标准器具核准", "行政许可", "计量处", 20, 10, "否",
          "市政务服务中心二楼 B 区 23 号窗口", ""],
         [12, "510100-SJ-006", "股权出质登记", "行政确认", "登记注册处", 3, 1, "否",
          "市政务服务中心二楼 B 区 12–18 号窗口", ""]])
    x["fee-list.xlsx"] = (
        "收费项目清单", "收费项目清单",
        [6, 30, 40, 10, 58, 10, 40],
        [["序号", "收费项目", "收费标准", "计费单位", "收费依据", "执行状态", "备注"],
         [1, "企业注册登记费", "免收", "件",
          "财政部、国家发展改革委关于清理规范一批行政事业性收费有关政策的通知（财税〔2017〕20号）", "停征",
          "自2017年4月1日起停征，含设立、变更、注销登记"],
         [2, "个体工商户登记", "不收费", "件", "—", "不收费", "登记、变更、注销及执照补领均不收费"],
         [3, "营业执照补领、换发", "不收费", "份", "—", "不收费", "电子营业执照免费下载使用"],
         [4, "企业名称自主申报", "不收费", "件", "—", "不收费", ""],
         [5, "食品经营许可", "不收费", "件", "《中华人民共和国行政许可法》第五十八条", "不收费", "含新办、变更、延续、补证"],
         [6, "特种设备使用登记", "不收费", "台（套）", "—", "不收费", "设备检验费用由检验机构按规定收取，本局不收取"],
         [7, "投诉举报处理", "不收费", "件", "—", "不收费", "12315 投诉、举报、咨询均不收费"],
         [8, "政府信息公开信息处理费", "按件或按量计收", "件",
          "政府信息公开信息处理费管理办法（国办函〔2020〕109号）", "依法收取",
          "仅对明显超过合理数量的申请收取，一般申请不收费"]])
    months = [f"2025年{m}月" for m in range(1, 13)]
    complaints = [812, 655, 934, 1021, 1098, 1012, 1140, 1187, 1003, 1215, 1390, 1176]
    reports = [203, 168, 241, 257, 266, 249, 275, 288, 244, 301, 332, 287]
    consults = [2410, 1985, 2763, 2890, 3012, 2874, 3105, 3221, 2940, 3318, 3702, 3260]
    closed_rate = [0.9812, 0.9847, 0.9795, 0.9821, 0.9863, 0.9878, 0.9840, 0.9852, 0.9871, 0.9834, 0.9806, 0.9889]
    recovered = [86.4, 71.2, 102.5, 118.3, 125.7, 110.9, 131.6, 139.2, 117.8, 142.4, 168.9, 137.5]
    rows = [["月份", "受理投诉（件）", "受理举报（件）", "咨询（件）", "按期办结率", "挽回经济损失（万元）"]]
    for i, m in enumerate(months):
        rows.append([m, complaints[i], reports[i], consults[i], closed_rate[i], recovered[i]])
    n = len(months) + 1
    weighted = sum(r * (c + p) for r, c, p in zip(closed_rate, complaints, reports)) / (sum(complaints) + sum(reports))
    rows.append(["合计",
                 (f"=SUM(B2:B{n})", sum(complaints), 0),
                 (f"=SUM(C2:C{n})", sum(reports), 0),
                 (f"=SUM(D2:D{n})", sum(consults), 0),
                 (f"=SUMPRODUCT(E2:E{n},B2:B{n}+C2:C{n})/(B{n + 1}+C{n + 1})", round(weighted, 6), 2),
                 (f"=SUM(F2:F{n})", round(sum(recovered), 1), 0)])
    x["complaint-stats.xlsx"] = ("2025年12315投诉举报统计", "2025年统计", [14, 16, 16, 12, 12, 20], rows)
    return x


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    written = []
    for name, (title, blocks) in forms().items():
        docx(os.path.join(out, name), title, blocks)
        written.append(name)
    for name, args in samples().items():
        sample_pdf(os.path.join(out, name), *args)
        written.append(name)
    for name, (title, subtitle, paragraphs, mark) in documents().items():
        pdf(os.path.join(out, name), title, subtitle, paragraphs, mark)
        written.append(name)
    for name, (title, sheet, widths, rows) in spreadsheets().items():
        xlsx(os.path.join(out, name), title, sheet, widths, rows)
        written.append(name)
    for name in sorted(written):
        print(f"{os.path.getsize(os.path.join(out, name)):>7}  {name}")


if __name__ == "__main__":
    main()
