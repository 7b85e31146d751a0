"""Development tools kept beside the product, not shipped in it (the wheel holds only
src/compliance): the tests and benchmarks import them from a checkout."""
