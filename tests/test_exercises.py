"""The exercise checker: verdicts, messages and the function the lesson goes on with."""

import numpy as np
import pytest

from course_utils import i18n
from course_utils.exercises import Exercise, compare_values, is_template


def sigmoid_bce(logits, labels):
    """Mean sigmoid cross-entropy of logits against 0/1 labels (the reference)."""
    return np.mean(np.maximum(logits, 0) - logits * labels + np.log1p(np.exp(-np.abs(logits))))


CASES = [
    ((np.array([0.0, 0.0]), np.array([1.0, 0.0])), np.log(2.0)),
    ((np.array([2.0, -1.0, 0.5]), np.array([1.0, 0.0, 1.0])), None),
    ((np.array([-3.0]), np.array([1.0])), None),
]


def make_exercise(**kwargs):
    return Exercise(
        "sigmoid_bce",
        sigmoid_bce,
        CASES,
        hint_en="Cross-entropy is an average of -log p.",
        hint_zh="交叉熵是 -log p 的平均。",
        **kwargs,
    )


def test_the_reference_solution_passes_and_is_returned(capsys):
    ex = make_exercise()
    assert ex.check(sigmoid_bce) is sigmoid_bce
    assert ex.result == "passed"
    out = capsys.readouterr().out
    assert out.startswith(
        "✅ sigmoid_bce: all 3 cases passed.\n✅ sigmoid_bce：全部 3 个测试通过。"
    )


def test_tensor_like_results_are_compared_through_numpy():
    class FakeTensor:
        def __init__(self, value):
            self.value = value

        def numpy(self):
            return np.asarray(self.value)

    ex = make_exercise()
    ex.check(lambda logits, labels: FakeTensor(sigmoid_bce(logits, labels)))
    assert ex.result == "passed"


def test_a_sign_error_fails_naming_the_case_and_the_values(capsys):
    def flipped(logits, labels):
        return np.mean(np.maximum(logits, 0) + logits * labels + np.log1p(np.exp(-np.abs(logits))))

    ex = make_exercise()
    assert ex.check(flipped) is sigmoid_bce
    assert ex.result == "failed"
    assert "case 2 of 3: expected 0.3048, got 1.9714." in ex.message
    assert "第 2 个测试（共 3 个）" in ex.message
    assert "Hint: Cross-entropy" in ex.message and "提示：交叉熵" in ex.message
    assert "reference solution" in capsys.readouterr().out


def test_a_missing_mean_is_reported_as_a_shape_mismatch():
    ex = make_exercise()
    ex.check(lambda logits, labels: sigmoid_bce(logits[:, None], labels[:, None]) * np.ones(2))
    assert ex.result == "failed"
    assert "case 1 of 3: got shape (2,), expected shape ()" in ex.message
    assert "得到形状 (2,)，期望形状 ()" in ex.message


@pytest.mark.parametrize("body", ["raise NotImplementedError  # remove this line", "...", "pass"])
def test_an_unfinished_template_is_not_done_and_the_reference_takes_over(body, capsys):
    namespace = {}
    exec(
        f"def learner(logits, labels):\n    # START YOUR CODE\n    {body}\n    # END YOUR CODE\n",
        namespace,
    )
    ex = make_exercise()
    assert ex.check(namespace["learner"]) is sigmoid_bce
    assert ex.result == "not_done"
    assert "⏳ sigmoid_bce: not finished yet" in capsys.readouterr().out


def test_returning_none_or_raising_not_implemented_at_run_time_is_not_done():
    ex = make_exercise()
    ex.check(lambda logits, labels: None)
    assert ex.result == "not_done"

    def half_done(logits, labels):
        z = logits * labels
        raise NotImplementedError(z)

    assert ex.check(half_done) is sigmoid_bce and ex.result == "not_done"
    assert ex.check(None) is sigmoid_bce and ex.result == "not_done"


def test_an_exception_fails_with_its_type_and_message_not_a_traceback():
    def broken(logits, labels):
        return logits @ np.ones((5, 5))

    ex = make_exercise()
    assert ex.check(broken) is sigmoid_bce
    assert ex.result == "failed"
    assert "case 1 of 3: raised ValueError: matmul" in ex.message
    assert "Traceback" not in ex.message


def test_none_after_the_first_case_is_a_failure_not_an_unfinished_function():
    ex = make_exercise()
    ex.check(lambda logits, labels: sigmoid_bce(logits, labels) if len(logits) == 2 else None)
    assert ex.result == "failed" and "case 2 of 3: returned None" in ex.message


def test_one_language_prints_one_line_per_sentence():
    i18n.set_language("zh")
    ex = make_exercise()
    ex.check(sigmoid_bce)
    assert ex.message == "✅ sigmoid_bce：全部 3 个测试通过。"


def test_tolerances_and_custom_compare_are_used():
    shifted = lambda logits, labels: sigmoid_bce(logits, labels) + 1e-3  # noqa: E731
    strict = make_exercise()
    strict.check(shifted)
    assert strict.result == "failed"
    loose = make_exercise(atol=1e-2)
    loose.check(shifted)
    assert loose.result == "passed"
    custom = make_exercise(compare=lambda got, expected: (got > 0, "must be positive"))
    custom.check(lambda logits, labels: -1.0)
    assert custom.result == "failed" and "case 1 of 3: must be positive" in custom.message


def test_validate_callable_checks_answers_that_are_not_pure_functions():
    def validate(step):
        weights = np.array([1.0])
        new = step(weights, grad=np.array([0.5]), lr=0.1)
        return np.allclose(new, [0.95]), "one step must move against the gradient by lr * grad"

    reference = lambda w, grad, lr: w - lr * grad  # noqa: E731
    ex = Exercise("sgd_step", reference, validate=validate)
    assert ex.check(lambda w, grad, lr: w - lr * grad) is not reference
    assert ex.result == "passed" and "all checks passed" in ex.message
    ex.check(lambda w, grad, lr: w + lr * grad)
    assert ex.result == "failed" and "against the gradient" in ex.message

    def todo(w, grad, lr):
        raise NotImplementedError

    assert ex.check(todo) is reference and ex.result == "not_done"
    ex.check(lambda w, grad, lr: w[7])
    assert ex.result == "failed" and "raised IndexError" in ex.message


def test_an_exercise_needs_cases_or_validate():
    with pytest.raises(ValueError, match="cases or a validate"):
        Exercise("empty", sigmoid_bce)


def test_compare_values_checks_tuples_item_by_item():
    assert compare_values((1.0, np.zeros(2)), (1.0, np.zeros(2))) is None
    assert compare_values((1.0, np.ones(2)), (1.0, np.zeros(2)))[0].startswith("item 1: expected")
    assert "expected 2 values" in compare_values(1.0, (1.0, 2.0))[0]


def test_is_template_reads_the_body_of_the_function():
    def stub(x):
        """Docstring only, then the marker line."""
        raise NotImplementedError("remove this line")

    def done(x):
        return x

    assert is_template(stub) and not is_template(done) and not is_template(len)
