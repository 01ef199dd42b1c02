"""nixlite's own store: the files of its store paths and the database of
valid ones.

Store paths are logical (`/nix/store/…` by default, so they hash as Nix's
do); their files live under nixlite's root, which is never a store real Nix
owns: ROOT/store/<hash-name>. ROOT/var/nixlite/db.sqlite records the valid
paths with their NAR hash and size, references and deriver, in tables
modelled on Nix's (ValidPaths, Refs), in WAL mode so that several nixlite
processes can use it at once.

A path becomes valid only once its files are complete: they are written
under a temporary name, made read-only with Nix's canonical metadata
(mtime 1, modes 0444/0555), renamed into place, hashed, and only then
registered, in one transaction with everything registered alongside.
"""

import contextlib
import errno
import os
import threading
import shutil
import sqlite3
import stat
import time

from nixlite.hashing import base32
from nixlite.store import noreplace, pathlocks, paths
from nixlite.store.nar import file_nar_hash, nar_hash
from nixlite.storedir import default_root

SCHEMA = """
create table if not exists ValidPaths (
    id               integer primary key autoincrement not null,
    path             text unique not null,
    hash             text not null,
    registrationTime integer not null,
    deriver          text,
    narSize          integer
);
create table if not exists Refs (
    referrer  integer not null,
    reference integer not null,
    primary key (referrer, reference),
    foreign key (referrer) references ValidPaths(id) on delete cascade,
    foreign key (reference) references ValidPaths(id) on delete restrict
);
create index if not exists IndexReferrer on Refs(referrer);
create index if not exists IndexReference on Refs(reference);
"""


class PathInfo:
    __slots__ = ("path", "nar_hash", "nar_size", "references", "deriver")

    def __init__(self, path, nar_hash, nar_size, references, deriver):
        self.path, self.nar_hash, self.nar_size = path, nar_hash, nar_size
        self.references, self.deriver = references, deriver


class Store:
    """A store rooted at `root` whose logical directory is `store_dir`."""

    def __init__(self, root=None, store_dir=paths.STORE_DIR):
        self.root = os.path.abspath(root or default_root())
        self.store_dir = store_dir
        self.physical = os.path.join(self.root, "store")
        os.makedirs(self.physical, exist_ok=True)
        db_dir = os.path.join(self.root, "var", "nixlite")
        os.makedirs(db_dir, exist_ok=True)
        self.db = sqlite3.connect(os.path.join(db_dir, "db.sqlite"), timeout=60, isolation_level=None,
                                  check_same_thread=False)
        self.db.execute("pragma busy_timeout = 60000")
        self.db.execute("pragma foreign_keys = on")
        self.db.execute("pragma synchronous = normal")  # as Nix sets it: WAL commits need no fsync
        # Setting up the database (WAL mode, the tables) can meet another
        # process doing the same; SQLite does not wait for that, so retry.
        for attempt in range(200):
            try:
                self.db.execute("pragma journal_mode = wal")
                self.db.executescript(SCHEMA)
                break
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or attempt == 199:
                    raise
                time.sleep(0.05)
        # Registrations waiting for their batch's transaction, per thread
        # (parallel builds each register their own outputs); the one
        # connection is used by one thread at a time.
        self._local = threading.local()
        self._lock = threading.RLock()
        self._known = set()    # paths added by this process

    # -- locations -------------------------------------------------------------

    def physical_path(self, store_path):
        """Where the files of a logical store path are."""
        prefix = self.store_dir + "/"
        if not store_path.startswith(prefix):
            raise ValueError(f"path '{store_path}' is not in the Nix store")
        return os.path.join(self.physical, store_path[len(prefix):].split("/", 1)[0])

    # -- queries -----------------------------------------------------------------

    def is_valid(self, store_path):
        """Whether the path is valid (or added in the batch under way)."""
        if store_path in self._known:
            return True
        with self._lock:
            return self.db.execute("select 1 from ValidPaths where path = ?", (store_path,)).fetchone() is not None

    def valid_among(self, store_paths):
        """The valid ones of `store_paths`, in one query per 500."""
        wanted = sorted(set(store_paths))
        found = {p for p in wanted if p in self._known}
        rest = [p for p in wanted if p not in found]
        with self._lock:
            for i in range(0, len(rest), 500):
                chunk = rest[i:i + 500]
                found.update(row[0] for row in self.db.execute(
                    f"select path from ValidPaths where path in ({','.join('?' * len(chunk))})", chunk))
        return found

    def query(self, store_path):
        pending = getattr(self._local, "pending", None)
        if pending and store_path in pending:   # registered in the batch under way
            return pending[store_path]
        with self._lock:
            row = self.db.execute(
                "select id, hash, narSize, deriver from ValidPaths where path = ?", (store_path,)).fetchone()
            if row is None:
                return None
            refs = [r[0] for r in self.db.execute(
                "select v.path from Refs r join ValidPaths v on v.id = r.reference where r.referrer = ?",
                (row[0],))]
        return PathInfo(store_path, row[1], row[2], sorted(refs), row[3])

    def closure(self, store_paths, references=None):
        """The paths and all they refer to. `references`, a dict kept by the
        caller across calls, saves reading a path's references twice."""
        references = {} if references is None else references
        seen, todo = set(), list(store_paths)
        while todo:
            p = todo.pop()
            if p in seen:
                continue
            seen.add(p)
            refs = references.get(p)
            if refs is None:
                info = self.query(p)
                if info is None:
                    raise KeyError(p)
                refs = references[p] = info.references
            todo.extend(refs)
        return seen

    def all_valid(self):
        with self._lock:
            return [r[0] for r in self.db.execute("select path from ValidPaths order by path")]

    # -- locks -----------------------------------------------------------------------

    def lock_file(self, name):
        """The path of the lock file `name` under var/nixlite/locks."""
        return os.path.join(self.root, "var", "nixlite", "locks", name)

    @contextlib.contextmanager
    def path_lock(self, store_path):
        """The lock of a store path, held while the path is put in place
        here and while a build makes it (build/locks.py)."""
        lock_file = self.lock_file(pathlocks.lock_name(store_path))
        pathlocks.take(lock_file)
        try:
            yield
        finally:
            pathlocks.release(lock_file)

    # -- adding paths --------------------------------------------------------------

    def add_text(self, store_path, text, references):
        """Make a text object (a .drv, a toFile result) valid."""
        if self.is_valid(store_path):
            return

        data = text.encode("latin-1")

        def write(staging):
            with open(staging, "wb") as f:
                f.write(data)
        self._add(store_path, write, references, file_nar_hash(data))

    def add_source(self, store_path, source, filter=None, recursive=True):
        """Make a copy of the file system object `source` valid (its
        entries that `filter` keeps; one flat file unless `recursive`)."""
        if self.is_valid(store_path):
            return

        def write(staging):
            if recursive:
                _copy(os.fsencode(source), os.fsencode(staging), filter)
            else:
                shutil.copyfile(source, staging)
                os.chmod(staging, 0o644)
        self._add(store_path, write, ())

    def _add(self, store_path, write, references, known_hash=None):
        final = self.physical_path(store_path)
        staging = os.path.join(self.physical, f".tmp-{os.getpid()}-{os.path.basename(final)}")
        if os.path.lexists(staging):
            _remove(staging)
        try:
            write(staging)
            canonicalise(os.fsencode(staging))
            digest, size = known_hash or nar_hash(os.fsencode(staging))
            if not (noreplace.available and _put_new(staging, final)):
                with self.path_lock(store_path):
                    # A path already there came whole (by a rename): another
                    # process's, or left by a killed run if it has the hash.
                    if os.path.lexists(final) and nar_hash(os.fsencode(final)) == (digest, size):
                        _remove(staging)
                    else:
                        if os.path.lexists(final):
                            _remove(final)
                        os.rename(staging, final)
        except BaseException:
            if os.path.lexists(staging):
                _remove(staging)
            raise
        self.register(store_path, "sha256:" + digest.hex(), size, references)

    @contextlib.contextmanager
    def batch(self):
        """Register everything added inside in one transaction at the end
        (nothing at all if it fails). A batch inside a batch joins it."""
        if getattr(self._local, "pending", None) is not None:
            yield
            return
        self._local.pending = {}   # path -> PathInfo, in registration order
        try:
            yield
            self._insert(self._local.pending.values())
            self._local.pending = {}
        finally:
            abandoned, self._local.pending = self._local.pending, None
            if abandoned:   # never written: not valid after all
                self._known.difference_update(abandoned)

    def flush(self):
        """Register what the batch under way holds so far (a build started
        in the middle of it needs its inputs valid)."""
        pending = getattr(self._local, "pending", None)
        if pending:
            self._insert(pending.values())
            pending.clear()

    def register(self, store_path, nar_hash_text, nar_size, references, deriver=None):
        """Make a path valid, or, inside a batch, valid when the batch is
        written (queries answer for it meanwhile)."""
        info = PathInfo(store_path, nar_hash_text, nar_size, sorted(set(references)), deriver)
        pending = getattr(self._local, "pending", None)
        if pending is not None:
            pending[store_path] = info
            self._known.add(store_path)
        else:
            self._insert([info])

    def _insert(self, infos):
        """One transaction: the paths first, then their references (which
        may be among them, or themselves)."""
        infos = list(infos)
        with self._lock, self.db:
            self.db.execute("begin immediate")
            added = {}
            for info in infos:
                cur = self.db.execute(
                    "insert or ignore into ValidPaths (path, hash, registrationTime, deriver, narSize) "
                    "values (?, ?, ?, ?, ?)",
                    (info.path, info.nar_hash, int(time.time()), info.deriver, info.nar_size))
                if cur.rowcount:
                    added[info.path] = cur.lastrowid
            for info in infos:
                store_path, references = info.path, info.references
                referrer = added.get(store_path)
                if referrer is None:
                    continue
                for ref in references:
                    row = self.db.execute("select id from ValidPaths where path = ?", (ref,)).fetchone()
                    if row is None:
                        raise ValueError(f"cannot register '{store_path}': reference '{ref}' is not valid")
                    self.db.execute("insert or ignore into Refs (referrer, reference) values (?, ?)",
                                    (referrer, row[0]))

    def unregister(self, store_paths):
        """Make paths invalid, in one transaction (their files stay; the
        caller deletes them). No remaining valid path may refer to them."""
        with self._lock, self.db:
            self.db.execute("begin immediate")
            ids = []
            for store_path in store_paths:
                row = self.db.execute("select id from ValidPaths where path = ?", (store_path,)).fetchone()
                if row is not None:
                    ids.append(row)
            self.db.executemany("delete from Refs where referrer = ?", ids)
            self.db.executemany("delete from ValidPaths where id = ?", ids)
        self._known.difference_update(store_paths)

    def verify(self):
        """Store paths whose files no longer have the recorded NAR hash."""
        bad = []
        for store_path in self.all_valid():
            info = self.query(store_path)
            try:
                digest, _size = nar_hash(os.fsencode(self.physical_path(store_path)))
                ok = "sha256:" + digest.hex() == info.nar_hash
            except OSError:
                ok = False
            if not ok:
                bad.append(store_path)
        return bad


def _put_new(staging, final):
    """Rename `staging` to `final` if nothing is there (the usual case,
    which then needs no lock); False if something is."""
    try:
        return noreplace.rename_new(staging, final)
    except FileExistsError:
        return False
    except OSError as e:
        if e.errno == errno.ENOTEMPTY:
            return False
        raise


def nix_hash_text(nar_hash_text):
    """'sha256:<hex>' as Nix prints a NAR hash: 'sha256:<base32>'."""
    algo, hexdigest = nar_hash_text.split(":", 1)
    return f"{algo}:{base32(bytes.fromhex(hexdigest))}"


def _copy(source, target, filter=None):
    st = os.lstat(source)
    if stat.S_ISLNK(st.st_mode):
        os.symlink(os.readlink(source), target)
    elif stat.S_ISDIR(st.st_mode):
        os.mkdir(target)
        for name in sorted(os.listdir(source)):
            child = os.path.join(source, name)
            if filter is None or filter(child):
                _copy(child, os.path.join(target, name), filter)
    elif stat.S_ISREG(st.st_mode):
        shutil.copyfile(source, target)
        os.chmod(target, 0o755 if st.st_mode & 0o100 else 0o644)
    else:
        raise ValueError(f"file '{os.fsdecode(source)}' has an unsupported type")


def canonicalise(path):
    """Nix's canonical metadata: read-only, executable bit kept, mtime 1."""
    st = os.lstat(path)
    if stat.S_ISDIR(st.st_mode):
        for name in os.listdir(path):
            canonicalise(os.path.join(path, name))
        os.chmod(path, 0o555)
    elif stat.S_ISREG(st.st_mode):
        os.chmod(path, 0o555 if st.st_mode & 0o100 else 0o444)
    os.utime(path, (1, 1), follow_symlinks=False)


def _remove(path):
    """Delete a file or a tree, read-only directories included (never
    changing what a symlink in it points at)."""
    for root, dirs, _files in os.walk(path):
        for d in dirs:
            child = os.path.join(root, d)
            if not os.path.islink(child):
                os.chmod(child, 0o755)
    if os.path.isdir(path) and not os.path.islink(path):
        os.chmod(path, 0o755)
        shutil.rmtree(path)
    else:
        os.unlink(path)
