"""Lesson 08's own code (DCGAN): the guideline table and audit (``architecture``; the network
itself is ``course_utils.models.dcgan_generator`` / ``dcgan_discriminator``), the exercise
checks (``checks``), training and evaluation helpers (``recipe``), the one-player batch-norm
ablation and its verdicts (``ablation``), the linear probe on D's features (``probe``), the
pretrained generators (``pretrained``), latent walks and arithmetic (``latent``),
checkpoint/resume helpers (``resume``), a GAN whose replicas draw their own noise
(``distributed``), the ``tf.distribute`` timing run in a subprocess (``strategy_demo``),
figures (``figures``) and the latent-slider playground (``playground``)."""
