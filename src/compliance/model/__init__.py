"""Step 2 of the flow: raw instance → structural findings (FIL-*) and the typed board.

``structure`` decides which facts can be trusted; ``build`` turns the trusted ones into a
board with its schools and one set of plans per school and school year (``filing``: light
objects the rules read); ``documented`` makes the same board as pydantic models on demand.
"""
