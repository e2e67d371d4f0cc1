"""course_utils.metrics.features: the stored course classifier and the metrics on its features."""

import math
import shutil

import numpy as np
import pytest

from course_utils.data import default_data_dir, load_mnist
from course_utils.metrics import features
from course_utils.metrics.features import entropy, frechet_distance_from_features

WEIGHTS = "mnist_classifier.weights.h5"
REBUILD = "python scripts/train_classifier.py --dataset mnist"


@pytest.fixture(scope="module")
def clf():
    return features.load_classifier()


@pytest.fixture(scope="module")
def test_set():
    return load_mnist(split="test")


def with_moments(rng, n, mean, cov):
    """``n`` samples whose sample mean and covariance (ddof=1) are exactly ``mean``, ``cov``."""
    mean, cov = np.atleast_1d(mean).astype(float), np.atleast_2d(cov).astype(float)
    z = rng.normal(size=(n, len(mean)))
    z -= z.mean(0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.atleast_2d(np.cov(z, rowvar=False)))).T
    return mean + z @ np.linalg.cholesky(cov).T


def blur(x, k=1):
    """Box blur of (n, 28, 28, 1) images with a (2k+1)² window."""
    p = np.pad(x, ((0, 0), (k, k), (k, k), (0, 0)), mode="edge")
    return sum(p[:, i:i + 28, j:j + 28] for i in range(2 * k + 1)
               for j in range(2 * k + 1)) / (2 * k + 1) ** 2


# ------------------------------------------------------------- the stored classifier
def test_stored_classifier_reaches_95_percent_on_the_held_out_split(clf, test_set):
    x, y = test_set
    acc = clf.accuracy(x, y)
    print(f"held-out accuracy {acc:.3f}")
    assert acc >= 0.95


def test_stored_fashion_classifier_reaches_80_percent_on_the_held_out_split():
    from course_utils.data import load_fashion_mnist

    x, y = load_fashion_mnist(split="test")
    acc = features.load_classifier("fashion_mnist").accuracy(x, y)
    print(f"Fashion-MNIST held-out accuracy {acc:.3f}")
    assert acc >= 0.80


def test_classifier_outputs_have_the_documented_shapes(clf, test_set):
    x = test_set[0][:7]
    assert clf.logits(x).shape == (7, 10)
    assert clf.features(x).shape == (7, clf.feature_dim)
    assert 64 <= clf.feature_dim <= 128
    pred = clf.predict(x)
    assert pred.shape == (7,) and pred.min() >= 0 and pred.max() <= 9
    assert np.allclose(clf.probabilities(x).sum(1), 1.0)
    assert features.load_classifier() is clf  # cached


def test_metrics_on_the_same_images_run_the_network_once_and_return_copies(test_set):
    clf = features.CourseClassifier(features.load_classifier().model)  # its own, empty memo
    calls = []
    real_forward = clf._both
    clf._both = lambda x, training: calls.append(len(x)) or real_forward(x, training=training)
    x = test_set[0][:40]
    first = clf.features(x)
    clf.class_histogram(x), clf.mean_confidence(x), clf.frechet_distance(x, x.copy())
    assert calls == [40]  # one forward pass for every metric of these 40 images
    first[:] = 0.0  # a caller's change does not reach the kept result
    np.testing.assert_array_equal(clf.features(x), real_forward(x, training=False)[0])
    clf.features(x[:20])
    assert calls == [40, 20]  # other images: another pass
    for k in range(features._MEMO_SIZE):  # push the 40 images out of the memo
        clf.features(x[k:k + 2])
    clf.features(x)
    assert calls[-1] == 40 and len(clf._memo) == features._MEMO_SIZE


def test_build_classifier_is_seeded_and_names_its_feature_layer():
    a, b, c = (features.build_classifier(seed=s) for s in (3, 3, 4))
    assert a.get_layer("features").units == 64
    assert a.output.shape[-1] == 10
    assert all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights(),
                                                     strict=True))
    assert not np.array_equal(a.get_weights()[0], c.get_weights()[0])


# ----------------------------------------------------------------- Fréchet distance
def test_frechet_distance_of_a_set_with_itself_is_zero(clf, test_set):
    f = np.random.default_rng(0).normal(size=(300, 5))
    assert frechet_distance_from_features(f, f) == pytest.approx(0.0, abs=1e-9)
    x = test_set[0][:300]
    assert clf.frechet_distance(x, x) == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("case", ["1d", "diagonal", "non-commuting"])
def test_frechet_distance_equals_the_closed_form_for_gaussians(case):
    rng = np.random.default_rng(1)
    if case == "1d":
        (m1, s1), (m2, s2) = (0.5, 2.0), (-1.0, 0.5)
        f1 = with_moments(rng, 200, [m1], [[s1**2]])
        f2 = with_moments(rng, 300, [m2], [[s2**2]])
        expected = (m1 - m2) ** 2 + (s1 - s2) ** 2
    elif case == "diagonal":  # commuting covariances: sum of (sqrt a - sqrt b)^2
        mu1, mu2 = np.array([0.0, 1.0, 2.0]), np.array([1.0, 1.0, -1.0])
        v1, v2 = np.array([1.0, 4.0, 9.0]), np.array([4.0, 1.0, 0.25])
        f1 = with_moments(rng, 400, mu1, np.diag(v1))
        f2 = with_moments(rng, 250, mu2, np.diag(v2))
        expected = ((mu1 - mu2) ** 2).sum() + ((np.sqrt(v1) - np.sqrt(v2)) ** 2).sum()
    else:  # 2 × 2: tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)), an independent formula
        s1, s2 = np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([[1.0, -0.5], [-0.5, 4.0]])
        mu1, mu2 = np.array([1.0, 0.0]), np.array([0.0, 3.0])
        f1, f2 = with_moments(rng, 500, mu1, s1), with_moments(rng, 500, mu2, s2)
        m = s1 @ s2
        tr_sqrt = math.sqrt(np.trace(m) + 2 * math.sqrt(np.linalg.det(m)))
        expected = ((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * tr_sqrt
    assert frechet_distance_from_features(f1, f2) == pytest.approx(expected, rel=1e-9)
    assert frechet_distance_from_features(f2, f1) == pytest.approx(expected, rel=1e-9)


def test_real_baseline_is_positive_and_below_blurred_and_noise_images(clf, test_set):
    x = test_set[0]
    baseline = clf.real_baseline(x, seed=0)
    noise = np.random.default_rng(0).uniform(-1, 1, size=(500, 28, 28, 1))
    blurred = clf.frechet_distance(x[:500], blur(x[500:]))
    to_noise = clf.frechet_distance(x[:500], noise)
    print(f"real baseline {baseline:.2f}, blurred {blurred:.1f}, noise {to_noise:.1f}")
    assert baseline > 0
    assert 5 * baseline < blurred < to_noise
    assert clf.real_baseline(x, seed=0) == baseline  # seeded halves


# --------------------------------------------------------------- classes, entropy
def test_entropy_is_zero_for_one_class_and_log10_for_uniform():
    assert entropy(np.eye(10)[3]) == 0.0
    assert entropy(np.full(10, 0.1)) == pytest.approx(math.log(10))
    assert entropy([2, 2]) == pytest.approx(math.log(2))  # weights are normalised
    for bad in ([-0.5, 1.5], [0.0, 0.0], [np.nan, 1.0]):
        with pytest.raises(ValueError):
            entropy(bad)


def test_class_histogram_and_entropy_on_real_and_collapsed_sets(clf, test_set):
    x, y = test_set
    hist = clf.class_histogram(x)
    assert hist.shape == (10,) and hist.sum() == pytest.approx(1.0)
    assert np.allclose(hist, 0.1, atol=0.02)
    assert clf.class_entropy(x) == pytest.approx(math.log(10), abs=0.01)
    collapsed = np.repeat(x[:1], 50, axis=0)  # one image, fifty times: one class
    assert clf.class_entropy(collapsed) == 0.0
    assert clf.class_histogram(collapsed).max() == 1.0
    assert clf.mean_confidence(x) > 0.9


# ------------------------------------------------------------------ bad inputs
@pytest.mark.parametrize("bad, match", [
    (np.zeros((4, 28, 28)), r"\(n, 28, 28, 1\).*x\[\.\.\., None\]"),
    (np.zeros((4, 32, 32, 1)), r"\(n, 28, 28, 1\)"),
    (np.zeros((0, 28, 28, 1)), r"n >= 1"),
    (np.full((4, 28, 28, 1), 255.0), r"\[-1, 1\].*127\.5"),
    (np.full((4, 28, 28, 1), np.nan), r"NaN or inf"),
])
def test_bad_images_raise_a_clear_value_error(clf, bad, match):
    for method in (clf.predict, clf.features, clf.class_histogram, clf.real_baseline):
        with pytest.raises(ValueError, match=match):
            method(bad)
    with pytest.raises(ValueError, match=match):
        clf.frechet_distance(np.zeros((4, 28, 28, 1)), bad)


def test_bad_labels_and_features_raise_a_clear_value_error(clf, test_set):
    x, y = test_set
    with pytest.raises(ValueError, match="labels must be 10 digits"):
        clf.accuracy(x[:10], y[:9])
    with pytest.raises(ValueError, match="labels must be"):
        clf.accuracy(x[:3], [0, 1, 12])
    with pytest.raises(ValueError, match="at least 4"):
        clf.real_baseline(x[:3])
    with pytest.raises(ValueError, match="same dimension"):
        frechet_distance_from_features(np.zeros((5, 3)), np.zeros((5, 4)))
    with pytest.raises(ValueError, match="n >= 2"):
        frechet_distance_from_features(np.zeros((1, 3)), np.zeros((5, 3)))
    with pytest.raises(ValueError, match="NaN or inf"):
        frechet_distance_from_features(np.full((5, 3), np.inf), np.zeros((5, 3)))


# ------------------------------------------------------------- the weights file
@pytest.fixture
def data_copy(tmp_path):
    for name in (WEIGHTS, "SHA256SUMS"):
        shutil.copy(default_data_dir() / name, tmp_path / name)
    return tmp_path


def test_a_good_copy_loads_from_another_folder(data_copy, clf):
    other = features.load_classifier(data_dir=data_copy)
    x = np.zeros((2, 28, 28, 1)) - 1
    assert np.allclose(other.logits(x), clf.logits(x), atol=1e-6)


def test_a_damaged_weights_file_names_the_file_and_the_rebuild_command(data_copy):
    path = data_copy / WEIGHTS
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match="damaged") as err:
        features.load_classifier(data_dir=data_copy)
    assert str(path) in str(err.value) and REBUILD in str(err.value)


def test_a_missing_weights_file_names_the_file_and_the_rebuild_command(data_copy):
    (data_copy / WEIGHTS).unlink()
    with pytest.raises(FileNotFoundError, match="missing") as err:
        features.load_classifier(data_dir=data_copy)
    assert str(data_copy / WEIGHTS) in str(err.value) and REBUILD in str(err.value)


def test_a_checksum_list_without_the_weights_line_says_what_to_do(data_copy):
    sums = data_copy / "SHA256SUMS"
    kept = [ln for ln in sums.read_text().splitlines() if WEIGHTS not in ln]
    sums.write_text("\n".join(kept) + "\n")
    with pytest.raises(ValueError, match=f"no line for {WEIGHTS}.*{REBUILD}"):
        features.load_classifier(data_dir=data_copy)
    with pytest.raises(ValueError, match="data set name"):
        features.load_classifier(name="../mnist")


def test_disjoint_sets_draw_two_non_overlapping_sets_of_n_by_seed():
    x = np.arange(20) * 10
    a, b = features.disjoint_sets(x, 7, seed=3)
    assert len(a) == len(b) == 7 and not set(a) & set(b) and set(a) | set(b) <= set(x)
    a2, b2 = features.disjoint_sets(x, 7, seed=3)
    assert a.tolist() == a2.tolist() and b.tolist() == b2.tolist()
    assert features.disjoint_sets(x, 7, seed=4)[0].tolist() != a.tolist()


def test_disjoint_sets_refuse_too_few_items_and_a_bad_size():
    with pytest.raises(ValueError, match="at least 10 items, got 9"):
        features.disjoint_sets(np.zeros(9), 5)
    with pytest.raises(ValueError, match="n must be an int"):
        features.disjoint_sets(np.zeros(9), 0)
