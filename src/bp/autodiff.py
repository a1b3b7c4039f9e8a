"""A scalar reverse-mode autodiff, micrograd-sized.

Taught in the chapter "The chain rule". A `Value` is a number that remembers
the Values it was computed from (its parents) and a small rule, ``_backward``,
that passes its gradient on to them by the chain rule. ``L.backward()`` runs
these rules from L back to the leaves (reverse topological order), so every
node's ∂L/∂node is complete before it is passed on; a node used twice gets a
contribution along each path, hence ``+=``. `network_loss` builds the notes'
2-2-1 loss out of Values; `gradients` reads off the nine ∂L/∂w, which must
equal backpropagation's `bp.gradients`.
"""

from __future__ import annotations

import math

from ._checks import check_params, check_task, check_xy
from .network import PARAM_NAMES


class Value:
    """A scalar: ``.data`` (its value), ``.grad`` (∂L/∂it after
    ``L.backward()``) and the Values it was computed from."""

    def __init__(self, data, parents=(), op="", label=""):
        self.data, self.grad = float(data), 0.0
        self._parents, self._backward = parents, lambda: None
        self.op, self.label = op, label  # only for reading the graph

    def __repr__(self):
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():  # ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():  # ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, k):
        if not isinstance(k, (int, float)):
            raise TypeError("the exponent must be a number, not a Value")
        out = Value(self.data**k, (self,), f"**{k}")

        def _backward():  # d(aᵏ)/da = k·aᵏ⁻¹
            self.grad += k * self.data ** (k - 1) * out.grad

        out._backward = _backward
        return out

    def _unary(self, data, local, op):
        """A node with one parent, whose local derivative is ``local``."""
        out = Value(data, (self,), op)

        def _backward():
            self.grad += local * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        s = 0.5 * (1.0 + math.tanh(0.5 * self.data))  # σ(z), never overflows
        return self._unary(s, s * (1.0 - s), "σ")  # σ' = σ(1 − σ)

    def log(self):
        return self._unary(math.log(self.data), 1.0 / self.data, "log")

    def softplus(self):
        """log(1 + eᶻ) without overflow; its derivative is σ(z)."""
        z = self.data
        sp = max(z, 0.0) + math.log1p(math.exp(-abs(z)))
        return self._unary(sp, 0.5 * (1.0 + math.tanh(0.5 * z)), "softplus")

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):  # number − Value
        return (-self) + other

    __radd__ = __add__  # number + Value
    __rmul__ = __mul__  # number · Value

    def backward(self):
        """Set ``.grad`` of every node self depends on to ∂self/∂node.

        The ordering is a recursive depth-first search: fine for this
        book's graphs (a few hundred rows at most; Python's recursion
        limit is 1000).
        """
        order, seen = [], set()

        def visit(v):  # depth first: parents before children
            if id(v) not in seen:
                seen.add(id(v))
                for parent in v._parents:
                    visit(parent)
                order.append(v)

        visit(self)
        for v in order:  # start from zero: calling twice is safe
            v.grad = 0.0
        self.grad = 1.0  # ∂self/∂self
        for v in reversed(order):  # from the output back to the leaves
            v._backward()


def network_loss(params, x, y, *, task, loss=None):
    """The 2-2-1 network's loss built from Values (mean over rows).

    Returns ``(L, nodes)``: the loss node and a dict of Values by
    name: the nine parameters and, for one row, also ``CGPA, IQ, z11,
    z12, O11, O12, z21, L`` and ``yhat`` (when the loss uses it).
    After ``L.backward()``, ``nodes["w1_11"].grad`` is ∂L/∂w¹₁₁.
    The formulas are those of `bp.forward` and `bp.loss`.
    """
    task, loss = check_task(task, loss)
    params = check_params(params)
    p = {name: Value(v, label=name) for name, v in params.items()}
    x, y = check_xy(x, y, task)
    rows = x.reshape(-1, 2).tolist()
    targets = [float(t) for t in (y if x.ndim == 2 else [y])]

    def act(z):
        return z.sigmoid() if task == "classification" else z

    total = 0.0
    for (cgpa, iq), target in zip(rows, targets, strict=True):
        CGPA, IQ = Value(cgpa, label="CGPA"), Value(iq, label="IQ")
        z11 = p["w1_11"] * CGPA + p["w1_21"] * IQ + p["b11"]
        z12 = p["w1_12"] * CGPA + p["w1_22"] * IQ + p["b12"]
        O11, O12 = act(z11), act(z12)
        z21 = p["w2_11"] * O11 + p["w2_21"] * O12 + p["b21"]
        yhat = act(z21)
        if loss == "cross_entropy":
            # −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + eᶻ) − y·z
            L = z21.softplus() - target * z21
        else:
            L = 0.5 * (target - yhat) ** 2
        total = total + L  # a parameter is used once per row
    L = total * (1.0 / len(rows))
    nodes = dict(p)
    if len(rows) == 1:
        nodes.update(CGPA=CGPA, IQ=IQ, z11=z11, z12=z12, O11=O11, O12=O12, z21=z21, L=L)
        if loss == "squared":
            nodes["yhat"] = yhat
    return L, nodes


def gradients(params, x, y, *, task, loss=None):
    """The nine ∂L/∂w by the autodiff: build L, backward, read ``.grad``."""
    L, nodes = network_loss(params, x, y, task=task, loss=loss)
    L.backward()
    return {name: nodes[name].grad for name in PARAM_NAMES}


__all__ = ["Value", "network_loss", "gradients"]
