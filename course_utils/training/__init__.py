"""The course's trainers: ``keras.Model`` subclasses whose ``train_step`` plays the game.

``steps`` holds THE discriminator and generator updates; ``base.AdversarialModel`` what every
trainer shares; ``GAN`` (lesson 03) and its siblings (``UnrolledGAN``, lesson 06;
``ConditionalGAN``, lesson 09; ``Pix2Pix``, lesson 10; ``CycleGAN`` and ``CoGAN``, lesson 11;
``ProgressiveGAN``, lesson 12) call them.
"""

from course_utils.training import restart, steps
from course_utils.training.base import AdversarialModel
from course_utils.training.cogan import CoGAN
from course_utils.training.conditional import ConditionalGAN
from course_utils.training.cycle import CycleGAN, ImagePool
from course_utils.training.divergence import DivergenceGuard, TrainingDiverged
from course_utils.training.gan import GAN, make_rules
from course_utils.training.paired import Pix2Pix
from course_utils.training.progressive import FadeIn, GrowthSchedule, ProgressiveGAN
from course_utils.training.unrolled import UnrolledGAN

__all__ = ["AdversarialModel", "ConditionalGAN", "DivergenceGuard", "GAN", "TrainingDiverged",
           "UnrolledGAN", "make_rules", "restart", "steps"]
__all__ += ["FadeIn", "GrowthSchedule", "Pix2Pix", "ProgressiveGAN"]
__all__ += ["CoGAN", "CycleGAN", "ImagePool"]
