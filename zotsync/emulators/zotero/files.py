"""Zotero file storage: the Web API's three-step upload of an attachment's file, and downloads.

As Zotero documents it (dev/web_api/v3/file_upload), for an ``imported_file`` or
``imported_url`` attachment item::

    1. POST /<lib>/items/<key>/file   (form: md5, filename, filesize, mtime[, params=1])
         If-None-Match: *          a new file      | If-Match: <md5>  replacing a file
       → {"url", "contentType", "prefix", "suffix", "uploadKey"}
         ({"url", "params", "uploadKey"} with params=1, for a multipart form),
         or {"exists": 1} when storage already holds a file with that md5 (the item
         then points at it: nothing to upload)
    2. POST <url>                       prefix + file + suffix (or the multipart form) → 201
    3. POST /<lib>/items/<key>/file   (form: upload=<uploadKey>), same precondition → 204

Errors, with the dataserver's wording: 400 not a file attachment / missing form field,
404 no such item, 412 ``If-None-Match: * set but file exists`` / ``If-Match`` mismatch,
413 over the storage quota, 428 no precondition header. ``GET /<lib>/items/<key>/file``
answers the stored bytes. Files are kept in memory (content-addressed by md5).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from zotsync.emulators.core.http import Request, Response
from zotsync.emulators.zotero.errors import ApiError
from zotsync.emulators.zotero.store import Item, Library, now_iso

FILE_MODES = ("imported_file", "imported_url")
UPLOAD_PATH = "/_storage/upload/"


@dataclass
class Upload:
    """An authorised upload (step 1) waiting for its bytes (step 2) and registration (step 3)."""

    library: tuple[str, int]
    item_key: str
    md5: str
    filename: str
    filesize: int
    mtime: int
    content_type: str
    boundary: str
    received: bytes | None = None


class FileStore:
    """File storage for all libraries of one emulated server."""

    def __init__(self, quota: int | None = None):
        self.quota = quota  # bytes per library; None = unlimited
        self.blobs: dict[str, bytes] = {}  # md5 -> bytes
        self.pending: dict[str, Upload] = {}  # upload key -> upload

    def reset(self) -> None:
        self.blobs.clear()
        self.pending.clear()

    # ------------------------------------------------------------------ step 1 and 3

    def post(self, lib: Library, key: str, request: Request, base: str) -> Response:
        item = _file_item(lib, key)
        form = {k: v[0] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()}
        current = item.attachment.get("md5")
        match, none_match = request.headers.get("If-Match"), request.headers.get("If-None-Match")
        if match is None and none_match is None:
            raise ApiError(428, "If-Match/If-None-Match header not provided")
        if none_match is not None and none_match.strip() == "*" and current:
            raise ApiError(412, "If-None-Match: * set but file exists")
        if match is not None and match.strip() != (current or ""):
            raise ApiError(
                412,
                "If-Match set but file does not exist"
                if not current
                else "If-Match header does not match the current file",
            )
        if "upload" in form:
            return self._register(lib, item, form["upload"])
        return self._authorize(lib, item, form, base)

    def _authorize(self, lib: Library, item: Item, form: dict[str, str], base: str) -> Response:
        for name in ("md5", "filename", "filesize", "mtime"):
            if not form.get(name):
                raise ApiError(400, f"{name} not provided")
        try:
            size, mtime = int(form["filesize"]), int(form["mtime"])
        except ValueError:
            raise ApiError(400, "Invalid filesize or mtime") from None
        md5 = form["md5"].lower()
        if md5 in self.blobs and len(self.blobs[md5]) == size:
            self._attach(lib, item, md5, form["filename"], mtime, form.get("contentType"))
            return _json_versioned({"exists": 1}, lib.version)
        used = self.used(lib)
        if self.quota is not None and used + size > self.quota:
            raise ApiError(
                413,
                f"File would exceed quota ({(used + size) / 1e6:.1f} > {self.quota / 1e6:.1f})",
            )
        upload_key = secrets.token_hex(16)
        boundary = "---------------------------" + secrets.token_hex(8)
        self.pending[upload_key] = Upload(
            (lib.type, lib.id),
            item.key,
            md5,
            form["filename"],
            size,
            mtime,
            form.get("contentType") or item.attachment.get("contentType") or "",
            boundary,
        )
        url = f"{base}{UPLOAD_PATH}{upload_key}"
        if form.get("params") == "1":
            return Response.json(
                {
                    "url": url,
                    "params": {"key": upload_key, "acl": "private"},
                    "uploadKey": upload_key,
                }
            )
        prefix = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\n{upload_key}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n'
        )
        return Response.json(
            {
                "url": url,
                "contentType": f"multipart/form-data; boundary={boundary}",
                "prefix": prefix,
                "suffix": f"\r\n--{boundary}--",
                "uploadKey": upload_key,
            }
        )

    def _register(self, lib: Library, item: Item, upload_key: str) -> Response:
        upload = self.pending.get(upload_key)
        if upload is None or upload.item_key != item.key or upload.library != (lib.type, lib.id):
            raise ApiError(400, "Upload key not found")
        if upload.received is None:
            raise ApiError(400, "File not uploaded")
        del self.pending[upload_key]
        self.blobs[upload.md5] = upload.received
        self._attach(lib, item, upload.md5, upload.filename, upload.mtime, upload.content_type)
        return Response(204, b"", [("Last-Modified-Version", str(lib.version))])

    def _attach(
        self,
        lib: Library,
        item: Item,
        md5: str,
        filename: str,
        mtime: int,
        content_type: str | None,
    ) -> None:
        item.attachment.update(md5=md5, filename=filename, mtime=mtime)
        if content_type:
            item.attachment["contentType"] = content_type
        item.version = lib.bump()
        item.date_modified = now_iso()

    # ------------------------------------------------------------------ step 2

    def receive(self, upload_key: str, request: Request) -> Response:
        """The storage service's side (S3 in the real service): the bytes of one authorised upload."""
        upload = self.pending.get(upload_key)
        if upload is None:
            return Response.text("Upload not authorised", status=403)
        content = _file_part(request)
        if content is None:
            return Response.text("No file in the upload", status=400)
        if len(content) != upload.filesize or hashlib.md5(content).hexdigest() != upload.md5:  # noqa: S324
            return Response.text("The file does not match its md5 and size", status=400)
        upload.received = content
        return Response(201, b"")

    # ------------------------------------------------------------------ downloads, quota

    def download(self, lib: Library, key: str) -> Response:
        item = _file_item(lib, key)
        blob = self.blobs.get(item.attachment.get("md5") or "")
        if blob is None:
            raise ApiError(404, "File not found")
        return Response(
            200,
            blob,
            [("Content-Type", item.attachment.get("contentType") or "application/octet-stream")],
        )

    def used(self, lib: Library) -> int:
        md5s = {i.attachment.get("md5") for i in lib.items.values() if not i.deleted}
        return sum(len(self.blobs[m]) for m in md5s if m in self.blobs)


def _file_item(lib: Library, key: str) -> Item:
    item = lib.items.get(key)
    if item is None:
        raise ApiError(404, "Item not found")
    if item.item_type != "attachment":
        raise ApiError(400, "Item is not an attachment")
    if item.attachment.get("linkMode") not in FILE_MODES:
        raise ApiError(400, "Item is not a file attachment")
    return item


def _file_part(request: Request) -> bytes | None:
    """The ``file`` field of a multipart upload (prefix + file + suffix, or a real form)."""
    content_type = request.headers.get("Content-Type") or ""
    if "multipart/form-data" not in content_type:
        return None
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + request.body
    )
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            return part.get_payload(decode=True)
    return None


def _json_versioned(obj: dict, version: int) -> Response:
    response = Response.json(obj)
    response.headers.append(("Last-Modified-Version", str(version)))
    return response
