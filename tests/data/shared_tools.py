"""Puts the scorer's tools on the import path for the scripts beside it:
../shared/tools, or $PROOFDESK_SHARED/tools. They are read at run time;
nothing of them is copied into the repository.

    import shared_tools  # noqa: F401  (then: from score import ...)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("PROOFDESK_SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
TOOLS = os.path.join(SHARED, "tools")
if TOOLS not in sys.path:
    sys.path.insert(0, TOOLS)
