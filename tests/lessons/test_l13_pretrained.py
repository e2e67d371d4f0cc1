"""The stored runs of lesson 13 (data/style_and_scale_generators.npz): loading, errors, and
their quality against trivial baselines."""

import numpy as np
import pytest

from course_utils.lessons.l13_style_and_scale import pretrained, study


def test_unknown_runs_are_named():
    with pytest.raises(ValueError, match="No stored run 'faces/plain/seed7'"):
        pretrained.face_generator("plain", 7)
    with pytest.raises(ValueError, match="No stored run 'style/seed3'"):
        pretrained.style_generator(3)
    assert pretrained.STYLE_SEEDS == (0, 1)


def test_a_damaged_file_says_how_to_restore_it(tmp_path):
    (tmp_path / pretrained.FILE).write_bytes(b"damaged")
    (tmp_path / "SHA256SUMS").write_text("0" * 64 + f"  {pretrained.FILE}\n")
    with pytest.raises(ValueError, match="pretrain_style_and_scale.py"):
        pretrained.gap_curve("plain", 0, data_dir=tmp_path)


def test_stored_gap_curves_start_at_zero_and_the_plain_gap_opens():
    for seed in pretrained.FACE_SEEDS:
        plain, augmented = (pretrained.gap_curve(v, seed) for v in pretrained.FACE_VARIANTS)
        assert list(plain["step"]) == list(range(0, 3001, 100))
        assert abs(plain["gap"][0]) < 0.1 and abs(augmented["gap"][0]) < 0.1
        assert study.final_gap(plain) > 0.25
        assert study.final_gap(augmented) < study.final_gap(plain) - 0.25


def test_stored_face_generators_beat_an_untrained_one_on_held_out_kid():
    from course_utils.data.image_folder import load_faces
    from course_utils.lessons.l13_style_and_scale import recipe

    held_out = load_faces(split="held_out")
    z = np.random.default_rng(0).standard_normal((500, 32)).astype("float32")
    untrained = study.face_kid(np.asarray(recipe.face_gan(seed=0)[0].generator(z)), held_out)
    for v in pretrained.FACE_VARIANTS:
        for s in pretrained.FACE_SEEDS:
            kid = study.face_kid(np.asarray(pretrained.face_generator(v, s)(z)), held_out)
            assert kid < 0.75 * untrained, (v, s, kid, untrained)  # KID on 20 faces is noisy


def test_stored_style_generator_covers_the_digits_unlike_an_untrained_one():
    from course_utils.data import load_mnist
    from course_utils.metrics import load_classifier
    from course_utils.models.style import StyleGenerator

    clf = load_classifier("mnist")
    x_test, _ = load_mnist(split="test")
    z = np.random.default_rng(0).standard_normal((1000, 32)).astype("float32")
    untrained = np.clip(np.asarray(StyleGenerator(32, seed=0)(z)), -1, 1)
    untrained_shares = np.bincount(clf.predict(untrained), minlength=10) / len(z)
    assert untrained_shares.max() > 0.25, untrained_shares
    untrained_frechet = clf.frechet_distance(untrained, x_test)  # ~156
    for seed in pretrained.STYLE_SEEDS:
        stored = np.asarray(pretrained.style_generator(seed)(z))
        shares = np.bincount(clf.predict(stored), minlength=10) / len(z)
        assert (shares >= 0.05).sum() >= 8 and shares.max() <= 0.25, (seed, shares)  # 8–9, ≤ 19 %
        assert shares.min() > 0, (seed, shares)  # every digit appears
        frechet = clf.frechet_distance(stored, x_test)  # seed 0 ~38, seed 1 ~30
        assert frechet < 60 < 0.5 * untrained_frechet, (seed, frechet, untrained_frechet)
