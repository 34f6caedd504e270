"""Legacy single-byte encodings: cp1252 for Latin-script text unless its bytes are
impossible in cp1252 or the text reads as another alphabet (issue item 1).

Every sample is encoded here, in the test, from text."""
from __future__ import annotations

import json
import unicodedata

import pytest
from click.testing import CliRunner

import newsclean
from newsclean.cli import main
from newsclean.io.decoding import decode

_CP1258 = set(bytes(range(256)).decode("cp1258", "ignore"))


def cp1258(text: str) -> bytes:
    """Vietnamese as cp1258 writes it: a precomposed letter where cp1258 has one, else
    a base letter of cp1258 and a combining tone mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _CP1258:
            out.append(ch)
            continue
        out.append(next(base + mark for base in _CP1258 for mark in _CP1258
                        if unicodedata.combining(mark) and unicodedata.normalize("NFC", base + mark) == ch))
    return "".join(out).encode("cp1258")


SAMPLES = [
    ("french-short", "cp1252", "Café crème à la française – très bon."),
    ("french", "cp1252", "La crème brûlée à la carte, servie à l'hôtel près de la forêt. "
                         "Le maître d'hôtel était ravi."),
    ("spanish", "cp1252", "El niño comió paella en la montaña. ¿Qué más? ¡Señor, qué día!"),
    ("german", "cp1252", "Die Größe der Straße überrascht. Äpfel und Öl für München."),
    ("portuguese", "cp1252", "A informação da população não está disponível. São Paulo, coração."),
    ("english-quotes", "cp1252", "The company’s “new” plan – announced on Monday – costs €5m."),
    ("polish", "cp1250", "Zażółć gęślą jaźń. Łódź i Kraków są pięknymi miastami w Polsce."),
    ("czech", "cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy. Praha je hlavní město."),
    ("russian-cp1251", "cp1251", "Москва — столица России. Сегодня в городе прошёл сильный дождь."),
    ("russian-koi8", "koi8_r", "Москва - столица России. Сегодня в городе прошёл сильный дождь."),
    ("vietnamese", "cp1258", "Hà Nội là thủ đô của Việt Nam. Điện Biên Phủ ở phía tây bắc. Người dân đón Tết."),
]


def encoded(encoding: str, text: str) -> bytes:
    return cp1258(text) if encoding == "cp1258" else text.encode(encoding)


@pytest.mark.parametrize(("name", "encoding", "text"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_legacy_encoding_is_read_right(name: str, encoding: str, text: str) -> None:
    data = encoded(encoding, text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # a legacy file indeed
    got, info = decode(data)
    assert info["encoding"] == encoding.replace("_", "-")
    assert unicodedata.normalize("NFC", got) == text


def test_french_review_in_cp1252_through_the_cli(tmp_path) -> None:
    review = ("Restaurant review: a fine evening\n\n"
              "We had the crème brûlée à la carte, and the café crème was très bon. The maître d' "
              "recommended the côte de bœuf, which came with a gratin dauphinois.\n")
    (tmp_path / "review.txt").write_bytes(review.encode("cp1252"))
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "review.txt")], catch_exceptions=False)
    [record] = [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]
    assert record["stats"]["input"]["encoding"] == "cp1252"
    assert "crème brûlée à la carte" in record["text"]
    assert "côte de bœuf" in record["text"]


def test_bytes_impossible_in_cp1252_are_not_cp1252() -> None:
    # 0x9D (ť in cp1250) is undefined in cp1252
    data = "Žluťoučký kůň; ťava.".encode("cp1250")
    assert b"\x9d" in data
    text, info = decode(data)
    assert info["encoding"] == "cp1250"
    assert text == "Žluťoučký kůň; ťava."


def test_api_reads_legacy_bytes_the_same_way() -> None:
    record = newsclean.clean("Le café crème était très bon, à la française.\n".encode("cp1252"))
    assert record["stats"]["input"]["encoding"] == "cp1252"
    assert "café crème était très bon, à la française" in record["text"]


def test_utf8_bytes_are_read_without_loading_the_legacy_readers():
    """The legacy-encoding and stray-byte readers (and statistics, which stage captions
    once imported) are loaded on first need: cleaning UTF-8 bytes never loads them, and
    a cp1252 file does."""
    import subprocess
    import sys
    code = ("import sys, newsclean; newsclean.clean('Title\\n\\nSome text of a news dump, here.'.encode()); "
            "print(*(m in sys.modules for m in ('newsclean.io.legacy', 'newsclean.io.strays', 'statistics'))); "
            "newsclean.clean('Le caf\\u00e9 cr\\u00e8me de la ville, pr\\u00e8s du march\\u00e9.'.encode('cp1252')); "
            "print('newsclean.io.legacy' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["False", "False", "False", "True"], proc.stderr
