# The builder of vmTools.runInLinuxVM derivations (see default.nix): what
# nixpkgs' vm-run does around its virtual machine, with Linux namespaces and
# a loop device where nixpkgs starts QEMU.
#
#   bash run-vm.sh BASH STAGE2 TOOLPATH ORIGINAL-ARGUMENT...
#
# In the build directory: save the build's environment, evaluate `preVM`
# (which may set `diskImage`), make sure we are root, create $out (as
# nixpkgs does, so that the build may write into it), attach the disk image
# to a free loop device, run STAGE2 with BASH as process 1 of fresh mount,
# PID, IPC and UTS namespaces (it sets up /dev, /tmp and /run there and runs
# `origBuilder` with the original arguments), see the loop device detached,
# and evaluate `postVM` if the build succeeded. The exit status is the
# original builder's.
#
# The shell variables of this script start with `vm`, so as not to meet
# those of preVM and postVM.

set -e
vmBash=$1
vmStage2=$2
vmTools=$3
shift 3

vmTop=$PWD
vmOrigPath=$PATH
PATH=$vmTools

# What the build inside gets: the derivation's environment, as Nix gave it
# to this builder, not what preVM adds (NUL-separated: values may hold
# anything but NUL).
env -0 PATH="$vmOrigPath" > "$vmTop/.vm-env"

# Files shared with the build inside, as the VM's /tmp/xchg.
mkdir -p xchg

diskImage=${diskImage:-}
eval "${preVM:-}"

if [ "$(id -u)" != 0 ]; then
    echo "runInLinuxVM needs root: nixlite builds '${name:-this derivation}' without a virtual machine," \
        "in Linux namespaces of its own with its disk image on a loop device, and only root can set" \
        "those up, but this builder runs as uid $(id -u). Build it as root." >&2
    exit 1
fi

if [ -n "${out:-}" ]; then
    mkdir -p -m 0700 "$out"
fi

# The loop device, and a descriptor kept open on it. Right after attaching,
# `losetup -d` marks the device to be detached by the kernel once its last
# user (this descriptor, the build's mounts) lets go, so that it does not
# outlive the build even if everything here is killed. vmDetach (on exit,
# whatever the reason) closes the descriptor and waits for that to happen.
vmLoop=
vmFd=
vmBacking=

vmDetach() {
    if [ -n "$vmFd" ]; then
        exec {vmFd}<&-
        vmFd=
    fi
    if [ -n "$vmLoop" ]; then
        local sys=/sys/block/${vmLoop#/dev/}/loop/backing_file tries=0 backing
        while backing=$(cat "$sys" 2>/dev/null); do
            case $backing in
                "$vmBacking" | "$vmBacking (deleted)") ;;
                *) break ;;   # detached, and already attached again by someone else
            esac
            if [ "$tries" -ge 200 ]; then
                echo "runInLinuxVM: warning: $vmLoop is still in use; the kernel will detach it" \
                    "when its last user is gone" >&2
                break
            fi
            tries=$((tries + 1))
            sleep 0.05
        done
        vmLoop=
    fi
}
trap vmDetach EXIT

if [ -n "$diskImage" ] && [ "$diskImage" != /dev/null ]; then
    vmBacking=$(realpath -- "$diskImage")
    if [ ! -f "$vmBacking" ]; then
        echo "runInLinuxVM: the disk image '$diskImage' is not a regular file" >&2
        exit 1
    fi
    if [ "$(head -c 4 -- "$vmBacking" | od -An -tx1 | tr -d ' \n')" = 514649fb ]; then
        echo "runInLinuxVM: the disk image '$diskImage' is in QEMU's qcow2 format; without QEMU only" \
            "raw images can be used (vmTools.createEmptyImage makes one)" >&2
        exit 1
    fi
    # An image in the store, but not in one of the outputs being built, is
    # only read.
    vmMode=rw
    case $vmBacking in
        "${NIX_STORE:-/nix/store}"/*)
            vmMode=ro
            for vmOutput in ${outputs:-out}; do
                vmOutput=${!vmOutput:-}
                if [ -n "$vmOutput" ]; then
                    case $vmBacking in
                        "$vmOutput" | "$vmOutput"/*) vmMode=rw ;;
                    esac
                fi
            done
            ;;
    esac
    vmReadOnly=
    if [ "$vmMode" = ro ]; then
        vmReadOnly=--read-only
    fi
    if ! vmLoop=$(losetup --find --show $vmReadOnly "$vmBacking"); then
        vmLoop=
        echo "runInLinuxVM: cannot attach the disk image to a loop device (the kernel's loop driver" \
            "and the host's /dev/loop-control are needed)" >&2
        exit 1
    fi
    if [ "$vmMode" = ro ]; then
        exec {vmFd}<"$vmLoop"
    else
        exec {vmFd}<>"$vmLoop"
    fi
    losetup -d "$vmLoop"
    if [ ! -e "/sys/block/${vmLoop#/dev/}/loop/backing_file" ]; then
        echo "runInLinuxVM: $vmLoop was detached while still open" >&2
        exit 1
    fi
fi

# In a subshell that lets go of the descriptor: only the mounts inside hold
# the device then.
vmStage() (
    if [ -n "$vmFd" ]; then
        exec {vmFd}<&-
    fi
    exec unshare --mount --propagation private --pid --fork --kill-child --mount-proc --ipc --uts \
        "$vmBash" "$vmStage2" "$vmTop" "$vmTools" "$vmLoop" "$@"
)
vmStatus=0
vmStage "$@" || vmStatus=$?

vmDetach
trap - EXIT

if [ "$vmStatus" != 0 ]; then
    exit "$vmStatus"
fi

cd "$vmTop"
eval "${postVM:-}"
