# The builder of every stdenv.mkDerivation: the derivation's attributes (from
# the environment, or from .attrs.sh with structured attributes), the stdenv,
# then the phases.
if [ -n "${NIX_ATTRS_SH_FILE:-}" ]; then source "$NIX_ATTRS_SH_FILE"; elif [ -e .attrs.sh ]; then source .attrs.sh; fi
source "$stdenv/setup"
genericBuild
