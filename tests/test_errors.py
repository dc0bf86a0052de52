"""mtsum.errors: the one line each problem is told in."""

from mtsum.errors import ModelUnavailable


def test_torch_missing_reads_as_torch_missing_not_as_a_model():
    error = ModelUnavailable(
        "torch", "PyTorch is not installed", fix="pip install torch (CPU only: see README)"
    )
    assert "model torch" not in str(error)
    assert str(error).startswith("PyTorch is not installed")
    assert "pip install torch" in str(error)
