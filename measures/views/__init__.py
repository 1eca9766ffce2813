"""The pages of the measures part of the cycle, one module per subject."""
