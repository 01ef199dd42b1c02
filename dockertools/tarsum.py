"""Docker's "tarsum" checksum (version 1, sha256) of a tar stream.

Usage: tarsum < layer.tar

Prints "tarsum.v1+sha256:<hex>" and a newline, the value that Docker's Go
package pkg/tarsum (NewTarSum(stdin, true, Version1) followed by Sum(nil))
gives for the same bytes.  This is what nixpkgs' dockerTools stores in the
"checksum" field of a layer's json.

The algorithm:

* every entry that Go's archive/tar Reader returns from Next() gets its own
  sha256 over a selection of header fields followed by the entry's content:
  "name" NAME "mode" MODE "uid" UID "gid" GID "size" SIZE "typeflag" FLAG
  "linkname" LINK "uname" "gname" "devmajor" MAJ "devminor" MIN, numbers in
  decimal, user and group names always empty, then each extended attribute
  (PAX "SCHILY.xattr." records) as KEY VALUE in key order;
* the per-entry hex digests are sorted and the sha256 of their concatenation
  is the result.

Go's tar reader is emulated here byte for byte rather than using Python's
tarfile module, because tarfile normalises what it reads (it strips the
trailing slash of directory names, applies PAX global headers to later
members, turns old-style regular files into directories...), while tarsum
hashes exactly what Go's reader reports.  Only the standard library is used
and contents are streamed, never held in memory.
"""

import hashlib
import sys

BLOCK = 512
CHUNK = 1 << 20
MAX_SPECIAL_FILE = 1 << 20
INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1

# Format guesses, as bit flags like Go's archive/tar.Format.
FORMAT_UNKNOWN = 0
FORMAT_V7 = 1
FORMAT_USTAR = 2
FORMAT_PAX = 4
FORMAT_GNU = 8
FORMAT_STAR = 16

HEADER_ONLY_TYPES = frozenset(b"123456")
TYPE_REG_A = 0
TYPE_XHEADER = ord("x")
TYPE_XGLOBAL = ord("g")
TYPE_GNU_SPARSE = ord("S")
TYPE_GNU_LONGNAME = ord("L")
TYPE_GNU_LONGLINK = ord("K")
TYPE_DIR = ord("5")
TYPE_REG = ord("0")
# Types that Go's tar Writer refuses with a trailing slash in the name
# (tarsum re-encodes every header it reads, so these make it fail).
NO_TRAILING_SLASH_TYPES = frozenset(b"0346S")

XATTR_PREFIX = b"SCHILY.xattr."
ZEROS = bytes(CHUNK)


class TarsumError(Exception):
    """The input is not a tar stream that Docker's tarsum accepts."""


class _Header:
    __slots__ = ("name", "linkname", "typeflag", "mode", "uid", "gid",
                 "size", "uname", "gname", "devmajor", "devminor",
                 "xattrs", "pax")

    def __init__(self):
        self.name = b""
        self.linkname = b""
        self.typeflag = 0
        self.mode = 0
        self.uid = 0
        self.gid = 0
        self.size = 0
        self.uname = b""
        self.gname = b""
        self.devmajor = 0
        self.devminor = 0
        self.xattrs = {}
        self.pax = {}


# -- number and string fields -------------------------------------------------

def _cstring(field):
    """Bytes up to the first NUL (the whole field if there is none)."""
    end = field.find(b"\0")
    return bytes(field if end < 0 else field[:end])


def _wrap_int64(value):
    return value - (1 << 64) if value > INT64_MAX else value


def _parse_octal(field):
    digits = _cstring(bytes(field).strip(b" \0"))
    if not digits:
        return 0
    if digits.strip(b"01234567"):
        raise TarsumError("invalid octal number %r in tar header"
                          % digits.decode("latin-1"))
    value = int(digits, 8)
    if value >= 1 << 64:
        raise TarsumError("octal number out of range in tar header")
    return _wrap_int64(value)


def _parse_numeric(field):
    """A header number: octal, or GNU base-256 when the top bit is set."""
    if field and field[0] & 0x80:
        invert = 0xFF if field[0] & 0x40 else 0
        value = 0
        for index, byte in enumerate(field):
            byte ^= invert
            if index == 0:
                byte &= 0x7F
            if value >> 56:
                raise TarsumError("base-256 number overflows in tar header")
            value = (value << 8) | byte
        if value >> 63:
            raise TarsumError("base-256 number overflows in tar header")
        return ~value if invert else value
    return _parse_octal(field)


def _parse_decimal(text, what):
    """Go's strconv.ParseInt(text, 10, 64): optional sign, digits only."""
    digits = text[1:] if text[:1] in (b"+", b"-") else text
    if not digits or digits.strip(b"0123456789"):
        raise TarsumError("invalid %s %r" % (what, text.decode("latin-1")))
    value = int(text)
    if not INT64_MIN <= value <= INT64_MAX:
        raise TarsumError("%s out of range" % what)
    return value


def _check_pax_time(text):
    seconds, _, fraction = text.partition(b".")
    _parse_decimal(seconds, "PAX time")
    if fraction.strip(b"0123456789"):
        raise TarsumError("invalid PAX time %r" % text.decode("latin-1"))


def _is_ascii(data):
    return all(byte < 0x80 for byte in data)


# -- the input stream ---------------------------------------------------------

class _Input:
    """Reads exact amounts from a binary file object."""

    def __init__(self, fileobj):
        self._file = fileobj

    def read_upto(self, size):
        """Up to size bytes; fewer only at end of input."""
        parts = []
        while size > 0:
            data = self._file.read(size)
            if not data:
                break
            parts.append(data)
            size -= len(data)
        return b"".join(parts)

    def read_exact(self, size):
        data = self.read_upto(size)
        if len(data) != size:
            raise TarsumError("unexpected end of tar stream")
        return data

    def chunks(self, size):
        """Yield exactly size bytes in pieces, or fail at end of input."""
        while size > 0:
            data = self._file.read(min(size, CHUNK))
            if not data:
                raise TarsumError("unexpected end of tar stream")
            size -= len(data)
            yield data

    def skip(self, size):
        for _ in self.chunks(size):
            pass


# -- headers ------------------------------------------------------------------

def _checksum_ok(block):
    try:
        stored = _parse_octal(block[148:156])
    except TarsumError:
        return False
    # Unsigned byte sum with the checksum field counted as spaces; some old
    # tars used signed bytes, which Go also accepts.
    unsigned = sum(block) - sum(block[148:156]) + 8 * 0x20
    if stored == unsigned:
        return True
    high = sum(1 for b in block if b >= 0x80)
    high -= sum(1 for b in block[148:156] if b >= 0x80)
    return stored == unsigned - 256 * high


def _block_format(block):
    if not _checksum_ok(block):
        return FORMAT_UNKNOWN
    magic = block[257:263]
    if magic == b"ustar\0" and block[508:512] == b"tar\0":
        return FORMAT_STAR
    if magic == b"ustar\0":
        return FORMAT_USTAR | FORMAT_PAX
    if magic == b"ustar " and block[263:265] == b" \0":
        return FORMAT_GNU
    return FORMAT_V7


def _parse_block(block):
    fmt = _block_format(block)
    if fmt == FORMAT_UNKNOWN:
        raise TarsumError("invalid tar header (bad checksum or format)")
    hdr = _Header()
    hdr.typeflag = block[156]
    hdr.name = _cstring(block[0:100])
    hdr.linkname = _cstring(block[157:257])
    hdr.size = _parse_numeric(block[124:136])
    hdr.mode = _parse_numeric(block[100:108])
    hdr.uid = _parse_numeric(block[108:116])
    hdr.gid = _parse_numeric(block[116:124])
    _parse_numeric(block[136:148])  # mtime: not summed, but must parse
    if fmt > FORMAT_V7:
        hdr.uname = _cstring(block[265:297])
        hdr.gname = _cstring(block[297:329])
        hdr.devmajor = _parse_numeric(block[329:337])
        hdr.devminor = _parse_numeric(block[337:345])
        prefix = b""
        if fmt & (FORMAT_USTAR | FORMAT_PAX):
            prefix = _cstring(block[345:500])
        elif fmt == FORMAT_STAR:
            prefix = _cstring(block[345:476])
            _parse_numeric(block[476:488])
            _parse_numeric(block[488:500])
        elif fmt == FORMAT_GNU:
            # atime and ctime; files from Go before 1.8 put a USTAR prefix
            # there instead, which Go's reader still accepts.
            try:
                if block[345]:
                    _parse_numeric(block[345:357])
                if block[357]:
                    _parse_numeric(block[357:369])
            except TarsumError:
                candidate = _cstring(block[345:500])
                if _is_ascii(candidate):
                    prefix = candidate
        if prefix:
            hdr.name = prefix + b"/" + hdr.name
    return hdr


def _parse_pax(data):
    records = {}
    sparse_map = []
    while data:
        length_text, space, _ = data.partition(b" ")
        if not space:
            raise TarsumError("invalid PAX record")
        try:
            length = _parse_decimal(length_text, "PAX record length")
        except TarsumError:
            raise TarsumError("invalid PAX record") from None
        if length < 5 or length > len(data):
            raise TarsumError("invalid PAX record")
        if length <= len(length_text) + 1 or data[length - 1:length] != b"\n":
            raise TarsumError("invalid PAX record")
        record = data[len(length_text) + 1:length - 1]
        data = data[length:]
        key, equals, value = record.partition(b"=")
        if not equals or not key:
            raise TarsumError("invalid PAX record")
        if key in (b"path", b"linkpath", b"uname", b"gname"):
            if b"\0" in value:
                raise TarsumError("invalid PAX record")
        elif b"\0" in key:
            raise TarsumError("invalid PAX record")
        if key in (b"GNU.sparse.offset", b"GNU.sparse.numbytes"):
            want = (b"GNU.sparse.offset" if len(sparse_map) % 2 == 0
                    else b"GNU.sparse.numbytes")
            if key != want or b"," in value:
                raise TarsumError("invalid GNU sparse PAX records")
            sparse_map.append(value)
        else:
            records[key] = value
    if sparse_map:
        records[b"GNU.sparse.map"] = b",".join(sparse_map)
    return records


def _merge_pax(hdr, records, strict=True):
    for key, value in records.items():
        if not value:
            continue
        try:
            if key == b"path":
                hdr.name = value
            elif key == b"linkpath":
                hdr.linkname = value
            elif key == b"uname":
                hdr.uname = value
            elif key == b"gname":
                hdr.gname = value
            elif key == b"uid":
                hdr.uid = _parse_decimal(value, "PAX uid")
            elif key == b"gid":
                hdr.gid = _parse_decimal(value, "PAX gid")
            elif key in (b"atime", b"mtime", b"ctime"):
                _check_pax_time(value)
            elif key == b"size":
                hdr.size = _parse_decimal(value, "PAX size")
            elif key.startswith(XATTR_PREFIX):
                hdr.xattrs[key[len(XATTR_PREFIX):]] = value
        except TarsumError:
            if strict:
                raise
    hdr.pax = records


# -- entries ------------------------------------------------------------------

class _Entry:
    """One entry as Go's reader reports it, with a reader of its content."""

    def __init__(self, header, inp, physical, fragments=None):
        self.header = header
        self._input = inp
        self.remaining = physical     # content bytes left in the archive
        self._fragments = fragments   # None, or sparse data (offset, length)
        self.padding_after = 0        # stored size the block padding follows

    def _stored(self, size):
        for chunk in self._input.chunks(size):
            self.remaining -= len(chunk)
            yield chunk

    def content(self):
        """Yield the logical content (sparse holes read back as zeros)."""
        if self._fragments is None:
            yield from self._stored(self.remaining)
            return
        position = 0
        for offset, length in self._fragments:
            yield from _zeros(offset - position)
            yield from self._stored(length)
            position = offset + length
        yield from _zeros(self.header.size - position)

    def skip_rest(self):
        self._input.skip(self.remaining)
        self.remaining = 0


def _zeros(count):
    while count > 0:
        piece = min(count, CHUNK)
        yield ZEROS if piece == CHUNK else ZEROS[:piece]
        count -= piece


def _read_special(inp, size):
    if size > MAX_SPECIAL_FILE:
        raise TarsumError("tar meta header is too long")
    return inp.read_exact(size)


def _skip_padding(inp, stored):
    """Skip the padding after stored content bytes.  True when the input
    ends inside it, which Go's reader takes as the end of the archive."""
    padding = -stored % BLOCK
    return padding > 0 and len(inp.read_upto(padding)) < padding


def _read_header_block(inp):
    """The next header block, or None at the end of the archive."""
    block = inp.read_upto(BLOCK)
    if not block:
        return None
    if len(block) == BLOCK and block == ZEROS[:BLOCK]:
        block = inp.read_upto(BLOCK)
        if not block or block == ZEROS[:BLOCK]:
            return None
        if len(block) == BLOCK:
            raise TarsumError("invalid tar header after a zero block")
    if len(block) < BLOCK:
        raise TarsumError("unexpected end of tar stream")
    return block


def iter_entries(fileobj):
    """Yield the entries of a tar stream the way Go's archive/tar sees them.

    Content that the caller leaves unread is skipped before the next entry.
    """
    inp = _Input(fileobj)
    while True:
        entry = _next_entry(inp)
        if entry is None:
            return
        yield entry
        entry.skip_rest()
        if entry.padding_after and _skip_padding(inp, entry.padding_after):
            return


def _next_entry(inp):
    pax = {}
    long_name = long_link = b""
    while True:
        block = _read_header_block(inp)
        if block is None:
            return None
        hdr = _parse_block(block)
        flag = hdr.typeflag
        stored = 0 if flag in HEADER_ONLY_TYPES else hdr.size
        if stored < 0:
            raise TarsumError("negative size in tar header")
        if flag in (TYPE_XHEADER, TYPE_XGLOBAL):
            pax = _parse_pax(_read_special(inp, stored))
            if flag == TYPE_XGLOBAL:
                # Go reports a global header as an entry of its own and
                # never applies it to the entries that follow.
                entry = _global_entry(hdr, pax, inp)
                entry.padding_after = stored
                return entry
        elif flag in (TYPE_GNU_LONGNAME, TYPE_GNU_LONGLINK):
            value = _cstring(_read_special(inp, stored))
            if flag == TYPE_GNU_LONGNAME:
                long_name = value
            else:
                long_link = value
        else:
            break
        if _skip_padding(inp, stored):
            return None
    _merge_pax(hdr, pax)
    if long_name:
        hdr.name = long_name
    if long_link:
        hdr.linkname = long_link
    if hdr.typeflag == TYPE_REG_A:
        hdr.typeflag = TYPE_DIR if hdr.name.endswith(b"/") else TYPE_REG
    stored = 0 if hdr.typeflag in HEADER_ONLY_TYPES else hdr.size
    if stored < 0:
        raise TarsumError("negative size in tar header")
    entry = _file_entry(inp, hdr, block, stored)
    entry.padding_after = stored
    return entry


def _global_entry(hdr, pax, inp):
    result = _Header()
    result.typeflag = TYPE_XGLOBAL
    _merge_pax(result, pax, strict=False)
    result.name = pax.get(b"path") or hdr.name
    result.linkname = result.uname = result.gname = b""
    result.uid = result.gid = result.size = 0
    return _Entry(result, inp, 0)


def _old_gnu_sparse(inp, hdr, block):
    if _block_format(block) != FORMAT_GNU:
        raise TarsumError("invalid old GNU sparse header")
    hdr.size = _parse_numeric(block[483:495])
    fragments = []
    area, count, extended = block[386:482], 4, block[482]
    while True:
        for index in range(count):
            item = area[index * 24:index * 24 + 24]
            if item[0] == 0:
                break
            fragments.append((_parse_numeric(item[0:12]),
                              _parse_numeric(item[12:24])))
        if not extended:
            return fragments
        block = inp.read_exact(BLOCK)
        area, count, extended = block[0:504], 21, block[504]


def _pax_sparse(inp, hdr, stored):
    """GNU PAX sparse map: (fragments or None, map bytes in the content)."""
    records = hdr.pax
    major = records.get(b"GNU.sparse.major", b"")
    minor = records.get(b"GNU.sparse.minor", b"")
    if major == b"0" and minor in (b"0", b"1"):
        version_1 = False
    elif major == b"1" and minor == b"0":
        version_1 = True
    elif major or minor:
        return None, 0
    elif records.get(b"GNU.sparse.map", b""):
        version_1 = False
    else:
        return None, 0
    name = records.get(b"GNU.sparse.name", b"")
    if name:
        hdr.name = name
    size = (records.get(b"GNU.sparse.size", b"")
            or records.get(b"GNU.sparse.realsize", b""))
    if size:
        hdr.size = _parse_decimal(size, "GNU sparse size")
    if version_1:
        return _sparse_map_1x0(inp, stored)
    count = _parse_decimal(records.get(b"GNU.sparse.numblocks", b""),
                           "GNU sparse block count")
    numbers = records.get(b"GNU.sparse.map", b"").split(b",")
    if numbers == [b""]:
        numbers = []
    if count < 0 or len(numbers) != 2 * count:
        raise TarsumError("GNU sparse map does not match its block count")
    values = [_parse_decimal(n, "GNU sparse map entry") for n in numbers]
    return list(zip(values[0::2], values[1::2])), 0


def _sparse_map_1x0(inp, stored):
    """The map that GNU's sparse format 1.0 keeps in front of the data."""
    buffer = bytearray()
    state = {"newlines": 0, "used": 0, "start": 0}

    def feed(wanted):
        while state["newlines"] < wanted:
            if stored - state["used"] < BLOCK:
                raise TarsumError("unexpected end of GNU sparse map")
            block = inp.read_exact(BLOCK)
            state["used"] += BLOCK
            state["newlines"] += block.count(b"\n")
            buffer.extend(block)

    def token():
        start = state["start"]
        end = buffer.index(b"\n", start)
        state["start"] = end + 1
        state["newlines"] -= 1
        return bytes(buffer[start:end])

    feed(1)
    count = _parse_decimal(token(), "GNU sparse entry count")
    if count < 0:
        raise TarsumError("invalid GNU sparse entry count")
    feed(2 * count)
    numbers = [_parse_decimal(token(), "GNU sparse map entry")
               for _ in range(2 * count)]
    return list(zip(numbers[0::2], numbers[1::2])), state["used"]


def _check_fragments(fragments, size):
    if size < 0:
        return False
    previous_end = 0
    for offset, length in fragments:
        if offset < 0 or length < 0 or offset > INT64_MAX - length:
            return False
        if offset + length > size or previous_end > offset:
            return False
        previous_end = offset + length
    return True


def _file_entry(inp, hdr, block, stored):
    used = 0
    if hdr.typeflag == TYPE_GNU_SPARSE:
        fragments = _old_gnu_sparse(inp, hdr, block)
    else:
        fragments, used = _pax_sparse(inp, hdr, stored)
    if fragments is not None:
        if (hdr.typeflag in HEADER_ONLY_TYPES
                or not _check_fragments(fragments, hdr.size)):
            raise TarsumError("invalid sparse file map")
        fragments = [(o, n) for o, n in fragments if n > 0]
        if sum(n for _, n in fragments) != stored - used:
            raise TarsumError("sparse file map does not match its data")
    if (hdr.typeflag in NO_TRAILING_SLASH_TYPES
            and hdr.name.endswith(b"/")):
        raise TarsumError("tar entry %r of this type may not end with '/'"
                          % hdr.name.decode("utf-8", "replace"))
    return _Entry(hdr, inp, stored - used, fragments)


# -- the checksum -------------------------------------------------------------

def header_bytes(hdr):
    """The header fields that tarsum v1 hashes, in order."""
    parts = [
        b"name", hdr.name,
        b"mode", b"%d" % hdr.mode,
        b"uid", b"%d" % hdr.uid,
        b"gid", b"%d" % hdr.gid,
        b"size", b"%d" % hdr.size,
        b"typeflag", bytes([hdr.typeflag]),
        b"linkname", hdr.linkname,
        b"uname", b"gname",  # tarsum blanks user and group names
        b"devmajor", b"%d" % hdr.devmajor,
        b"devminor", b"%d" % hdr.devminor,
    ]
    # Docker builds its key list with len(xattrs) empty strings in front of
    # the real keys, so the value of the "" key (if any) is repeated.
    blank = hdr.xattrs.get(b"", b"")
    parts.extend([blank] * len(hdr.xattrs))
    for key in sorted(hdr.xattrs):
        parts.append(key)
        parts.append(hdr.xattrs[key])
    return b"".join(parts)


def _clean_name(name):
    """Go's path.Join(".", path.Join("/", name))."""
    parts = []
    for part in name.split(b"/"):
        if part in (b"", b"."):
            continue
        if part == b"..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return b"/".join(parts) or b"."


def file_sums(fileobj):
    """[(clean name, hex sum)] for each entry, in archive order."""
    sums = []
    for entry in iter_entries(fileobj):
        digest = hashlib.sha256(header_bytes(entry.header))
        for chunk in entry.content():
            digest.update(chunk)
        sums.append((_clean_name(entry.header.name), digest.hexdigest()))
    return sums


def tarsum(fileobj):
    """The tarsum.v1+sha256 of the tar stream read from a binary file."""
    sums = file_sums(fileobj)
    names = [name for name, _ in sums]
    if len(set(names)) == len(names):
        ordered = sorted(hexsum for _, hexsum in sums)
    else:
        ordered = _go_sort_with_duplicates(sums)
    total = hashlib.sha256()
    for hexsum in ordered:
        total.update(hexsum.encode("ascii"))
    return "tarsum.v1+sha256:" + total.hexdigest()


# -- Go's sort.Sort, for archives with duplicate names ------------------------
#
# With duplicate names Docker compares two entries by position when their
# names are equal and by sum otherwise.  That is not a consistent order, so
# the result depends on the exact steps of Go's sort.Sort (pattern-defeating
# quicksort since Go 1.19), which are reproduced here.

def _go_sort_with_duplicates(sums):
    items = [(name, hexsum, pos) for pos, (name, hexsum) in enumerate(sums)]

    def less(i, j):
        a, b = items[i], items[j]
        if a[0] == b[0]:
            return a[2] < b[2]
        return a[1] < b[1]

    def swap(i, j):
        items[i], items[j] = items[j], items[i]

    _GoSorter(less, swap).sort(len(items))
    return [hexsum for _, hexsum, _ in items]


class _GoSorter:
    MAX_INSERTION = 12
    SHORTEST_NINTHER = 50
    MAX_SWAPS = 12
    INCREASING, DECREASING, UNKNOWN = range(3)

    def __init__(self, less, swap):
        self.less = less
        self.swap = swap

    def sort(self, n):
        if n > 1:
            self.pdqsort(0, n, n.bit_length())

    def insertion_sort(self, a, b):
        for i in range(a + 1, b):
            j = i
            while j > a and self.less(j, j - 1):
                self.swap(j, j - 1)
                j -= 1

    def sift_down(self, lo, hi, first):
        root = lo
        while True:
            child = 2 * root + 1
            if child >= hi:
                return
            if child + 1 < hi and self.less(first + child, first + child + 1):
                child += 1
            if not self.less(first + root, first + child):
                return
            self.swap(first + root, first + child)
            root = child

    def heap_sort(self, a, b):
        hi = b - a
        for i in range((hi - 1) // 2, -1, -1):
            self.sift_down(i, hi, a)
        for i in range(hi - 1, -1, -1):
            self.swap(a, a + i)
            self.sift_down(0, i, a)

    def pdqsort(self, a, b, limit):
        was_balanced = True
        was_partitioned = True
        while True:
            length = b - a
            if length <= self.MAX_INSERTION:
                self.insertion_sort(a, b)
                return
            if limit == 0:
                self.heap_sort(a, b)
                return
            if not was_balanced:
                self.break_patterns(a, b)
                limit -= 1
            pivot, hint = self.choose_pivot(a, b)
            if hint == self.DECREASING:
                self.reverse_range(a, b)
                pivot = (b - 1) - (pivot - a)
                hint = self.INCREASING
            if (was_balanced and was_partitioned
                    and hint == self.INCREASING
                    and self.partial_insertion_sort(a, b)):
                return
            if a > 0 and not self.less(a - 1, pivot):
                a = self.partition_equal(a, b, pivot)
                continue
            mid, was_partitioned = self.partition(a, b, pivot)
            left, right = mid - a, b - mid
            threshold = length // 8
            if left < right:
                was_balanced = left >= threshold
                self.pdqsort(a, mid, limit)
                a = mid + 1
            else:
                was_balanced = right >= threshold
                self.pdqsort(mid + 1, b, limit)
                b = mid

    def partition(self, a, b, pivot):
        less, swap = self.less, self.swap
        swap(a, pivot)
        i, j = a + 1, b - 1
        while i <= j and less(i, a):
            i += 1
        while i <= j and not less(j, a):
            j -= 1
        if i > j:
            swap(j, a)
            return j, True
        swap(i, j)
        i += 1
        j -= 1
        while True:
            while i <= j and less(i, a):
                i += 1
            while i <= j and not less(j, a):
                j -= 1
            if i > j:
                break
            swap(i, j)
            i += 1
            j -= 1
        swap(j, a)
        return j, False

    def partition_equal(self, a, b, pivot):
        less, swap = self.less, self.swap
        swap(a, pivot)
        i, j = a + 1, b - 1
        while True:
            while i <= j and not less(a, i):
                i += 1
            while i <= j and less(a, j):
                j -= 1
            if i > j:
                return i
            swap(i, j)
            i += 1
            j -= 1

    def partial_insertion_sort(self, a, b):
        less, swap = self.less, self.swap
        i = a + 1
        for _ in range(5):
            while i < b and not less(i, i - 1):
                i += 1
            if i == b:
                return True
            if b - a < 50:
                return False
            swap(i, i - 1)
            if i - a >= 2:
                j = i - 1
                while j >= 1 and less(j, j - 1):
                    swap(j, j - 1)
                    j -= 1
            if b - i >= 2:
                j = i + 1
                while j < b and less(j, j - 1):
                    swap(j, j - 1)
                    j += 1
        return False

    def break_patterns(self, a, b):
        length = b - a
        if length < 8:
            return
        state = length
        modulus = 1 << length.bit_length()
        mask = (1 << 64) - 1
        start = a + (length // 4) * 2 - 1
        for index in range(start, start + 3):
            state ^= (state << 13) & mask
            state ^= state >> 17
            state ^= (state << 5) & mask
            other = state & (modulus - 1)
            if other >= length:
                other -= length
            self.swap(index, a + other)

    def choose_pivot(self, a, b):
        length = b - a
        swaps = [0]
        i = a + length // 4
        j = a + length // 4 * 2
        k = a + length // 4 * 3
        if length >= 8:
            if length >= self.SHORTEST_NINTHER:
                i = self.median(i - 1, i, i + 1, swaps)
                j = self.median(j - 1, j, j + 1, swaps)
                k = self.median(k - 1, k, k + 1, swaps)
            j = self.median(i, j, k, swaps)
        if swaps[0] == 0:
            return j, self.INCREASING
        if swaps[0] == self.MAX_SWAPS:
            return j, self.DECREASING
        return j, self.UNKNOWN

    def median(self, a, b, c, swaps):
        a, b = self.order2(a, b, swaps)
        b, c = self.order2(b, c, swaps)
        a, b = self.order2(a, b, swaps)
        return b

    def order2(self, a, b, swaps):
        if self.less(b, a):
            swaps[0] += 1
            return b, a
        return a, b

    def reverse_range(self, a, b):
        i, j = a, b - 1
        while i < j:
            self.swap(i, j)
            i += 1
            j -= 1


# -- command line -------------------------------------------------------------

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        sys.stderr.write("usage: tarsum < file.tar\n")
        return 2
    try:
        result = tarsum(sys.stdin.buffer)
    except TarsumError as error:
        sys.stderr.write("tarsum: %s\n" % error)
        return 1
    except OSError as error:
        sys.stderr.write("tarsum: cannot read input: %s\n" % error)
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("tarsum: interrupted\n")
        return 130
    sys.stdout.write(result + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
