"""Lesson 08's own code (DCGAN): the guideline audit and the ablation variants
(``architecture``), the exercise checks (``checks``), training and evaluation helpers
(``recipe``), the pretrained generators (``pretrained``), latent walks and arithmetic
(``latent``), checkpoint/resume helpers (``resume``), a GAN whose replicas draw their own
noise (``distributed``), the ``tf.distribute`` timing run in a subprocess
(``strategy_demo``), figures (``figures``) and the latent-slider playground
(``playground``)."""
