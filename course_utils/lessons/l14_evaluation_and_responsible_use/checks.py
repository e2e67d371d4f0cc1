"""Exercise checkers of lesson 14 (evaluation). Defined in lesson 14.

1. ``kid(f1, f2)``: the unbiased MMD² with the cubic polynomial kernel
   ``k(a, b) = (a·b / d + 1)³`` between feature sets ``(m, d)`` and ``(n, d)``: a float.
2. ``precision_recall_k3(real, fake)``: improved precision and recall with k = 3 nearest
   neighbours (Kynkäänniemi et al. 2019): a tuple of two floats in [0, 1].
"""

from __future__ import annotations

import numpy as np

from course_utils.exercises import Exercise
from course_utils.metrics import kid_from_features, precision_recall


def kid_reference(f1, f2):
    """Unbiased MMD², cubic polynomial kernel (Bińkowski et al. 2018)."""
    return kid_from_features(f1, f2)


def precision_recall_k3_reference(real, fake):
    """``(precision, recall)`` of ``fake`` against ``real`` with k = 3."""
    return precision_recall(real, fake, k=3)


# d = 1: k(a, b) = (ab + 1)^3; x = {0, 1}, y = {2, 3} -> 1 + 343 - 2 * 93 / 4 = 297.5
_X1, _Y1 = np.array([[0.0], [1.0]]), np.array([[2.0], [3.0]])
_rng = np.random.default_rng(14)
_X2, _Y2 = _rng.normal(size=(4, 3)), _rng.normal(0.5, 1.0, size=(5, 3))

kid = Exercise(
    "kid",
    kid_reference,
    [((_X1, _Y1), 297.5), ((_X2, _Y2), None), ((_Y2, _X2), None)],
    rtol=1e-6,
    hint_en="Build the three kernel matrices K_xx, K_yy, K_xy with (A @ B.T / d + 1) ** 3; "
    "leave the diagonals of K_xx and K_yy out of their means (that makes it unbiased).",
    hint_zh="用 (A @ B.T / d + 1) ** 3 构造三个核矩阵 K_xx、K_yy、K_xy；"
    "求 K_xx 和 K_yy 的均值时去掉对角线（正是这一点让估计无偏）。",
)

# Points on a line. real = 0, 1, 2, 3, 4: every 3rd-nearest-neighbour radius is 2 or 3.
_REAL = np.array([[0.0], [1.0], [2.0], [3.0], [4.0]])
# fake: three points inside the real balls, one far away -> precision 3/4;
# fake radii (k = 3): 10, 1, 1, 1 (the far point's ball reaches all real points) -> recall 1
_FAKE = np.array([[1.5], [2.0], [2.5], [12.0]])
# fake clustered at 2: radii 0.2 -> recall 1/5 (only the real 2), precision 1
_TIGHT = np.array([[1.9], [2.0], [2.1], [2.2]])

precision_recall_k3 = Exercise(
    "precision_recall_k3",
    precision_recall_k3_reference,
    [((_REAL, _FAKE), (0.75, 1.0)), ((_REAL, _TIGHT), (1.0, 0.2)),
     ((_TIGHT, _REAL), (0.2, 1.0))],
    hint_en="Radius of a point: distance to its 3rd nearest OTHER point of its own set. "
    "Precision: share of fake points within the radius of some real point; recall: the same "
    "with the roles swapped.",
    hint_zh="一个点的半径：到它所在集合中第 3 近的“其他”点的距离。精确率：落在某个真实点半径之内的"
    "生成点所占比例；召回率：角色互换后同样计算。",
)

__all__ = ["kid", "kid_reference", "precision_recall_k3", "precision_recall_k3_reference"]
