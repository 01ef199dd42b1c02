"""Reference scanning: which store paths a build output refers to.

As Nix does, nixlite looks for the hash part of each candidate path (the
inputs' closure and the derivation's own outputs) in the output's NAR
serialisation (file contents, symlink targets and file names), fed to the
scanner chunk by chunk while the NAR is hashed. Only runs of 32 or more
base-32 characters can hold a hash part. To find them at the speed of
C, each chunk is translated to a mask (1 for a base-32 character, 0 for
any other byte) in which a run is a place where 32 ones begin; the run's
32-character windows are then looked up in a set. Nothing depends on the
number of candidates but that set.
"""

from nixlite.hashing import BASE32_ALPHABET

HASH_LEN = 32
_MASK = bytes(1 if chr(i) in BASE32_ALPHABET else 0 for i in range(256))
_ONES = b"\x01" * HASH_LEN


class ReferenceScanner:
    def __init__(self, candidates):
        self.by_hash = {}
        for store_path in candidates:
            self.by_hash[store_path.rsplit("/", 1)[1][:HASH_LEN].encode()] = store_path
        self.found = set()
        self.tail = b""

    def __call__(self, data):
        if not self.by_hash:
            return
        # Windows across the previous chunk's end lie within its last 31 bytes.
        buffer = self.tail + data if self.tail else data
        mask = buffer.translate(_MASK)
        start = mask.find(_ONES)
        while start != -1:
            end = mask.find(b"\x00", start + HASH_LEN)
            if end == -1:
                end = len(mask)
            run = buffer[start:end]
            start = mask.find(_ONES, end)
            if len(run) == HASH_LEN:
                if run in self.by_hash:
                    self.found.add(self.by_hash[run])
            elif len(run) - HASH_LEN < len(self.by_hash):
                for i in range(len(run) - HASH_LEN + 1):
                    window = run[i:i + HASH_LEN]
                    if window in self.by_hash:
                        self.found.add(self.by_hash[window])
            else:
                for hash_part, store_path in self.by_hash.items():
                    if hash_part in run:
                        self.found.add(store_path)
        self.tail = buffer[-(HASH_LEN - 1):]
