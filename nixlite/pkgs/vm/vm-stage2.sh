# Stage 2 of vmTools.runInLinuxVM (see run-vm.sh): process 1 of the build's
# new PID namespace, in a mount namespace of its own (private propagation:
# nothing mounted here reaches the host) with a /proc of its own.
#
#   bash vm-stage2.sh BUILD-DIRECTORY TOOLPATH LOOP-DEVICE ORIGINAL-ARGUMENT...
#
# It gives the build what the VM's kernel and init would: a /dev of its own
# in which /dev/vda is LOOP-DEVICE (when there is a disk image), a fresh /tmp
# that is the build directory (holding xchg, shared with the host, and the
# files Nix passes attributes in), fresh /run and /dev/shm, and the host name
# `localhost`; then it runs `origBuilder` with the original arguments as
# root, with the environment run-vm.sh saved, and exits with its status.
# The file systems it mounts go away with the namespace.

set -e
vmTop=$1
PATH=$2
vmLoop=$3
shift 3

vmFail() {
    echo "runInLinuxVM: $*" >&2
    exit 1
}

[ "$$" = 1 ] || vmFail "stage 2 must be process 1 of a new PID namespace"

# Read now: the build directory is usually under /tmp, which is covered below.
mapfile -t -d '' vmEnv < "$vmTop/.vm-env"

# /dev: made aside (the host's nodes are still in sight there), then moved
# over the host's.
vmDev=$vmTop/.vm-dev
mkdir "$vmDev"
mount -t tmpfs -o mode=0755,nosuid vm-dev "$vmDev"
for vmNode in null zero full random urandom tty; do
    if [ -c "/dev/$vmNode" ]; then
        : > "$vmDev/$vmNode"
        mount --bind "/dev/$vmNode" "$vmDev/$vmNode"
    fi
done
if [ -n "$vmLoop" ]; then
    vmLoopId=$(stat -c %t:%T "$vmLoop")
    : > "$vmDev/vda"
    mount --bind "$vmLoop" "$vmDev/vda"
fi
ln -s /proc/self/fd "$vmDev/fd"
ln -s /proc/self/fd/0 "$vmDev/stdin"
ln -s /proc/self/fd/1 "$vmDev/stdout"
ln -s /proc/self/fd/2 "$vmDev/stderr"
mkdir "$vmDev/shm" "$vmDev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev vm-shm "$vmDev/shm"
if mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 vm-pts "$vmDev/pts" 2> /dev/null; then
    ln -s pts/ptmx "$vmDev/ptmx"
fi
mount --move "$vmDev" /dev

# Before anything may write to /dev/vda: it must be the loop device, in a
# /dev of our own, never a disk of the host's.
[ "$(stat -f -c %T /dev)" = tmpfs ] || vmFail "/dev is not the build's own"
if [ -n "$vmLoop" ]; then
    [ -b /dev/vda ] && [ "$(stat -c %t:%T /dev/vda)" = "$vmLoopId" ] ||
        vmFail "/dev/vda is not the loop device of the disk image"
elif [ -e /dev/vda ]; then
    vmFail "/dev/vda exists without a disk image"
fi

# The store: the VM's is the build's inputs, read-only, and room for its
# outputs. Here the store gets an overlay: what the build writes lands in
# an upper directory, from which only the outputs are moved into the real
# store afterwards. Writes to other store paths (a file of an input changed
# through a link in the image, `__pycache__` of a Python program) stay in the
# overlay and go away with it.
vmStore=${NIX_STORE:-/nix/store}
vmOverlay=$vmTop/.vm-store
mkdir -p "$vmOverlay/real" "$vmOverlay/upper" "$vmOverlay/work"
mount --bind "$vmStore" "$vmOverlay/real"
if ! mount -t overlay vm-store \
        -o "lowerdir=$vmStore,upperdir=$vmOverlay/upper,workdir=$vmOverlay/work" "$vmStore"; then
    vmFail "cannot mount an overlay on $vmStore (overlayfs and an upper directory on a file system that can carry one are needed)"
fi

# /tmp: the VM's build directory, with xchg and the files of passAsFile and
# structured attributes, which the build finds through its environment.
vmTmp=$vmTop/.vm-tmp
mkdir "$vmTmp"
mount -t tmpfs -o mode=1777 vm-tmp "$vmTmp"
mkdir "$vmTmp/xchg"
mount --bind "$vmTop/xchg" "$vmTmp/xchg"
for vmFile in "$vmTop"/.attr-* "$vmTop"/.attrs.json "$vmTop"/.attrs.sh; do
    if [ -f "$vmFile" ]; then
        cp -p "$vmFile" "$vmTmp/"
    fi
done
mount --move "$vmTmp" /tmp

# /run: the host's is none of the build's business (and libmount keeps its
# table of mounts there).
if [ -d /run ]; then
    mount -t tmpfs -o mode=0755,nosuid,nodev vm-run /run
fi

echo localhost 2> /dev/null > /proc/sys/kernel/hostname || true

# The environment, with the build directory now at /tmp.
vmInner=()
for vmEntry in "${vmEnv[@]}"; do
    vmName=${vmEntry%%=*}
    vmValue=${vmEntry#*=}
    case $vmName in
        _ | PWD | OLDPWD | SHLVL) continue ;;
    esac
    for vmOld in "$vmTop" "${NIX_BUILD_TOP:-$vmTop}"; do
        if [ "$vmValue" = "$vmOld" ]; then
            vmValue=/tmp
        elif [ "${vmValue#"$vmOld"/}" != "$vmValue" ]; then
            vmValue=/tmp/${vmValue#"$vmOld"/}
        fi
    done
    vmInner+=("$vmName=$vmValue")
done
vmInner+=(NIX_BUILD_TOP=/tmp TMPDIR=/tmp)

cd /tmp
vmStatus=0
env -i -- "${vmInner[@]}" "$origBuilder" "$@" < /dev/null || vmStatus=$?

# The outputs, out of the overlay into the real store (the build directory
# is in sight again once /tmp is let go). Where the real store holds nothing
# of an output, or only the empty directory run-vm.sh made, the upper
# directory holds all of it and is moved; otherwise (a disk image preVM made
# in $out) the merged view is copied.
cd /
umount -l /tmp
for vmOutput in ${outputs:-out}; do
    vmPath=${!vmOutput:-}
    [ -n "$vmPath" ] || continue
    vmName=${vmPath#"$vmStore"/}
    vmReal=$vmOverlay/real/$vmName
    vmUpper=$vmOverlay/upper/$vmName
    if [ ! -e "$vmPath" ] && [ ! -L "$vmPath" ]; then
        rm -rf "$vmReal"        # the build removed it
    elif [ ! -e "$vmUpper" ] && [ ! -L "$vmUpper" ]; then
        :                       # the build left it as it was
    elif [ ! -e "$vmReal" ] || { [ -d "$vmReal" ] && [ -z "$(ls -A "$vmReal")" ]; }; then
        rm -rf "$vmReal"
        mv "$vmUpper" "$vmReal"
    else
        rm -rf "$vmReal.vm-new"
        cp -a "$vmPath" "$vmReal.vm-new"
        rm -rf "$vmReal"
        mv "$vmReal.vm-new" "$vmReal"
    fi
done
exit "$vmStatus"
