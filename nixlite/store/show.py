"""`nix show-derivation`'s JSON for derivations, structured with cattrs."""

import json
from dataclasses import dataclass, field

import cattrs


@dataclass
class OutputJSON:
    path: str
    hashAlgo: str | None = None
    hash: str | None = None


@dataclass
class DerivationJSON:
    outputs: dict[str, OutputJSON]
    inputSrcs: list[str]
    inputDrvs: dict[str, list[str]]
    system: str
    builder: str
    args: list[str]
    env: dict[str, str] = field(default_factory=dict)


_converter = cattrs.Converter()
_converter.register_unstructure_hook(
    OutputJSON, lambda o: {k: v for k, v in (("path", o.path), ("hashAlgo", o.hashAlgo), ("hash", o.hash))
                           if v is not None})


def derivation_json(drv):
    return DerivationJSON(
        outputs={name: OutputJSON(out.path, out.hash_algo or None, out.hash or None)
                 for name, out in sorted(drv.outputs.items())},
        inputSrcs=sorted(drv.input_srcs),
        inputDrvs={path: sorted(outs) for path, outs in sorted(drv.input_drvs.items())},
        system=drv.platform,
        builder=drv.builder,
        args=list(drv.args),
        env=dict(sorted(drv.env.items())),
    )


def show_derivations(drvs):
    """The text `nix show-derivation` prints for {drv path: Derivation}."""
    data = {path: _converter.unstructure(derivation_json(drv)) for path, drv in drvs.items()}
    return json.dumps(data, indent=2, ensure_ascii=False)
