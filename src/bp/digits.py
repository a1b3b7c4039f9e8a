"""Draw a digit: the trained network of "A network that reads digits", live in the page.

The reader draws with a mouse, a finger or a pen on a pad of 32 × 32 dots; the drawing is reduced
to 8 × 8 as the UCI optical digits were made (`reduce`), standardised with the training images'
means and standard deviations, and the network's ten probabilities are shown as bars while the
reader draws. A keyboard user picks one of the test images and edits it pixel by pixel. "Teach
it: this is a k" takes one backpropagation step of `bp.mlp` on this one drawing with label k at the
notebook's η (`Digits.taught_step`); "reset" returns to the trained weights.

Like the playground it is an `anywidget` widget whose front end, ``js/digits.js``, computes in the
browser — in the static HTML book too, with no kernel — with the JavaScript twin of `bp.mlp`
(``js/mlp.js``). The network is stored in the widget's state as float32 numbers (`pack`), a
quarter of the text of full decimals; both sides compute in double precision from the same stored
numbers (`Digits.layers`), so the page's probabilities and steps equal this module's
(tests/browser/test_digits_live.py checks them to 1e-12).
"""

from __future__ import annotations

import base64
import numbers

import numpy as np
import traitlets

from . import mlp
from ._checks import numeric_array
from .network import DIVERGENCE_LIMIT
from .widget import StepWidget

SIDE = 32
"""The drawing's side in dots: a bitmap of 32 × 32 dots, each 0 or 1, as the UCI forms were scanned."""
BLOCK = 4
"""The side of the blocks of dots that become one pixel: 32 / 4 = 8 pixels a side."""
PIXELS = SIDE // BLOCK
MAX_COUNT = BLOCK * BLOCK
"""A pixel's largest value: all 16 dots of its block black."""
CLASSES = 10
BRUSH = 1.5
"""The pad's brush: a dot is inked when its centre is within 1.5 dots of the pen's path (strokes
about 3 dots wide, as the scanned forms' strokes)."""


def _check_bitmap(bitmap32):
    b = bitmap32 if isinstance(bitmap32, (str, bytes)) else np.asarray(bitmap32)
    b = numeric_array(b.astype(int) if getattr(b, "dtype", None) == np.bool_ else b, "bitmap32")
    if b.shape != (SIDE, SIDE):
        raise ValueError(f"bitmap32 has shape {b.shape}: expected ({SIDE}, {SIDE}), one 0 or 1 per dot")
    if not np.all((b == 0) | (b == 1)):
        raise ValueError("bitmap32 must hold only 0 (white) and 1 (black) dots")
    return b


def reduce(bitmap32):
    """The 32 × 32 bitmap of 0/1 dots reduced to 8 × 8: each pixel counts the black dots of its
    4 × 4 block, from 0 to 16, the way the UCI optical digits were made (and scikit-learn's
    `load_digits` ships them). Returns integers, shape (8, 8): pixel (r, c) is the sum of
    ``bitmap32[4r:4r + 4, 4c:4c + 4]``."""
    b = _check_bitmap(bitmap32)
    return b.reshape(PIXELS, BLOCK, PIXELS, BLOCK).sum(axis=(1, 3)).astype(int)


def _check_image(pixels, what="an image"):
    p = numeric_array(pixels, what).reshape(-1)
    if p.size != PIXELS * PIXELS:
        raise ValueError(f"{what} has {p.size} pixels: expected {PIXELS * PIXELS} (8 × 8, row by row)")
    if not np.all((p == np.round(p)) & (p >= 0) & (p <= MAX_COUNT)):
        raise ValueError(f"{what}'s pixels must be whole counts from 0 to {MAX_COUNT}")
    return p.astype(int)


def pack(layers):
    """Every number of a network, layer by layer (``W`` row by row, then ``b``), rounded to float32
    and written as base64 of their little-endian bytes: the widget's stored network."""
    flat = np.concatenate([np.concatenate([W.reshape(-1), b]) for W, b in layers])
    return base64.b64encode(flat.astype("<f4").tobytes()).decode("ascii")


def unpack(text, sizes):
    """The network that `pack` stored, for layer sizes ``sizes``, as float64 arrays (the float32
    numbers exactly): what the page computes with."""
    flat = np.frombuffer(base64.b64decode(text), dtype="<f4").astype(float)
    need = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
    if need != flat.size:
        raise ValueError(f"the stored network has {flat.size} numbers, sizes {sizes} need {need}")
    layers, k = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        W = flat[k : k + n_in * n_out].reshape(n_in, n_out)
        k += n_in * n_out
        layers.append((W, flat[k : k + n_out].copy()))
        k += n_out
    return layers


class Digits(StepWidget):
    """Digits(layers, mean, std, images, labels, *, eta=0.5, hidden="sigmoid")

    The widget of `digits` (same arguments); display it in a notebook. ``layers`` is the trained
    64-h-10 network (stored rounded to float32: `pack`), ``mean`` and ``std`` the 64 pixels'
    standardisation (an input row is ``(pixels − mean) / std``), ``images`` a few 8 × 8 images
    (pixels 0–16) the keyboard can start from, with their ``labels``; ``eta`` the step size of
    "teach it". The drawing stays in the page.
    """

    module = "digits"

    sizes = traitlets.List().tag(sync=True)
    weights = traitlets.Unicode().tag(sync=True)
    hidden = traitlets.Unicode("sigmoid").tag(sync=True)
    mean = traitlets.List().tag(sync=True)
    std = traitlets.List().tag(sync=True)
    images = traitlets.List().tag(sync=True)
    labels = traitlets.List().tag(sync=True)
    brush = traitlets.Float(BRUSH).tag(sync=True)
    divergence_limit = traitlets.Float(DIVERGENCE_LIMIT).tag(sync=True)

    def __init__(self, layers, mean, std, images, labels, *, eta=0.5, hidden="sigmoid"):
        sizes = mlp.sizes(layers, task="multiclass")
        if sizes[0] != PIXELS * PIXELS or sizes[-1] != CLASSES:
            raise ValueError(f"the network has sizes {sizes}: expected 64 inputs and 10 outputs (64-h-10)")
        mean, std = numeric_array(mean, "mean").reshape(-1), numeric_array(std, "std").reshape(-1)
        if mean.shape != (64,) or std.shape != (64,) or not np.all(std > 0):
            raise ValueError("mean and std must have 64 numbers each, one per pixel, std > 0")
        images = [_check_image(im, f"image {i}").tolist() for i, im in enumerate(images)]
        labels = list(labels)
        if len(labels) != len(images) or any(
            not isinstance(k, numbers.Integral) or isinstance(k, bool) or not 0 <= k < CLASSES for k in labels
        ):
            raise ValueError("labels must hold one digit 0–9 per image")
        mlp._check_hidden(hidden, "multiclass")
        super().__init__(
            sizes=sizes,
            weights=pack(layers),
            hidden=hidden,
            mean=mean.tolist(),
            std=std.tolist(),
            images=images,
            labels=[int(k) for k in labels],
            eta=eta,
        )

    @property
    def layers(self):
        """The network the page computes with: the stored float32 numbers, as float64 arrays."""
        return unpack(self.weights, self.sizes)

    def row(self, pixels):
        """An 8 × 8 image (pixels 0–16) as the network's input: the row ``(pixels − mean) / std``."""
        return (_check_image(pixels) - np.array(self.mean)) / np.array(self.std)

    def probabilities(self, pixels, layers=None):
        """The ten probabilities the page shows for an image (``layers``: default the trained ones)."""
        layers = self.layers if layers is None else layers
        return mlp.forward(layers, self.row(pixels)[None, :], task="multiclass", hidden=self.hidden)[-1][1][0]

    def taught_step(self, pixels, label, layers=None):
        """What "teach it: this is a `label`" does: one step of backpropagation, `bp.mlp.train` with
        ``epochs=1`` on this one image with this label at the widget's ``eta`` (``W ← W − η ∂L/∂W``,
        from ``layers``, default the trained ones). Returns a dict: ``layers`` after the step, the
        probabilities ``before`` and ``after``, and ``dW``, each layer's ‖ΔW‖ (the root of the sum
        of its weights' squared changes), first layer first."""
        layers = self.layers if layers is None else layers
        if not isinstance(label, numbers.Integral) or isinstance(label, bool) or not 0 <= label < CLASSES:
            raise ValueError(f"label must be a digit 0–9, got {label!r}")
        X, y = self.row(pixels)[None, :], np.array([float(label)])
        new = mlp.train(layers, X, y, task="multiclass", hidden=self.hidden, eta=self.eta, epochs=1).layers
        return {
            "layers": new,
            "before": self.probabilities(pixels, layers),
            "after": self.probabilities(pixels, new),
            "dW": [float(np.sqrt(np.sum((W1 - W0) ** 2))) for (W0, _), (W1, _) in zip(layers, new, strict=True)],
        }

    def __repr__(self):
        return f"<bp.digits.Digits: {'-'.join(map(str, self.sizes))} {self.hidden}, η = {self.eta:g}>"


def digits(layers, mean, std, images, labels, *, eta=0.5, hidden="sigmoid"):
    """A pad to draw a digit on, and the trained network's ten probabilities for it, live.

    ``layers`` is a trained 64-h-10 `bp.mlp` network (``task="multiclass"``), ``mean`` and ``std``
    the 64 pixels' standardisation it was trained with, ``images`` and ``labels`` a few 8 × 8 test
    images to start from (the keyboard's way in). The page reduces the drawing with `reduce`,
    computes with the JavaScript twin of `bp.mlp` (also in the static HTML book, with no kernel),
    and "teach it" takes one step at ``eta`` (`Digits.taught_step`). Taught in "A network that
    reads digits". Returns a `Digits`.
    """
    return Digits(layers, mean, std, images, labels, eta=eta, hidden=hidden)


__all__ = ["SIDE", "BLOCK", "MAX_COUNT", "BRUSH", "reduce", "pack", "unpack", "Digits", "digits"]
