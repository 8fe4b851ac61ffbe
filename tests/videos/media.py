"""Small MP4 and WebVTT files built box by box for the tests (no encoder, nothing downloaded)."""

import struct

from django.core.files.uploadedfile import SimpleUploadedFile


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4_bytes(*, codec: bytes = b"avc1", brand: bytes = b"isom", media: bytes = b"\x00" * 64) -> bytes:
    """ftyp, then moov (one track whose sample entry is `codec`), then mdat."""
    sample_entry = box(codec, b"\x00" * 78)
    stsd = box(b"stsd", b"\x00\x00\x00\x00" + b"\x00\x00\x00\x01" + sample_entry)
    track = box(b"trak", box(b"tkhd", b"\x00" * 84) + box(b"mdia", box(b"minf", box(b"stbl", stsd))))
    moov = box(b"moov", box(b"mvhd", b"\x00" * 100) + track)
    return box(b"ftyp", brand + b"\x00\x00\x02\x00" + b"isomavc1mp41") + moov + box(b"mdat", media)


def mp4_file(name="phong-su.mp4", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, mp4_bytes(**kwargs), content_type="video/mp4")


VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nXin chào các đoàn viên.\n"


def vtt_file(text: str = VTT, name: str = "phu-de.vtt", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/vtt")
