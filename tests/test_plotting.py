import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import fonts, i18n, plotting


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_image_grid_lays_out_images_in_rows():
    fig = plotting.image_grid(np.zeros((10, 28, 28, 1)), ncols=5, title="x")
    assert len(fig.axes) == 10
    assert fig.axes[0].images[0].get_array().shape == (28, 28)


def test_image_grid_rejects_wrong_shapes():
    with pytest.raises(ValueError, match="got shape"):
        plotting.image_grid(np.zeros((28, 28)))


def test_loss_curves_from_dict_and_unknown_key():
    fig = plotting.loss_curves({"d_loss": [1, 0.5], "g_loss": [2, 1]})
    assert len(fig.axes[0].lines) == 2
    with pytest.raises(ValueError, match="available"):
        plotting.loss_curves({"d_loss": [1]}, keys=["loss"])


def test_density_1d_draws_histograms_pdf_and_discriminator():
    real = np.random.default_rng(0).normal(size=(200, 1))
    fig = plotting.density_1d(real, real + 1, discriminator=lambda x: x[:, 0] * 3,
                              pdf=lambda g: np.exp(-g**2 / 2) / np.sqrt(2 * np.pi))
    main, right = fig.axes
    assert len(main.patches) == 120  # two histograms of 60 bins
    d = right.lines[0].get_ydata()
    assert d.min() >= 0 and d.max() <= 1  # logits went through a sigmoid


def test_samples_2d_checks_shapes_and_draws_the_surface():
    pts = np.random.default_rng(0).normal(size=(50, 2))
    fig = plotting.samples_2d(pts, pts, discriminator=lambda x: x[:, 0])
    assert len(fig.axes) == 2  # plot and colour bar
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        plotting.samples_2d(np.zeros((5, 3)))


def test_labels_fall_back_to_english_without_a_cjk_font(monkeypatch, capsys):
    monkeypatch.setattr(fonts, "cjk_font", lambda: None)
    monkeypatch.setattr(fonts, "_notice_shown", False)
    i18n.set_language("both")
    assert fonts.label("real", "真实") == "real"
    assert fonts.label("fake", "虚假") == "fake"
    assert capsys.readouterr().out.count("no CJK font") == 1


def test_labels_are_bilingual_with_a_cjk_font(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_font", lambda: "Noto Sans CJK SC")
    i18n.set_language("zh")
    try:
        assert fonts.label("real", "真实") == "真实"
    finally:
        i18n.set_language("both")


class _Font:
    def __init__(self, name):
        self.name = name


def test_cjk_font_detection_prefers_the_first_known_installed_font(monkeypatch):
    import matplotlib
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [_Font("DejaVu Sans"), _Font("SimHei"), _Font("WenQuanYi Zen Hei")])
    monkeypatch.setitem(matplotlib.rcParams, "font.sans-serif", ["DejaVu Sans"])
    fonts.cjk_font.cache_clear()
    try:
        assert fonts.cjk_font() == "WenQuanYi Zen Hei"  # listed before SimHei
        assert matplotlib.rcParams["font.sans-serif"][0] == "WenQuanYi Zen Hei"
        monkeypatch.setattr(font_manager.fontManager, "ttflist", [_Font("DejaVu Sans")])
        fonts.cjk_font.cache_clear()
        assert fonts.cjk_font() is None
    finally:
        fonts.cjk_font.cache_clear()


def test_image_rows_draws_one_labelled_row_per_entry_and_refuses_none():
    images = np.linspace(-1, 1, 5 * 28 * 28).reshape(5, 28, 28, 1)
    fig = plotting.image_rows({"x": images, "G(x)": images[:3]}, "rows")
    axes = np.array(fig.axes).reshape(2, 3)  # as many columns as the shortest row
    assert [ax.get_ylabel() for ax in axes[:, 0]] == ["x", "G(x)"]
    assert all(len(ax.images) == 1 for ax in axes.ravel())
    wider = plotting.image_rows({"x": images}, "rows", ncols=5, label_width=3.0)
    assert wider.get_size_inches()[0] == pytest.approx(5 * 1.0 + 3.0)
    assert plotting.image_rows({"x": images}).texts == [] and fig._suptitle is not None
    plt.close("all")
    with pytest.raises(ValueError, match="at least one row"):
        plotting.image_rows({}, "none")
