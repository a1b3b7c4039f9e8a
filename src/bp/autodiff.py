"""A scalar reverse-mode autodiff, micrograd-sized (taught in the chapter "The chain rule").

A `Value` is a number that remembers the Values it was computed from (its parents) and a small
rule, ``_backward``, that passes its gradient on to them by the chain rule. ``L.backward()`` runs
these rules from L back to the leaves (reverse topological order), so every node's ∂L/∂node is
complete before it is passed on; a node used twice receives a contribution along each path, hence
``+=``. `network_loss` builds the notes' 2-2-1 loss out of Values; `gradients` reads off the nine
∂L/∂w, which must equal backpropagation's `bp.gradients`.
"""

from __future__ import annotations

import math

from ._checks import check_params, check_task, check_xy


class Value:
    """A scalar with ``.data`` (its value), ``.grad`` (∂L/∂it after ``L.backward()``) and its parents."""

    def __init__(self, data, parents=(), op="", label=""):
        self.data, self.grad = float(data), 0.0
        self._parents, self._backward = parents, lambda: None
        self.op, self.label = op, label  # how it was made, and a name: only for reading the graph

    def __repr__(self):
        return f"Value({self.label + ': ' if self.label else ''}data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():                      # ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():                      # ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        if not isinstance(k, (int, float)):
            raise TypeError("the exponent must be a number (only the base may be a Value)")
        out = Value(self.data ** k, (self,), f"**{k}")

        def _backward():                      # d(aᵏ)/da = k·aᵏ⁻¹
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def _unary(self, data, local, op):
        """A one-parent node whose local derivative d(out)/d(self) is the number ``local``."""
        out = Value(data, (self,), op)

        def _backward():
            self.grad += local * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        s = 0.5 * (1.0 + math.tanh(0.5 * self.data))       # σ(z), no overflow for any z
        return self._unary(s, s * (1.0 - s), "σ")          # σ'(z) = σ(z)(1 − σ(z))

    def log(self):
        return self._unary(math.log(self.data), 1.0 / self.data, "log")   # (log a)' = 1/a

    def softplus(self):
        """log(1 + eᶻ), computed without overflow; its derivative is σ(z)."""
        z = self.data
        sp = max(z, 0.0) + math.log1p(math.exp(-abs(z)))
        return self._unary(sp, 0.5 * (1.0 + math.tanh(0.5 * z)), "softplus")

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):                # number − Value
        return (-self) + other

    __radd__ = __add__                        # number + Value
    __rmul__ = __mul__                        # number · Value

    def backward(self):
        """Fill ``.grad`` of every node this one depends on with ∂self/∂node (the chain rule).

        The ordering is a recursive depth-first search: fine for this book's graphs (a batch of
        a few hundred rows at most; Python's recursion limit is 1000).
        """
        order, seen = [], set()

        def visit(v):                         # depth first: parents before children
            if id(v) not in seen:
                seen.add(id(v))
                for parent in v._parents:
                    visit(parent)
                order.append(v)
        visit(self)
        for v in order:                       # start from zero, so calling backward twice is safe
            v.grad = 0.0
        self.grad = 1.0                       # ∂self/∂self
        for v in reversed(order):             # from the output back to the leaves
            v._backward()


def network_loss(params, x, y, *, task, loss=None):
    """The 2-2-1 network's loss built from Values (the mean over rows for a batch).

    Returns ``(L, leaves)``: the loss node and a dict of the nine parameter Values; after
    ``L.backward()``, ``leaves["w1_11"].grad`` is ∂L/∂w¹₁₁. Same formulas as `bp.forward`/`bp.loss`.
    """
    task, loss = check_task(task, loss)
    p = {name: Value(v, label=name) for name, v in check_params(params).items()}
    x, y = check_xy(x, y, task)
    rows, targets = x.reshape(-1, 2).tolist(), [float(t) for t in (y if x.ndim == 2 else [y])]

    def act(z):
        return z.sigmoid() if task == "classification" else z

    total = 0.0
    for (CGPA, IQ), target in zip(rows, targets):
        z11 = p["w1_11"] * CGPA + p["w1_21"] * IQ + p["b11"]
        z12 = p["w1_12"] * CGPA + p["w1_22"] * IQ + p["b12"]
        O11, O12 = act(z11), act(z12)
        z21 = p["w2_11"] * O11 + p["w2_21"] * O12 + p["b21"]
        if loss == "cross_entropy":           # −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + eᶻ) − y·z
            L = z21.softplus() - target * z21
        else:                                 # ½(y − ŷ)²
            L = 0.5 * (target - act(z21)) ** 2
        total = total + L                     # each parameter is used once per row: grads add up
    return total * (1.0 / len(rows)), p


def gradients(params, x, y, *, task, loss=None):
    """The nine ∂L/∂w by the autodiff: build the loss from Values, call ``backward``, read ``.grad``."""
    L, leaves = network_loss(params, x, y, task=task, loss=loss)
    L.backward()
    return {name: leaf.grad for name, leaf in leaves.items()}


__all__ = ["Value", "network_loss", "gradients"]
