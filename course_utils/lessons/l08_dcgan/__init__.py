"""Lesson 08's own code (DCGAN): the guideline audit and the ablation variants
(``architecture``), the exercise checks (``checks``), training and evaluation helpers
(``recipe``), the pretrained generators (``pretrained``), latent walks (``latent``),
checkpoint/resume helpers (``resume``), the ``tf.distribute`` timing run in a subprocess
(``strategy_demo``), figures (``figures``) and the latent-slider playground
(``playground``)."""
