#!/usr/bin/env python3
"""Writes a corpus of unit report workbooks the way officers make them (openpyxl, then LibreOffice re-saves them).

Usage: make_corpus.py OUT_DIR REPO_ROOT
Writes OUT_DIR/raw/*.xlsx, OUT_DIR/register.csv and OUT_DIR/manifest.json (what each file means: the unit, the
period and the values the officer typed). The test converts raw/ with LibreOffice in one call.
"""
import json
import os
import sys
import unicodedata

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

OUT, ROOT = sys.argv[1], sys.argv[2]
SETS = {}
for sid in ("so-nganh-2024", "dia-phuong-2024"):
    with open(os.path.join(ROOT, "src/core/forms/sets", sid + ".json"), encoding="utf-8") as f:
        SETS[sid] = json.load(f)

DEPT, LOCAL = "so-nganh-2024", "dia-phuong-2024"
SEED_TITLE = "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CỦA CÁC SỞ, BAN, NGÀNH"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]
ZWSP, NBSP = "\u200b", "\u00a0"


def nfd(s):
    return unicodedata.normalize("NFD", s)


def values_for(set_id, i):
    """What the officer means to report: counts, and the ratio rows' parts."""
    resolved = 1000 + 37 * i
    v = {"1:1": 2 + i, "1:2.1": 10 + i, "1:2.2": 4 + i}
    if set_id == DEPT:
        v.update({"3:3.1.1": resolved, "3:3.1.2": resolved - i})
    else:
        v.update({"3:2.1.1": resolved, "3:2.1.2": resolved - i})
    return v


RATIOS = {
    DEPT: {"1:2": ("1:2.2", "1:2.1"), "3:3.1": ("3:3.1.2", "3:3.1.1")},
    LOCAL: {"1:2": ("1:2.2", "1:2.1"), "3:2.1": ("3:2.1.2", "3:2.1.1")},
}


def vi_number(n):
    """`1.037` as typed on Vietnamese Windows into a text cell."""
    s = f"{n:,}".replace(",", ".")
    return s


def write_form(ws, r, form, set_id, spec, values, positions):
    """Writes one form's table from row r; returns the next free row."""
    two = spec.get("two_level", False)
    if not spec.get("sections"):
        ws.cell(r, 1, f"Biểu mẫu {form['number']}").font = Font(bold=True)
        r += 1
        ws.cell(r, 1, form["title"].upper())
        r += 1
        if not spec.get("stacked") or form["number"] == 1 or True:
            r = header(ws, r, form["codeHeader"], two)
    else:
        ws.cell(r, 1, ROMAN[form["number"] - 1])
        ws.cell(r, 2, form["title"].upper()).font = Font(bold=True)
        r += 1
    hidden = set(spec.get("hidden_rows", []))
    for row in form["rows"]:
        key = f"{form['number']}:{row['code']}"
        code = row.get("printedCode", row["code"])
        label = row["label"]
        if spec.get("invisible"):
            code = code + ZWSP
            label = nfd(label.replace(" ", NBSP, 2))
        ws.cell(r, 1, code)
        ws.cell(r, 2, label)
        ws.cell(r, 3, row.get("unit", ""))
        positions[key] = r
        if key in hidden:
            ws.row_dimensions[r].hidden = True
        r += 1
    return r


def header(ws, r, code_header, two):
    if two:
        ws.cell(r, 1, code_header)
        ws.cell(r, 2, "Chỉ tiêu thống kê")
        ws.cell(r, 3, "Kết quả thống kê")
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)
        ws.cell(r, 5, "Ghi chú")
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
        ws.merge_cells(start_row=r, start_column=2, end_row=r + 1, end_column=2)
        ws.merge_cells(start_row=r, start_column=5, end_row=r + 1, end_column=5)
        ws.cell(r + 1, 3, "Đơn vị tính")
        ws.cell(r + 1, 4, "Số liệu")
        r += 2
    else:
        for c, h in enumerate([code_header, "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"], 1):
            ws.cell(r, c, h).font = Font(bold=True)
        r += 1
    for c in range(1, 6):
        ws.cell(r, c, f"({c})")
    return r + 1


def top_lines(ws, spec):
    """Header block, annex title, caption, unit and period lines; returns the next free row."""
    r = 1
    for i, line in enumerate(spec.get("header_block", [])):
        ws.cell(r, 1, line).font = Font(bold=True)
        ws.cell(r, 4, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""][min(i, 2)] or None)
        r += 1
    if spec.get("header_block"):
        r += 1
    for key in ("annex", "title", "caption", "unit_line", "period_line"):
        text = spec.get(key)
        if not text:
            continue
        ws.cell(r, 1, text).alignment = Alignment(horizontal="center", wrap_text=True)
        if spec.get("merge_lines"):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        r += 1
    return r + 1


def fill(ws, positions, set_id, values, spec, sheet_of=None):
    entry = spec.get("entry", "number")
    for key, v in values.items():
        if key not in positions:
            continue
        cell = ws.cell(positions[key], 4)
        if entry == "text-vi":
            cell.number_format = "@"
            cell.value = vi_number(v)
        else:
            cell.value = v
    for key, (num, den) in RATIOS[set_id].items():
        if key in positions and num in positions and den in positions and entry != "text-vi":
            ws.cell(positions[key], 4).value = (
                f"=IF(D{positions[den]}=0,\"\",ROUND(D{positions[num]}/D{positions[den]}*100,2))"
            )
            ws.cell(positions[key], 4).number_format = "0.00"
    for key, raw in spec.get("raw", {}).items():
        if key in positions:
            ws.cell(positions[key], 4).value = raw


def build(spec, i):
    set_id = spec["set"]
    forms = SETS[set_id]["forms"]
    values = values_for(set_id, i)
    wb = Workbook()
    wb.remove(wb.active)
    names = spec.get("sheet_names") or [f"Biểu mẫu {f['number']}" for f in forms]
    if spec.get("hidden_copy"):
        ws = wb.create_sheet("BM1 (bản cũ)")
        ws.sheet_state = "hidden"
        positions = {}
        r = top_lines(ws, spec)
        write_form(ws, r, forms[0], set_id, spec, values, positions)
        fill(ws, positions, set_id, {k: 999 for k in values if k.startswith("1:")}, spec)
    if spec.get("stacked") or spec.get("sections"):
        ws = wb.create_sheet(names[0])
        r = top_lines(ws, spec)
        positions = {}
        if spec.get("sections"):
            r = header(ws, r, "TT", spec.get("two_level", False))
        for form in forms:
            r = write_form(ws, r, form, set_id, spec, values, positions) + (0 if spec.get("sections") else 2)
        fill(ws, positions, set_id, values, spec)
    else:
        for n, form in enumerate(forms):
            ws = wb.create_sheet(names[n])
            r = top_lines(ws, spec) if n == 0 or spec.get("lines_every_sheet") else 1
            if n > 0 and spec.get("second_unit_line"):
                ws.cell(r, 1, spec["second_unit_line"])
                r += 2
            positions = {}
            write_form(ws, r, form, set_id, spec, values, positions)
            fill(ws, positions, set_id, values, spec)
            ws.column_dimensions["B"].width = 60
    if spec.get("chart"):
        ws = wb[names[0]]
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=4, min_row=12, max_row=16))
        ws.add_chart(chart, "G3")
    if spec.get("chartsheet"):
        cs = wb.create_chartsheet("Biểu đồ")
        chart = BarChart()
        chart.add_data(Reference(wb[names[0]], min_col=4, min_row=12, max_row=16))
        cs.add_chart(chart)
    return wb, values


def names_with(prefix):
    return [f"{prefix}{n}" for n in range(1, 8)]


Q1 = "Kỳ báo cáo: Quý I năm 2024"
SPECS = [
    # Unit identity.
    dict(file="so-tu-phap.xlsx", set=DEPT, unit="Sở Tư pháp", unit_line="Đơn vị báo cáo: Sở Tư pháp",
         period_line=Q1, merge_lines=True),
    dict(file="phu-luc-1.xlsx", set=DEPT, unit="Sở Xây dựng", annex="Phụ lục I", title=SEED_TITLE,
         unit_line="Đơn vị báo cáo: Sở Xây dựng", period_line=Q1, merge_lines=True, two_level=True),
    dict(file="phu-luc-2.xlsx", set=DEPT, unit="Sở Khoa học và Công nghệ", annex="Phụ lục I", title=SEED_TITLE,
         caption="(Ban hành kèm theo Báo cáo số 94/BC-SKHCN ngày 12/3/2024 của Sở Khoa học và Công nghệ)",
         period_line="QUÝ I/2024", two_level=True),
    dict(file="bao-cao-q1.xlsx", set=DEPT, unit="Sở Y tế", header_block=["UBND TỈNH SƠN LA", "SỞ Y TẾ"],
         title="BÁO CÁO SỐ LIỆU CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024"),
    dict(file="vhttdl.xlsx", set=DEPT, unit="Sở Văn hóa, Thể thao và Du lịch",
         unit_line="Cơ quan báo cáo: Sở VHTTDL", period_line="Kỳ báo cáo: Quý 1 năm 2024"),
    dict(file="tai-chinh.xlsx", set=DEPT, unit="Sở Tài chính", unit_line="Don vi bao cao: So Tai chinh",
         period_line="Ky bao cao: Quy I nam 2024"),
    dict(file="noi-vu.xlsx", set=DEPT, unit="Sở Nội vụ", unit_line=nfd("Đơn vị báo cáo:" + NBSP + "Sở" + ZWSP + " Nội vụ"),
         period_line=nfd(Q1), invisible=True),
    dict(file="so-cong-thuong.xlsx", set=DEPT, outcome="confirm-unit", candidates=["Sở Công Thương"],
         annex="Phụ lục I", title=SEED_TITLE, period_line=Q1),
    dict(file="so-ngoai-tinh.xlsx", set=DEPT, outcome="confirm-unit", candidates=[],
         unit_line="Đơn vị báo cáo: Sở Du lịch tỉnh Lai Châu", period_line=Q1),
    dict(file="hai-ten.xlsx", set=DEPT, outcome="confirm-unit", candidates=["Sở Công Thương", "Sở Tư pháp"],
         unit_line="Đơn vị báo cáo: Sở Công Thương", second_unit_line="Đơn vị báo cáo: Sở Tư pháp",
         period_line=Q1),
    dict(file="ngoai-vu.xlsx", set=DEPT, unit="Sở Ngoại vụ", unit_line="Đơn vị báo cáo: ……………………",
         caption="(Kèm theo Báo cáo số 15/BC-SNgV ngày 11/3/2024 của Sở Ngoại vụ)", period_line=Q1),
    dict(file="bql-kcn.xlsx", set=DEPT, unit="Ban Quản lý các khu công nghiệp tỉnh",
         unit_line="Đơn vị báo cáo: Ban Quản lý các khu công nghiệp tỉnh Sơn La", period_line=Q1),
    # Reading.
    dict(file="giao-duc.xlsx", set=DEPT, unit="Sở Giáo dục và Đào tạo", unit_line="Đơn vị báo cáo: Sở Giáo dục và Đào tạo",
         period_line=Q1, sections=True, sheet_names=["Phụ lục"]),
    dict(file="nong-nghiep.xlsx", set=DEPT, unit="Sở Nông nghiệp và Môi trường",
         unit_line="Đơn vị báo cáo: Sở Nông nghiệp và Môi trường", period_line=Q1, hidden_copy=True),
    dict(file="giao-thong.xlsx", set=DEPT, unit="Sở Giao thông vận tải", unit_line="Đơn vị báo cáo: Sở Giao thông vận tải",
         period_line=Q1, stacked=True, entry="text-vi", sheet_names=["Biểu mẫu"]),
    dict(file="ke-hoach.xlsx", set=DEPT, unit="Sở Kế hoạch và Đầu tư", unit_line="Đơn vị báo cáo: Sở Kế hoạch và Đầu tư",
         period_line=Q1, raw={"3:3.1.1": 2.835}, not_summed=["3:3.1.1"]),
    dict(file="dan-toc.xlsx", set=DEPT, unit="Ban Dân tộc", unit_line="Đơn vị báo cáo: Ban Dân tộc", hidden_rows=["1:2.1"],
         period_line=Q1, two_level=True, merge_lines=True),
    # Periods.
    dict(file="thanh-tra-q2.xlsx", set=DEPT, outcome="excluded", reason="Quý II không phải kỳ báo cáo CCHC",
         unit_line="Đơn vị báo cáo: Thanh tra tỉnh", period_line="Kỳ báo cáo: Quý II năm 2024"),
    dict(file="vp-9-thang.xlsx", set=DEPT, outcome="excluded", reason="9 tháng không phải kỳ báo cáo CCHC",
         unit_line="Đơn vị báo cáo: Văn phòng UBND tỉnh", period_line="Kỳ báo cáo: 9 tháng năm 2024"),
    dict(file="tnmt-6-thang-cuoi.xlsx", set=DEPT, outcome="excluded", reason="6 tháng cuối năm không phải kỳ báo cáo CCHC",
         unit_line="Đơn vị báo cáo: Sở Tài nguyên và Môi trường", period_line="Kỳ báo cáo: 6 tháng cuối năm 2024"),
    dict(file="ldtbxh-q3.xlsx", set=DEPT, outcome="excluded", reason="Tệp thuộc kỳ Quý III năm 2024 (2024-Q3)",
         unit_line="Đơn vị báo cáo: Sở Lao động - Thương binh và Xã hội", period_line="Kỳ báo cáo: Quý III năm 2024"),
    dict(file="ttt-hai-ky.xlsx", set=DEPT, outcome="confirm-period", unit_line="Đơn vị báo cáo: Sở Thông tin và Truyền thông",
         period_line=Q1, sheet_names=[f"BM{n} Quý II-2024" for n in range(1, 8)]),
    dict(file="tin-hoc.xlsx", set=DEPT, unit="Sở Thông tin và Truyền thông",
         unit_line="Đơn vị báo cáo: Sở Thông tin và Truyền thông", sheet_names=[f"BM{n} Q1-2024" for n in range(1, 8)]),
    dict(file="cong-an.xlsx", set=DEPT, unit="Công an tỉnh", unit_line="Đơn vị báo cáo: Công an tỉnh", assumed=True),
    dict(file="ban-dan-van-q2.xlsx", set=DEPT, outcome="excluded", reason="Quý II không phải kỳ báo cáo CCHC",
         unit_line="Đơn vị báo cáo: Ban Dân tộc", sheet_names=[f"BM{n}" for n in range(1, 8)],
         title="BÁO CÁO CCHC QUÝ II/2024"),
    # Local governments.
    dict(file="mai-son.xlsx", set=LOCAL, unit="UBND huyện Mai Sơn", header_block=["ỦY BAN NHÂN DÂN HUYỆN MAI SƠN"],
         title="BÁO CÁO SỐ LIỆU CCHC QUÝ I NĂM 2024"),
    dict(file="yen-chau.xlsx", set=LOCAL, unit="UBND huyện Yên Châu",
         title="BIỂU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024 CỦA UBND HUYỆN YÊN CHÂU",
         merge_lines=True),
    dict(file="chieng-mung.xlsx", set=LOCAL, unit="UBND xã Chiềng Mung", unit_line="Đơn vị báo cáo: UBND xã Chiềng Mung",
         period_line=Q1, entry="text-vi", two_level=True),
    dict(file="thuan-chau.xlsx", set=LOCAL, unit="UBND huyện Thuận Châu",
         title="THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP HUYỆN", unit_line="Đơn vị: UBND huyện Thuận Châu",
         period_line=Q1),
    dict(file="moc-chau.xlsx", set=LOCAL, unit="UBND huyện Mộc Châu", unit_line="Đơn vị báo cáo: UBND huyện Mộc Châu",
         period_line=Q1, hidden_rows=["1:2.2", "3:2.1.2"], sheet_names=names_with("BM")),
    dict(file="song-ma.xlsx", set=LOCAL, unit="UBND huyện Sông Mã", unit_line="Đơn vị báo cáo: UBND huyện Sông Mã",
         period_line=Q1, chart=True),
    dict(file="bac-yen.xlsx", set=LOCAL, unit="UBND huyện Bắc Yên",
         header_block=["UBND TỈNH SƠN LA", "UBND HUYỆN BẮC YÊN"], period_line="Kỳ báo cáo: Q1-2024"),
    dict(file="quynh-nhai.xlsx", set=LOCAL, unit="UBND huyện Quỳnh Nhai", unit_line="Đơn vị báo cáo: UBND huyện Quỳnh Nhai",
         period_line=Q1, chartsheet=True),
]

REGISTER = [
    ("Sở Tư pháp", "STP", "so-nganh", ""),
    ("Sở Xây dựng", "SXD", "so-nganh", ""),
    ("Sở Khoa học và Công nghệ", "SKHCN", "so-nganh", "Sở KH&CN"),
    ("Sở Y tế", "SYT", "so-nganh", ""),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "so-nganh", "Sở VHTTDL|Sở VH, TT và DL"),
    ("Sở Tài chính", "STC", "so-nganh", ""),
    ("Sở Nội vụ", "SNV", "so-nganh", ""),
    ("Sở Công Thương", "SCT", "so-nganh", ""),
    ("Sở Ngoại vụ", "SNGV", "so-nganh", ""),
    ("Ban Quản lý các khu công nghiệp tỉnh", "BQLKCN", "so-nganh", ""),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", "so-nganh", ""),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", "so-nganh", ""),
    ("Sở Giao thông vận tải", "SGTVT", "so-nganh", ""),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", "so-nganh", ""),
    ("Ban Dân tộc", "BDT", "so-nganh", ""),
    ("Thanh tra tỉnh", "TTT", "so-nganh", ""),
    ("Văn phòng UBND tỉnh", "VP", "so-nganh", ""),
    ("Sở Tài nguyên và Môi trường", "STNMT", "so-nganh", ""),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", "so-nganh", ""),
    ("Sở Thông tin và Truyền thông", "STTTT", "so-nganh", ""),
    ("Công an tỉnh", "CA", "so-nganh", ""),
    ("UBND huyện Mai Sơn", "MS", "huyen", ""),
    ("UBND huyện Yên Châu", "YC", "huyen", ""),
    ("UBND xã Chiềng Mung", "CM", "xa", ""),
    ("UBND huyện Thuận Châu", "TC", "huyen", ""),
    ("UBND huyện Mộc Châu", "MC", "huyen", ""),
    ("UBND huyện Sông Mã", "SM", "huyen", ""),
    ("UBND huyện Bắc Yên", "BY", "huyen", ""),
    ("UBND huyện Quỳnh Nhai", "QN", "huyen", ""),
]


def main():
    raw = os.path.join(OUT, "raw")
    os.makedirs(raw, exist_ok=True)
    manifest = []
    for i, spec in enumerate(SPECS):
        wb, values = build(spec, i)
        wb.save(os.path.join(raw, spec["file"]))
        entry = {k: v for k, v in spec.items() if k in ("file", "set", "unit", "outcome", "candidates", "reason",
                                                          "not_summed", "assumed", "entry")}
        entry["values"] = values
        manifest.append(entry)
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    # As Excel on Vietnamese Windows saves "CSV UTF-8": a byte-order mark, semicolons.
    with open(os.path.join(OUT, "register.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write("Tên đơn vị;Mã;Loại;Tên khác\r\n")
        for name, code, kind, aliases in REGISTER:
            f.write(f"{name};{code};{kind};{aliases}\r\n")


main()
