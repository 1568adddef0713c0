"""Japanese search that finds what people type and lands on the provision (DESIGN §8).

Material's search box, result list and keyboard stay; what is behind them changes.  The build writes what is
searched (`units`: clean text of every provision in force or upcoming), the spelling variants of its words
from a dictionary (`variants`) and the synonyms of terms language (`synonyms`) into small files
(`files`); the browser's worker (`theme/assets/javascripts/terms-search-worker.js`) fetches them when the reader
first searches, folds text and query alike (width, kana, long vowels, numerals, then the variants), and
matches substrings: no word segmentation, which Japanese queries defeat.
"""

from .files import INDEX, IndexFile, index_files, read_index
from .worker import WORKER, skip_material_index, use_our_worker

__all__ = ["INDEX", "WORKER", "IndexFile", "index_files", "read_index", "skip_material_index", "use_our_worker"]
