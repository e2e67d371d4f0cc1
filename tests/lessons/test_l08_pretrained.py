"""The pretrained generators in data/: their quality, and a clear error when a file is missing
or damaged. The quality is measured on fixed noise, so it depends on the stored weights only."""

import shutil

import numpy as np
import pytest

from course_utils import data
from course_utils.data.images import default_data_dir
from course_utils.lessons.l08_dcgan import ablation, pretrained


@pytest.fixture(scope="module", params=pretrained.DATASETS)
def measured(request):
    generator = pretrained.load_generator(request.param)
    return request.param, generator, pretrained.measure(generator, request.param)


def test_pretrained_generator_is_within_the_quality_bar(measured):
    name, _, ev = measured
    assert ev.ratio <= pretrained.RATIO_MAX, (name, ev.as_dict())


def test_pretrained_generator_produces_all_ten_classes(measured):
    name, _, ev = measured
    assert ev.classes_present(0.01) == 10, (name, ev.histogram)


def test_pretrained_generator_is_trained_and_its_samples_vary_like_real_data(measured):
    name, generator, _ = measured
    fresh = pretrained.build_generator()
    assert any(not np.array_equal(a, b)
               for a, b in zip(generator.get_weights(), fresh.get_weights(), strict=True))
    x = np.asarray(generator(pretrained.eval_noise()[:300], training=False))
    loader = {"mnist": data.load_mnist, "fashion_mnist": data.load_fashion_mnist}[name]
    real = loader(split="train")[0][:300]
    assert x.shape == (300, 28, 28, 1)
    assert ablation.spread(x) > ablation.SPREAD_MIN * ablation.spread(real), name


def test_eval_noise_is_fixed():
    np.testing.assert_array_equal(pretrained.eval_noise(), pretrained.eval_noise())
    assert pretrained.eval_noise().shape == (pretrained.EVAL_N, pretrained.LATENT_DIM)


def _copy_data(tmp_path):
    for f in ("SHA256SUMS", "mnist_5k.npz", "mnist_classifier.weights.h5",
              pretrained.FILE.format(name="mnist")):
        shutil.copy(default_data_dir() / f, tmp_path / f)
    return tmp_path / pretrained.FILE.format(name="mnist")


def test_a_missing_file_says_how_to_rebuild_it(tmp_path):
    _copy_data(tmp_path).unlink()
    with pytest.raises(FileNotFoundError, match="pretrain_generators.py --dataset mnist"):
        pretrained.load_generator("mnist", data_dir=tmp_path)


def test_a_damaged_file_is_refused_by_its_checksum(tmp_path):
    path = _copy_data(tmp_path)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match="damaged.*git checkout"):
        pretrained.load_generator("mnist", data_dir=tmp_path)


def test_an_unknown_data_set_is_refused():
    with pytest.raises(ValueError, match="Unknown data set"):
        pretrained.load_generator("cifar10")
