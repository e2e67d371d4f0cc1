"""Lesson 08 under tf.distribute: the two-device run in a subprocess (logical devices must be
set before TensorFlow initialises them)."""

import numpy as np
import pytest
import tensorflow as tf

from course_utils.lessons.l08_dcgan import distributed, recipe, strategy_demo


def test_the_same_noise_check_needs_two_replicas():
    gan = recipe.make_gan(8, 2, seed=0)
    with pytest.raises(ValueError, match="two or more replicas"):
        distributed.replicas_draw_the_same_noise(gan, tf.distribute.get_strategy())


@pytest.mark.slow
def test_two_replicas_in_a_subprocess():
    result = strategy_demo.run(steps=3, batch=16, base_filters=2, seed=0)
    runs = {r["run"]: r for r in result["runs"]}
    assert runs["one device"]["replicas"] == 1 and runs["2 replicas"]["replicas"] == 2
    assert runs["2 replicas"]["per_replica_batch"] == 8
    assert runs["one device"]["max_weight_difference"] == 0.0
    assert all(np.isfinite([r["d_loss"], r["g_loss"], r["step_ms"]]).all()
               for r in result["runs"])
    assert result["replicas_draw_the_same_noise"] == {"GAN": False}
    sync, per_replica = (runs[k]["mean_weight_difference"] for k in ("2 replicas, sync BN",
                                                                      "2 replicas"))
    assert sync * 10 < per_replica
    assert runs["2 replicas"]["median_weight_difference"] <= per_replica


def test_bad_arguments_stop_the_script_with_a_usage_error(capsys):
    with pytest.raises(SystemExit):
        strategy_demo.main(["--batch", "7"])
    assert "even --batch" in capsys.readouterr().err


def test_a_failing_child_is_reported_with_its_stderr():
    with pytest.raises(RuntimeError, match="failed"):
        strategy_demo.run(steps=1)
