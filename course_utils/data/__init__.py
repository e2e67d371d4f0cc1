"""Data for the course: toy distributions (``toys``), the bundled image sets (``images``:
MNIST and Fashion-MNIST subsets) and ``tf.data`` pipelines (``pipelines``).

Every generator is seeded and returns float32 NumPy arrays; importing this package does
not import TensorFlow (only :func:`make_dataset` and ``load_mnist(source="keras")`` do).

课程数据：玩具分布、随仓库附带的图像子集与 ``tf.data`` 管道。所有生成函数都接受
``seed``，相同种子得到相同数据；导入本包不会导入 TensorFlow。
"""

from course_utils.data.domains import PAIRED_TASKS, PairedData, paired_task
from course_utils.data.image_folder import load_faces, load_image_folder
from course_utils.data.images import (
    FASHION_CLASSES,
    MNIST_FILE,
    SOURCES,
    SPLITS,
    default_data_dir,
    load_fashion_mnist,
    load_mnist,
)
from course_utils.data.pipelines import make_dataset
from course_utils.data.toys import (
    class_gaussians_2d,
    grid_centres,
    grid_of_gaussians,
    mixture_1d,
    mixture_1d_pdf,
    ring_centres,
    ring_of_gaussians,
    swiss_roll,
)

__all__ = [
    "FASHION_CLASSES", "MNIST_FILE", "SOURCES", "SPLITS", "class_gaussians_2d",
    "default_data_dir", "grid_centres", "grid_of_gaussians", "load_fashion_mnist",
    "load_mnist", "make_dataset", "mixture_1d", "mixture_1d_pdf", "ring_centres",
    "ring_of_gaussians", "swiss_roll",
]
__all__ += ["PAIRED_TASKS", "PairedData", "load_faces", "load_image_folder", "paired_task"]
