"""Lesson 13: style and scale (StyleGAN, BigGAN's truncation trick, GANs on 100 faces)."""
