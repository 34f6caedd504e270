"""UTF-8 with a few invalid bytes is read as UTF-8, each invalid byte as the character it
most likely was (or U+FFFD), and counted in stats.input (issue item 3). Only a file
that is not text at all is refused."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main
from newsclean.io.decoding import decode
from newsclean.io.errors import InputError

VIETNAMESE = (
    "Hà Nội đón đoàn khách Điện Biên\n\n"
    "Đoàn công tác tỉnh Điện Biên đã đến thăm Hà Nội vào ngày 21 tháng 3 và làm việc với lãnh đạo "
    "thành phố về hợp tác thương mại, giáo dục và y tế.\n\n"
)
STRAY = "Sau buổi làm việc, hai bên dùng cà phê ở quán Caf\xe9 Hà Nội.\n"  # \xe9: a cp1252/cp1258 byte


def dump() -> bytes:
    head, tail = STRAY.split("\xe9")
    return VIETNAMESE.encode("utf-8") + head.encode("utf-8") + b"\xe9" + tail.encode("utf-8")


def test_a_stray_byte_in_utf8_is_read_not_refused_cli(tmp_path) -> None:
    (tmp_path / "vn.txt").write_bytes(dump())
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "vn.txt")], catch_exceptions=False)
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]
    stats = record["stats"]["input"]
    assert stats["encoding"] == "utf-8"
    assert stats["invalid_bytes"] == 1
    assert "Điện Biên" in record["text"] and "Hà Nội" in record["text"]
    assert "quán Café Hà Nội" in record["text"]


def test_every_valid_character_is_kept() -> None:
    text, info = decode(dump())
    assert text == VIETNAMESE + STRAY.replace("\xe9", "é")
    assert info["invalid_bytes"] == 1 and info["invalid_read_as"] in ("cp1252", "cp1258")


def test_stray_bytes_read_in_the_encoding_of_the_files_language() -> None:
    # a Polish paragraph pasted in cp1250 into a UTF-8 page: more invalid bytes than valid ones
    data = "Łódź i Kraków są piękne. ".encode("utf-8") + "Zażółć gęślą jaźń.".encode("cp1250")
    text, info = decode(data)
    assert text == "Łódź i Kraków są piękne. Zażółć gęślą jaźń."
    assert info["encoding"] == "utf-8" and info["invalid_read_as"] == "cp1250"
    assert info["invalid_bytes"] == 9


def test_vietnamese_cp1258_stray_word() -> None:
    data = "Hà Nội và ".encode("utf-8") + b"Bi\xea\xf2n"  # "Biện" in cp1258: ê and a combining dot
    text, info = decode(data)
    assert text == "Hà Nội và Biê\u0323n"  # NFC comes later, in the normalise stage
    assert info["invalid_read_as"] == "cp1258"


def test_a_byte_no_likely_encoding_reads_becomes_u_fffd() -> None:
    data = b"\xef\xbb\xbf" + "Hà Nội ".encode("utf-8") + b"\xe9\x81"
    text, info = decode(data)
    assert text == "Hà Nội é\ufffd"
    assert info == {"bom": True, "encoding": "utf-8", "invalid_bytes": 2,
                    "invalid_read_as": "cp1258", "invalid_replaced": 1}


def test_a_legacy_file_with_chance_utf8_pairs_stays_legacy() -> None:
    # "Ці" and "Тё" in cp1251 are valid two-byte UTF-8 sequences
    data = ("Ці люди. Тёмний ліс. Україна — держава в Європі. " * 5).encode("cp1251")
    text, info = decode(data)
    assert info["encoding"] == "cp1251" and "invalid_bytes" not in info
    assert text.startswith("Ці люди. Тёмний ліс.")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)) * 8,
    bytes(range(1, 256)) * 50,
    "Hà Nội ".encode("utf-8") + bytes(range(1, 32)) * 40 + b"\xff\xfe\x80",
], ids=["png", "every-byte-but-nul", "utf8-and-control-garbage"])
def test_what_is_not_text_is_still_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode(data)


def test_api_counts_invalid_bytes_too() -> None:
    record = newsclean.clean(dump())
    assert record["stats"]["input"]["invalid_bytes"] == 1
    assert "Café" in record["text"]
