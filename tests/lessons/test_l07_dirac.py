"""Lesson 07's Dirac-GAN: the field, the iterations, the eigenvalues and their closed forms."""

import numpy as np
import pytest

from course_utils.lessons.l07_failure_to_converge import dirac


def test_f_prime_is_the_sigmoid_of_minus_t_and_one_for_wasserstein():
    t = np.array([-30.0, -1.0, 0.0, 2.0, 40.0])
    assert np.allclose(dirac.f_prime(t), 1.0 / (1.0 + np.exp(t)))
    assert dirac.f_prime(0.0) == pytest.approx(dirac.F_PRIME_0)
    assert np.all(dirac.f_prime(t, wasserstein=True) == 1.0)
    # f''(0) by a central difference of f'
    assert (dirac.f_prime(1e-5) - dirac.f_prime(-1e-5)) / 2e-5 == pytest.approx(
        dirac.F_SECOND_0, rel=1e-6)


def test_plain_field_is_minus_f_prime_psi_and_f_prime_theta_and_broadcasts():
    theta, psi = np.array([[0.3], [-1.2]]), np.array([0.5, 2.0, -0.7])
    d_theta, d_psi = dirac.vector_field(theta, psi)
    slope = 1.0 / (1.0 + np.exp(psi * theta))
    assert d_theta.shape == (2, 3)
    assert np.allclose(d_theta, -slope * psi) and np.allclose(d_psi, slope * theta)


def test_the_equilibrium_is_a_fixed_point_except_for_wgan_gp():
    for method in ("plain", "r1", "instance_noise", "wgan"):
        assert np.allclose(dirac.vector_field(0.0, 0.0, method), 0.0, atol=1e-15), method
    # WGAN-GP's penalty pushes |psi| towards 1: at psi = 0.5 it pushes up by gamma * 0.5
    assert dirac.vector_field(0.0, 0.5, "wgan_gp", gamma=2.0)[1] == pytest.approx(1.0)


def test_the_continuous_plain_flow_conserves_the_squared_radius():
    rng = np.random.default_rng(0)
    theta, psi = rng.normal(size=(2, 100)) * 2
    d_theta, d_psi = dirac.vector_field(theta, psi)
    assert np.allclose(theta * d_theta + psi * d_psi, 0.0, atol=1e-12)


def test_instance_noise_quadrature_matches_a_monte_carlo_estimate():
    theta, psi, sigma = 0.7, -0.4, 0.8
    eps = np.random.default_rng(0).normal(size=400_000) * sigma
    fp = dirac.f_prime
    mc_theta = -psi * fp(psi * (theta + eps)).mean()
    mc_psi = (fp(psi * (theta + eps)) * (theta + eps)).mean() - (fp(-psi * eps) * eps).mean()
    d_theta, d_psi = dirac.vector_field(theta, psi, "instance_noise", noise_std=sigma)
    assert d_theta == pytest.approx(mc_theta, abs=3e-3)
    assert d_psi == pytest.approx(mc_psi, abs=3e-3)


def test_minibatch_gradients_average_to_the_expected_field_and_spread_with_sigma():
    spreads = []
    for sigma in (0.0, 0.5, 2.0):
        g = dirac.minibatch_gradients(1.0, 1.0, sigma, 64, 4000, np.random.default_rng(0))
        assert g.shape == (4000, 2)
        method = "instance_noise" if sigma else "plain"
        expected = np.array(dirac.vector_field(1.0, 1.0, method, noise_std=sigma))
        standard_error = g.std(axis=0).max() / np.sqrt(4000)
        assert np.abs(g.mean(axis=0) - expected).max() <= 5 * standard_error + 1e-12
        spreads.append(g.std(axis=0)[1])
    assert spreads[0] < 1e-12 < spreads[1] < spreads[2]
    with pytest.raises(ValueError, match="batch must be an int"):
        dirac.minibatch_gradients(1.0, 1.0, 1.0, 0, 10, np.random.default_rng(0))
    with pytest.raises(ValueError, match="noise_std"):
        dirac.minibatch_gradients(1.0, 1.0, -1.0, 8, 10, np.random.default_rng(0))


def test_zero_instance_noise_is_the_plain_game():
    got = dirac.vector_field(0.4, 1.1, "instance_noise", noise_std=0.0)
    assert np.allclose(got, dirac.vector_field(0.4, 1.1))


@pytest.mark.parametrize(("method", "params"), [
    ("plain", {}), ("r1", {"gamma": 0.3}), ("r1", {"gamma": 1.0}), ("r1", {"gamma": 3.0}),
    ("instance_noise", {"noise_std": 1.0}), ("instance_noise", {"noise_std": 3.0}),
    ("wgan", {}),
])
def test_numerical_eigenvalues_match_the_closed_form(method, params):
    numerical = dirac.sorted_eigenvalues(dirac.numerical_jacobian(method, **params))
    assert np.allclose(numerical, dirac.closed_form_eigenvalues(method, **params), atol=1e-6)


def test_closed_forms_of_the_paper():
    assert np.allclose(dirac.closed_form_eigenvalues("plain"), [0.5j, -0.5j])
    assert np.allclose(dirac.closed_form_eigenvalues("r1", gamma=1.0), [-0.5, -0.5])
    gamma = 3.0
    root = np.sqrt(gamma ** 2 / 4 - 0.25)
    assert np.allclose(dirac.closed_form_eigenvalues("r1", gamma=gamma),
                       [-gamma / 2 + root, -gamma / 2 - root])
    assert np.all(dirac.closed_form_eigenvalues("r1", gamma=0.01).real < 0)
    with pytest.raises(ValueError, match="no Jacobian at the equilibrium"):
        dirac.closed_form_eigenvalues("wgan_gp")


def test_simultaneous_plain_steps_move_away_at_every_step_alternating_ones_do_not_drift():
    sim = dirac.simulate("plain", h=0.1, n_steps=300)
    assert np.all(np.diff(sim.distances) > 0)  # |x + h v|^2 = |x|^2 + h^2 |v|^2
    alt = dirac.simulate("plain", h=0.1, n_steps=300, mode="alternating")
    assert abs(alt.final_distance - alt.distances[0]) < 0.1 * alt.distances[0]
    assert sim.turned > 2 * np.pi and alt.turned > 2 * np.pi


def test_r1_converges_and_its_regimes_turn_or_not():
    under = dirac.simulate("r1", gamma=0.3, n_steps=500)
    critical = dirac.simulate("r1", gamma=1.0, n_steps=500)
    over = dirac.simulate("r1", gamma=3.0, n_steps=500)
    for traj in (under, critical, over):
        assert traj.final_distance < 0.05 * traj.distances[0]
    assert under.turned > 2 * np.pi
    assert critical.turned < np.pi and over.turned < np.pi


def test_wgan_clipping_keeps_psi_in_the_box_and_neither_wgan_converges():
    traj = dirac.simulate("wgan", clip=0.5, n_steps=300)
    assert np.all(np.abs(traj.points[1:, 1]) <= 0.5 + 1e-12)
    for method in ("wgan", "wgan_gp"):
        assert dirac.simulate(method, n_steps=500).final_distance > 0.5


def test_a_schedule_sets_the_noise_of_each_step():
    seen = []

    def schedule(k):
        seen.append(k)
        return 0.0

    traj = dirac.simulate("instance_noise", n_steps=5, noise_std=schedule)
    assert seen == [0, 1, 2, 3, 4]
    assert np.allclose(traj.points, dirac.simulate("plain", n_steps=5).points)


def test_a_too_large_step_blows_up_and_stops():
    traj = dirac.simulate("r1", gamma=0.3, h=5.0, n_steps=1000)
    assert traj.blew_up and len(traj.points) < 1001
    assert np.all(np.isfinite(traj.points))


def test_step_jacobian_is_one_plus_h_lambda_for_simultaneous_steps():
    h = 0.2
    for method, params in (("plain", {}), ("r1", {"gamma": 0.3}), ("r1", {"gamma": 3.0})):
        moduli = np.sort(np.abs(np.linalg.eigvals(dirac.step_jacobian(h, method, **params))))
        expected = np.sort(np.abs(1 + h * dirac.closed_form_eigenvalues(method, **params)))
        assert np.allclose(moduli, expected, atol=1e-6)
    alternating = dirac.step_jacobian(h, "plain", "alternating")
    assert np.linalg.det(alternating) == pytest.approx(1.0, abs=1e-6)


def test_max_stable_step_is_the_edge_of_local_convergence():
    for gamma in (0.3, 1.0, 3.0):
        bound = dirac.max_stable_step(gamma)
        inside = np.abs(np.linalg.eigvals(dirac.step_jacobian(0.95 * bound, "r1", gamma=gamma)))
        outside = np.abs(np.linalg.eigvals(dirac.step_jacobian(1.05 * bound, "r1", gamma=gamma)))
        assert inside.max() < 1 < outside.max()
    assert dirac.max_stable_step(0.3) == pytest.approx(0.3 / 0.25)
    assert dirac.max_stable_step(0.0) == 0.0


def test_format_complex_reads_like_the_eigenvalues():
    assert dirac.format_complex(-0.15 + 0.4769696j) == "-0.15+0.477i"
    assert dirac.format_complex(complex(-1e-12, -0.5)) == "0-0.5i"
    assert dirac.format_complex(-0.5 + 1e-13j) == "-0.5"
    assert dirac.format_complex(-2.91421356, digits=6) == "-2.91421"


def test_r1_regime_names():
    assert [dirac.r1_regime(g) for g in (0.0, 0.3, 1.0, 3.0)] == [
        "undamped", "underdamped", "critical", "overdamped"]


def test_winding_angle_counts_turns_and_skips_the_origin():
    angle = np.linspace(0, 4 * np.pi, 400)
    circle = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    assert dirac.winding_angle(circle) == pytest.approx(4 * np.pi)
    line = np.array([[1.0, 1.0], [0.5, 0.5], [0.0, 0.0], [0.1, 0.1]])
    assert dirac.winding_angle(line) == pytest.approx(0.0)
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        dirac.winding_angle(np.zeros(3))


@pytest.mark.parametrize(("call", "match"), [
    (lambda: dirac.vector_field(0, 0, "sgd"), "Unknown method 'sgd'"),
    (lambda: dirac.simulate(mode="together"), "Unknown mode 'together'"),
    (lambda: dirac.simulate(h=0.0), "step size h must be"),
    (lambda: dirac.simulate(n_steps=-1), "n_steps must be an int"),
    (lambda: dirac.vector_field(0, 0, "r1", gamma=-1.0), "gamma must be"),
    (lambda: dirac.vector_field(0, 0, "instance_noise", noise_std=np.nan), "noise_std must be"),
    (lambda: dirac.step((1, 1), 0.1, "wgan", clip=0.0), "clip must be"),
    (lambda: dirac.r1_regime(-0.1), "gamma must be"),
    (lambda: dirac.max_stable_step(np.inf), "gamma must be"),
])
def test_bad_input_gives_a_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
