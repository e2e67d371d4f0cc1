import numpy as np
import pytest
from PIL import Image

from course_utils.data.image_folder import load_faces, load_image_folder


def _write(folder, name, size=(6, 6), mode="L", value=128):
    Image.new(mode, size, value if mode == "L" else (value,) * 3).save(folder / name)


def test_a_folder_of_grey_images_loads_in_minus_one_to_one(tmp_path):
    _write(tmp_path, "a.png", value=0)
    _write(tmp_path, "b.jpg", value=255)
    x = load_image_folder(tmp_path)
    assert x.shape == (2, 6, 6, 1) and x.dtype == np.float32
    assert x[0].max() == -1.0 and x[1].min() > 0.9


def test_size_resizes_and_rgb_gives_three_channels(tmp_path):
    _write(tmp_path, "a.png", (10, 8), "RGB")
    _write(tmp_path, "b.png", (6, 6), "RGB")
    assert load_image_folder(tmp_path, size=4, mode="RGB").shape == (2, 4, 4, 3)


def test_an_empty_folder_says_there_is_no_image(tmp_path):
    (tmp_path / "notes.txt").write_text("no images here")
    with pytest.raises(ValueError, match="holds no image"):
        load_image_folder(tmp_path)
    with pytest.raises(FileNotFoundError, match="is not a folder"):
        load_image_folder(tmp_path / "missing")


def test_a_broken_file_is_named(tmp_path):
    _write(tmp_path, "a.png")
    (tmp_path / "b.png").write_bytes(b"not a png at all")
    with pytest.raises(ValueError, match="b.png is not a readable image"):
        load_image_folder(tmp_path)


def test_a_grey_file_in_an_rgb_folder_is_named(tmp_path):
    _write(tmp_path, "a.png", mode="RGB")
    _write(tmp_path, "b.png", mode="L")
    with pytest.raises(ValueError, match="b.png is in colour mode 'L'"):
        load_image_folder(tmp_path, mode="RGB")


def test_a_file_of_another_size_is_named_unless_size_is_given(tmp_path):
    _write(tmp_path, "a.png", (6, 6))
    _write(tmp_path, "b.png", (7, 6))
    with pytest.raises(ValueError, match="b.png is 7×6 pixels"):
        load_image_folder(tmp_path)
    assert load_image_folder(tmp_path, size=6).shape == (2, 6, 6, 1)


def test_lfw_faces_split_into_disjoint_train_and_held_out_parts():
    train, held = load_faces(split="train"), load_faces(split="held_out")
    assert train.shape == (80, 28, 28, 1) and held.shape == (20, 28, 28, 1)
    assert -1.0 <= train.min() and train.max() <= 1.0
    flat = {img.tobytes() for img in train}
    assert not any(img.tobytes() in flat for img in held)
    np.testing.assert_array_equal(load_faces(split="all")[:80], train)
    assert load_faces(size=25, split="held_out").shape == (20, 25, 25, 1)


def test_load_faces_names_bad_arguments():
    with pytest.raises(ValueError, match="Unknown split"):
        load_faces(split="test")
    with pytest.raises(ValueError, match="held_out must be an int"):
        load_faces(held_out=100)
