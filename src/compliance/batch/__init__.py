"""`compliance batch`: judge a year of filings in parallel, one result per filing.

The flow, one concern per module: ``inputs`` finds the filings; ``resume`` decides which
earlier results still hold; ``pool`` runs the rest in worker processes (``worker``) with a
time limit and recovery from dead workers; ``records`` is the compact form a result travels
in; ``monitoring`` turns per-plan outcomes into the ministry's figures and ``summary`` adds
them up; ``outputs``, ``csv_report`` and ``html_report`` (charts from ``svg``) write the
files in ``--out`` atomically; ``progress`` tells a person at a terminal how far it got;
``words`` holds the batch's own Dutch and English; ``runner`` ties it together.
"""

from compliance.batch.runner import BatchOptions, BatchOutcome, run_batch

__all__ = ["BatchOptions", "BatchOutcome", "run_batch"]
