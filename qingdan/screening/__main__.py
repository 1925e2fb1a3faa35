"""python -m qingdan.screening --catalog FILE --input QUERIES.tsv --output PRED.tsv (see batch.py)."""

import sys

from .batch import main

sys.exit(main())
