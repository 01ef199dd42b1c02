"""Start a builder inside a sandbox: the program nixlite runs for each
sandboxed build, with the description of each sandbox on one JSON line.

It creates new mount, PID, IPC and UTS namespaces (builds share one network
namespace with nothing but loopback in it; fixed-output builds get the
host's network), builds the
build's root file system on a tmpfs (the input closure bind-mounted
read-only at its store paths, a writable store directory for the
outputs, the build directory at /build, a static shell at /bin/sh, a small
/dev, a fresh /proc, /etc/passwd, /etc/group and /etc/hosts), chroots
into it and executes the builder as process 1 of its PID namespace.

It is a separate program, run once per nixlite process with `python -I -S`
and nothing but the standard library, because namespaces and mounts must
be set up between fork and exec, which a threaded process (nixlite
evaluates on a thread of its own) cannot do safely. nixlite sends it one line per build.
It runs the unsandboxed builds too, so that every builder dies with it.
A builder's output comes back through a pipe, which the server copies into
the build's log; the log file is created at the first output, so a silent
build creates none.
"""

import ctypes
import fcntl
import json
import os
import select
import signal
import socket
import struct
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000

SETUP_FAILED = 111
HOST_NETWORK = None     # a descriptor of the host's network namespace
REPORT = None           # where statuses go to nixlite (the server's stdout)
STATUS = None           # where a sandbox's first process sends the builder's status
PR_SET_PDEATHSIG = 1
# The device nodes a sandbox gets, those of them the host has.
DEV_NODES = [node for node in ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty")
             if os.path.exists(node)]

libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]


def fail(what):
    code = ctypes.get_errno()
    sys.stderr.write(f"nixlite sandbox: {what}: {os.strerror(code)}\n")
    os._exit(SETUP_FAILED)


def mount(source, target, fstype, flags, data=None):
    if libc.mount(source and os.fsencode(source), os.fsencode(target), fstype and fstype.encode(),
                  flags, data and data.encode()) != 0:
        fail(f"cannot mount {source or fstype} at {target}")


def mount_point(source, target):
    """A directory or an empty file at `target`, to bind `source` on."""
    if os.path.isdir(source) and not os.path.islink(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.lexists(target):
            open(target, "wb").close()


def bind(source, target, read_only):
    """Bind `source` at its mount point `target`."""
    mount(source, target, None, MS_BIND | MS_REC)
    if read_only:
        mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC)


def loopback_up():
    """The network namespace's `lo`, up, as Nix leaves it."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
        request = struct.pack("16sH14s", b"lo", 0, b"")
        flags = struct.unpack("16sH14s", fcntl.ioctl(s, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14s", b"lo", flags | IFF_UP, b""))
    except OSError:
        pass
    finally:
        s.close()


def set_up(spec):
    """In the build's namespaces: the root file system, then chroot.

    The root is a tmpfs (made and freed with the namespace, at no cost to
    the disk) holding the mount points and the small files; the store
    directory, /tmp and the build directory are the slot's and the build's
    directories on disk, bound in. (System calls made directly: this runs
    in a fresh child for every build, where each Python object touched
    costs a copied page.)"""
    slot = spec["slot"]
    root = slot + "/root"
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount("none", root, "tmpfs", 0, "mode=0755")
    store_dir = root
    for part in spec["store_dir"].split("/")[1:]:
        store_dir += "/" + part
        os.mkdir(store_dir)
    mount(slot + "/store", store_dir, None, MS_BIND | MS_REC)
    for physical, logical in spec["inputs"]:   # (their mount points are made by nixlite)
        bind(physical, root + logical, read_only=True)
    for directory in ("/build", "/tmp", "/dev", "/proc", "/etc", "/bin"):
        os.mkdir(root + directory)
    mount(spec["build_dir"], root + "/build", None, MS_BIND | MS_REC)
    mount(slot + "/tmp", root + "/tmp", None, MS_BIND | MS_REC)
    write_file(root + "/bin/sh", b"")
    bind(spec["shell"], root + "/bin/sh", read_only=True)
    dev = root + "/dev"
    mount("none", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64m")
    for node in DEV_NODES:
        write_file(dev + node[4:], b"")
        mount(node, dev + node[4:], None, MS_BIND | MS_REC)
    os.mkdir(dev + "/shm", 0o1777)
    os.mkdir(dev + "/pts")
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{dev}/{name}")
    mount("none", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for name, text in spec["etc"].items():
        write_file(f"{root}/etc/{name}", text.encode())
    for path in spec["host_files"]:
        if os.path.exists(path):
            mount_point(path, root + path)
            bind(path, root + path, read_only=True)
    if libc.sethostname(b"localhost", 9) != 0:
        fail("cannot set the host name")
    libc.setdomainname(b"(none)", 6)
    if libc.chroot(os.fsencode(root)) != 0:
        fail(f"cannot chroot into {root}")
    os.chdir("/build")


def write_file(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
    try:
        if data:
            os.write(fd, data)
    finally:
        os.close(fd)


def run_build(spec, ident, log):
    """In a fresh child of the server: the builder, either at once (not
    sandboxed) or as process 1 of the build's namespaces, with its output
    going to `log` (a pipe the server reads). A sandbox's first process
    waits for the builder and sends its status to the server itself."""
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)   # dies with the server
    os.setpgid(0, 0)   # a process group of its own, for the server to kill whole
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    if (spec["network"] or not spec["sandbox"]) and HOST_NETWORK is not None \
            and libc.setns(HOST_NETWORK, CLONE_NEWNET) != 0:
        fail("cannot give the build the host's network")
    if not spec["sandbox"]:   # the host's file system, as Nix's sandbox = false
        os.close(null)
        os.chdir(spec["build_dir"])
        exec_builder(spec)
    if HOST_NETWORK is None:
        fail("cannot create the builds' network namespace (sandboxed builds need root; "
             "--no-sandbox builds without them)")
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS
    if libc.unshare(flags) != 0:
        fail("cannot create the build's namespaces (sandboxed builds need root; "
             "--no-sandbox builds without them)")
    pid = os.fork()   # the child is process 1 of the new PID namespace
    if pid == 0:
        try:
            os.close(null)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)   # and so does the builder
            set_up(spec)
            exec_builder(spec)
        except Exception as e:
            sys.stderr.write(f"nixlite sandbox: {e}\n")
            sys.stderr.flush()
            os._exit(SETUP_FAILED)
    # Let go of the log, so that the server sees its end once the
    # namespace's processes are gone (all of them, when process 1 is).
    os.dup2(null, 1)
    os.dup2(null, 2)
    _, status = os.waitpid(pid, 0)
    # The status goes to the server now: this process's exit tears the
    # namespaces down, which waits for the kernel (RCU grace periods) and
    # need not hold the build up.
    os.write(STATUS, b"%s %d\n" % (ident.encode(), exit_code(status)))
    os._exit(0)


def exec_builder(spec):
    # Python ignores these, and an ignored signal stays ignored across
    # exec: Nix starts builders with every signal at its default.
    for number in (signal.SIGPIPE, signal.SIGXFSZ):
        signal.signal(number, signal.SIG_DFL)
    env = {k.encode("latin-1"): v.encode("latin-1") for k, v in spec["env"].items()}
    args = [a.encode("latin-1") for a in spec["args"]]
    builder = spec["builder"].encode("latin-1")
    try:
        os.execve(builder, [os.path.basename(builder), *args], env)
    except OSError as e:
        sys.stderr.write(f"error: executing '{spec['builder']}': {e.strerror}\n")
        sys.stderr.flush()
        os._exit(1)


def exit_code(status):
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


class Build:
    """A build the server started, until its status is reported: its
    process, and the pipe its output comes through, copied to its log."""

    __slots__ = ("ident", "sandboxed", "log_path", "pipe", "log")

    def __init__(self, ident, sandboxed, log_path, pipe):
        self.ident, self.sandboxed, self.log_path, self.pipe = ident, sandboxed, log_path, pipe
        self.log = None   # the log file, created at the first output

    def pump(self, drain=False):
        """Copy what the builder wrote to the log; at the pipe's end (or,
        when draining, once nothing more is there), close it."""
        while self.pipe is not None:
            try:
                data = os.read(self.pipe, 65536)
            except BlockingIOError:
                if drain:   # (a process the builder left behind holds it)
                    self.close_pipe()
                return
            if not data:
                self.close_pipe()
                return
            if self.log is None:
                self.open_log()
            while data:
                data = data[os.write(self.log, data):]
            if not drain:
                return

    def close_pipe(self):
        PIPES.pop(self.pipe, None)
        os.close(self.pipe)
        self.pipe = None

    def open_log(self):
        self.log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)

    def ended(self, status):
        """The builder has exited: finish its log, report its status. A
        silent build leaves no log file (creating files is what costs on a
        disk); a failed one always has one, empty or not."""
        self.pump(drain=True)
        if self.log is None and status != 0:
            self.open_log()
        if self.log is not None:
            os.close(self.log)
        try:
            os.write(REPORT, b"%s %d\n" % (self.ident.encode(), status))
        except BrokenPipeError:
            pass   # nixlite is gone


PIPES = {}   # read end of a build's output pipe -> its Build


def start(ident, spec):
    """Fork the child that runs the build `spec` describes; returns its
    pid and its Build."""
    try:
        os.unlink(spec["log"])   # a log of an earlier attempt
    except FileNotFoundError:
        pass
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            run_build(spec, ident, write)
        except BaseException as e:
            sys.stderr.write(f"nixlite sandbox: {e}\n")
        os._exit(SETUP_FAILED)
    os.close(write)
    try:
        os.setpgid(pid, pid)   # also here: the group exists before any kill
    except OSError:
        pass
    os.set_blocking(read, False)
    PIPES[read] = Build(ident, spec["sandbox"], spec["log"], read)
    return pid, PIPES[read]


def serve():
    """Read `ID SPEC-JSON` lines on stdin, start each build in a child,
    write `ID STATUS` on stdout when it ends. Being single-threaded, it
    can fork safely; being started once, it saves an interpreter start
    per build. (Not PR_SET_PDEATHSIG here: that follows the thread that
    started the server, not the nixlite process.)"""
    global HOST_NETWORK, REPORT, STATUS
    # One network namespace with only `lo` for all the builds: creating
    # and destroying one per build is slow (the kernel tears them down
    # one at a time). Fixed-output builds go back to the host's.
    host_network = os.open("/proc/self/ns/net", os.O_RDONLY)
    if libc.unshare(CLONE_NEWNET) == 0:
        HOST_NETWORK = host_network
        loopback_up()
    else:
        os.close(host_network)   # unsandboxed builds can still run
    REPORT = os.dup(sys.stdout.fileno())   # (not inherited by builders)
    statuses, STATUS = os.pipe()
    os.set_blocking(statuses, False)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    running = {}     # pid -> its Build, until the process is reaped
    sandboxes = {}   # ident -> the Build of a sandbox whose status is awaited
    pending = status_lines = b""
    stdin = sys.stdin.fileno()
    open_input = True
    while open_input or running or sandboxes:
        watched = [wake_r, statuses, *PIPES] + ([stdin] if open_input else [])
        try:
            ready, _, _ = select.select(watched, [], [])
        except InterruptedError:
            ready = [wake_r]
        if wake_r in ready:
            os.read(wake_r, 4096)
        if stdin in ready:
            data = os.read(stdin, 65536)
            if not data:   # nixlite has exited (or was killed): so do its builds
                open_input = False
                for pid in running:
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                ident, spec = line.split(b" ", 1)
                ident, spec = ident.decode(), json.loads(spec)
                pid, build = start(ident, spec)
                running[pid] = build
                if build.sandboxed:
                    sandboxes[ident] = build
        for fd in ready:
            if fd in PIPES:
                PIPES[fd].pump()
        if statuses in ready:
            try:
                status_lines += os.read(statuses, 65536)
            except BlockingIOError:
                pass
            *lines, status_lines = status_lines.split(b"\n")
            for line in lines:
                ident, status = line.decode().split()
                sandboxes.pop(ident).ended(int(status))
        while running:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            build = running.pop(pid, None)
            # A sandbox's first process has sent the builder's status
            # itself and exits 0; any other status is its own failure.
            if build is not None and not (build.sandboxed and status == 0):
                sandboxes.pop(build.ident, None)
                build.ended(exit_code(status))


if __name__ == "__main__":
    serve()
