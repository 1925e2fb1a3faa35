"""Attachments are accepted only when their content is what their name claims."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.admission import attachments
from qingdan.admission.models import Attachment
from qingdan.errors import ActionRefused

pytestmark = pytest.mark.usefixtures("english")

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def office(member: str) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<xml/>")
    return data.getvalue()


GOOD = {
    "通知.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "方案.docx": office("word/document.xml"),
    "名单.xlsx": office("xl/workbook.xml"),
    "旧方案.doc": OLE,
    "旧名单.xls": OLE,
    "现场.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "现场.JPEG": b"\xff\xd8\xff\xe1\x00\x10Exif",
    "截图.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "说明.txt": "关于开展动物防疫工作的说明".encode(),
    "说明gbk.txt": "关于开展动物防疫工作的说明".encode("gb18030"),
}


@pytest.mark.parametrize("name", GOOD)
def test_a_file_that_is_what_it_claims_is_accepted(name):
    checked = attachments.check_upload(SimpleUploadedFile(name, GOOD[name]))
    assert checked.name == name and checked.size == len(GOOD[name])
    assert checked.kind.content_type


def test_the_content_type_comes_from_the_checked_kind_not_the_browser():
    upload = SimpleUploadedFile("通知.pdf", GOOD["通知.pdf"], content_type="text/html")
    assert attachments.check_upload(upload).kind.content_type == "application/pdf"


BAD = {
    "zip named pdf": ("方案.pdf", office("word/document.xml"), 'The file "方案.pdf" is not a real PDF file'),
    "pdf named docx": ("方案.docx", GOOD["通知.pdf"], 'The file "方案.docx" is not a real Word file'),
    "xlsx named docx": ("方案.docx", office("xl/workbook.xml"), "not a real Word file"),
    "broken zip named xlsx": ("名单.xlsx", b"PK\x03\x04garbage", "not a real Excel file"),
    "png named jpg": ("现场.jpg", GOOD["截图.png"], "not a real JPEG file"),
    "binary named txt": ("说明.txt", b"MZ\x90\x00\x03\x00\x00\x00", "not a real TXT file"),
    "program": ("setup.exe", b"MZ\x90\x00", 'The file "setup.exe" is of a kind we do not accept'),
    "no extension": ("README", b"hello", "of a kind we do not accept"),
    "empty": ("空.pdf", b"", 'The file "空.pdf" is empty.'),
}


@pytest.mark.parametrize("case", BAD)
def test_a_file_that_is_not_what_it_claims_is_refused_by_name(case):
    name, content, message = BAD[case]
    with pytest.raises(ActionRefused) as refused:
        attachments.check_upload(SimpleUploadedFile(name, content))
    assert message in refused.value.message


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.QINGDAN_MAX_UPLOAD_BYTES = 2 * 2**20
    big = SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * (2 * 2**20))
    with pytest.raises(ActionRefused) as refused:
        attachments.check_upload(big)
    assert refused.value.message == 'The file "大.pdf" is larger than 2 MB.'


def test_the_default_limit_is_20_mb():
    assert attachments.max_bytes() == 20 * 2**20


def test_a_folder_in_the_name_is_dropped():
    upload = SimpleUploadedFile("C:\\Users\\x\\..\\通知.pdf", GOOD["通知.pdf"])
    assert attachments.check_upload(upload).name == "通知.pdf"


def test_more_than_ten_files_are_refused_before_any_is_read():
    uploads = [SimpleUploadedFile(f"{i}.pdf", GOOD["通知.pdf"]) for i in range(11)]
    with pytest.raises(ActionRefused):
        attachments.check_uploads(uploads)
    assert len(attachments.check_uploads(uploads[:4], already=6)) == 4


def test_files_stored_in_a_failing_block_are_removed(media_root, draft):
    checked = attachments.check_upload(SimpleUploadedFile("通知.pdf", GOOD["通知.pdf"]))
    with pytest.raises(RuntimeError), attachments.removing_on_error() as stored:
        attachment = Attachment(order=draft, original_name=checked.name, content_type="x", size=checked.size)
        attachments.save_file(attachment.file, checked, stored)
        assert (media_root / attachment.file.name).exists()
        raise RuntimeError("the transaction failed after the file was written")
    assert not [p for p in media_root.rglob("*") if p.is_file()]
