"""Generator and discriminator builders, as plain Keras 3 models.

A generator maps ``(batch, latent_dim)`` (and, conditioned, labels) to a sample; a
discriminator maps a sample to one logit per example ``(batch, 1)``; real = 1, fake = 0.
Every builder takes ``seed`` for reproducible initial weights.
"""

from course_utils.models.attention import (
    SelfAttention,
    attention_maps,
    sagan_discriminator,
    sagan_generator,
)
from course_utils.models.blocks import MinibatchStdDev, Pack, packed_discriminator
from course_utils.models.conditional import (
    conditional_conv_discriminator,
    conditional_conv_generator,
    conditional_mlp_discriminator,
    conditional_mlp_generator,
)
from course_utils.models.coupled import coupled_discriminator, coupled_generator
from course_utils.models.cycle import cycle_discriminator, cycle_generator
from course_utils.models.dcgan import dcgan_discriminator, dcgan_generator
from course_utils.models.mlp import mlp_discriminator, mlp_generator
from course_utils.models.patchgan import (
    RECEPTIVE_FIELDS,
    patchgan_discriminator,
    receptive_field,
)
from course_utils.models.progressive import (
    EqualizedConv2D,
    EqualizedDense,
    PixelNorm,
    ProgressiveDiscriminator,
    ProgressiveGenerator,
    progressive_discriminator,
    progressive_generator,
)
from course_utils.models.srresnet import srresnet_generator
from course_utils.models.style import (
    STYLE_LEVELS,
    AdaIN,
    ConditionalBatchNorm,
    ConstantInput,
    NoiseInput,
    StyleGenerator,
    adain,
    mapping_network,
)
from course_utils.models.unet import unet_generator
from course_utils.models.wavegan import wavegan_discriminator, wavegan_generator

__all__ = ["MinibatchStdDev", "Pack", "conditional_conv_discriminator",
           "conditional_conv_generator", "conditional_mlp_discriminator",
           "conditional_mlp_generator",
           "dcgan_discriminator", "dcgan_generator", "mlp_discriminator", "mlp_generator",
           "packed_discriminator"]
__all__ += ["RECEPTIVE_FIELDS", "patchgan_discriminator", "receptive_field", "unet_generator",
            "wavegan_discriminator", "wavegan_generator"]
__all__ += ["EqualizedConv2D", "EqualizedDense", "PixelNorm", "ProgressiveDiscriminator",
            "ProgressiveGenerator", "SelfAttention", "attention_maps", "progressive_discriminator",
            "progressive_generator", "sagan_discriminator", "sagan_generator"]
__all__ += ["coupled_discriminator", "coupled_generator", "cycle_discriminator",
            "cycle_generator"]
__all__ += ["STYLE_LEVELS", "AdaIN", "ConditionalBatchNorm", "ConstantInput", "NoiseInput",
            "StyleGenerator", "adain", "mapping_network"]
__all__ += ["srresnet_generator"]
