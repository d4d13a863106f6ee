"""Screenshots of the member-list import wizard, desktop and phone.

Against a running server with the demo data and a task worker (the commit step runs as a task):

    .venv/bin/python manage.py runserver 127.0.0.1:8102 &
    .venv/bin/python manage.py db_worker &
    .venv/bin/python scripts/import_screenshots.py --base-url http://127.0.0.1:8102

Uploads a messy ward file (synonym headers, old tone style, NFD, dates in three forms, a branch
by name, an unknown branch, a formula cell) into Đảng bộ Phường Sài Gòn as committee staff
(vanphong) and saves data-quality-import-{list,mapping,preview,result}-{desktop,phone}.png.
"""

import tempfile
import unicodedata
from pathlib import Path

from _screenshots import OUT, VIEWPORTS, base_url, chromium, login, opened_page
from openpyxl import Workbook

UNIT = "HCM-26740"

HEADERS = ["STT", "Mã HS", "Họ tên", "Giới", "Ngày sinh (dd/mm/yyyy)", "Số CMND/CCCD", "SĐT",
           "Dân tộc", "Quê quán", "Trình độ LLCT", "Số thẻ Đảng", "Ngày vào đảng",
           "Ngày chính thức", "Chi bộ"]  # fmt: skip
ROWS = [
    [1, "SG-001", "nguyễn văn hoà", "Nam", "03/04/1975", "079075001234", "0903 123 456",
     "Kinh", "Xã Tân Phú Trung, Huyện Củ Chi, TP Hồ Chí Minh", "Trung cấp", "79001234",
     "12/05/2001", "12/05/2002", "HCM-26740-01-01"],
    [2, "SG-002", unicodedata.normalize("NFD", "Trần Thị Thủy"), "Nữ", "1980-07-21",
     "079180004321", "+84 912 345 678", "Kinh", "Phường 3, Quận 5, TP.HCM", "Sơ cấp",
     "79001235", "3/2/05", "03/02/2006", "Chi bộ Phòng Văn hóa - Xã hội"],
    [3, "SG-003", "LÊ MINH KHOẺ", "Nam", "1968", "", "01689123456", "Hoa",
     "Quận 1, TP Hồ Chí Minh", "Cao cấp", "79001236", "1990", "1991",
     "HCM-26740-01-02"],
    [4, "SG-004", "Phạm Thị Lan", "Nữ", "31/02/1985", "079185000111", "0987654321", "Kinh",
     "Hà Nội", "", "", "01/06/2010", "01/06/2011", "Chi bộ không có"],
    [5, "SG-005", '=HYPERLINK("http://example.com","Bấm vào")', "Nam", "15/08/1990", "", "",
     "Kinh", "", "", "79001237", "20/10/2015", "", "HCM-26740-02-01"],
    [6, "", "Võ Văn Tám", "Nam", "02/09/1955", "079055000999", "0913111222", "Kinh",
     "Xã Phước Hiệp, Huyện Củ Chi, TP Hồ Chí Minh", "Cao cấp", "", "19/05/1980",
     "19/05/1981", "HCM-26740-02-02"],
]  # fmt: skip


def messy_file() -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    path = Path(tempfile.mkdtemp()) / "danh-sach-phuong-sai-gon.xlsx"
    book.save(path)
    return path


def main() -> None:
    base = base_url()
    upload = messy_file()
    with chromium() as browser:
        for kind, size in VIEWPORTS.items():
            with opened_page(browser, size, kind) as page:
                login(page, base, "vanphong")
                page.goto(f"{base}/data-quality/imports/")
                page.fill("input[name=unit]", UNIT)
                page.set_input_files("input[name=file]", str(upload))
                page.screenshot(
                    path=str(OUT / f"data-quality-import-list-{kind}.png"), full_page=True
                )
                page.click("form[enctype] button[type=submit]")
                page.wait_for_url("**/data-quality/imports/*/")
                page.screenshot(
                    path=str(OUT / f"data-quality-import-mapping-{kind}.png"), full_page=True
                )
                page.click("form[action$='/mapping/'] button[type=submit]")
                page.wait_for_url("**/preview/")
                page.screenshot(
                    path=str(OUT / f"data-quality-import-preview-{kind}.png"), full_page=True
                )
                page.click("form[action$='/commit/'] button[type=submit]")
                page.wait_for_url("**/data-quality/imports/*/")
                page.wait_for_selector("text=Kết quả", timeout=60_000)
                page.screenshot(
                    path=str(OUT / f"data-quality-import-result-{kind}.png"), full_page=True
                )


if __name__ == "__main__":
    main()
